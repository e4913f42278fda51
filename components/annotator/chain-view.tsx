import type { TChainHop } from "@/lib/annotations/schemas";

/** The chain read-only, for everyone: this document → hop 1 → hop 2 … */
export function ChainView({ chain }: { chain: TChainHop[] }) {
  if (chain.length === 0) return null;
  return (
    <ol className="chain" aria-label="Attribution chain">
      <li>This document</li>
      {chain.map((hop, i) => (
        <li key={i}>
          <span aria-hidden="true">→</span> <span className="sr-only">quoting </span>
          {hop.label}
          {hop.locator && <>, {hop.locator}</>}
          {hop.note && <span className="muted"> ({hop.note})</span>}
        </li>
      ))}
    </ol>
  );
}
