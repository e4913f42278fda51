import Link from "next/link";
import type { Ref } from "react";
import { StatusBadge } from "@/components/annotator/status-badge";
import { shorten } from "@/lib/anchoring/selectors";
import type { TAnnotationImportPreview, TImportPreviewItem, TImportState } from "@/lib/imports/schemas";

const GROUP_LABEL: Record<TImportState, string> = { anchored: "Anchored", moved: "Moved", failed: "Failed" };
const GROUP_HINT: Record<TImportState, string> = {
  anchored: "found where the file places them",
  moved: "found elsewhere, or with slightly different words",
  failed: "not found in this text",
};
const BY_LABEL = { id: "linked by the file", url: "same URL", title: "same title" } as const;

function Source({ item }: { item: TImportPreviewItem }) {
  if (!item.source) return <span className="muted">None</span>;
  if (item.source.id) {
    return (
      <>
        <Link href={`/sources/${item.source.id}`}>{shorten(item.source.label, 80)}</Link> <span className="muted">({BY_LABEL[item.source.by ?? "title"]})</span>
      </>
    );
  }
  return (
    <>
      <span className="badge">New</span> {shorten(item.source.label, 80)}
    </>
  );
}

function Status({ item }: { item: TImportPreviewItem }) {
  return (
    <>
      <StatusBadge status={item.status} />
      {item.statusNote && <div className="hint">{item.statusNote}</div>}
      {item.evidenceCopied > 0 && (
        <div className="hint">
          {item.evidenceCopied} evidence {item.evidenceCopied === 1 ? "item" : "items"} copied
        </div>
      )}
    </>
  );
}

const span = (start?: number, end?: number) => (start === undefined || end === undefined ? "—" : `${start}–${end}`);

function Group({ state, items }: { state: TImportState; items: TImportPreviewItem[] }) {
  const caption = `${GROUP_LABEL[state]} (${items.length})`;
  if (items.length === 0) return <p className="muted">{caption}: none.</p>;
  return (
    <table className={`table import-group import-${state}`}>
      <caption>
        {caption}: {GROUP_HINT[state]}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Quote</th>
          {state === "anchored" && <th scope="col">Position</th>}
          {state === "moved" && <th scope="col">Old → new position</th>}
          {state === "moved" && <th scope="col">Similarity</th>}
          {state === "failed" && <th scope="col">Why</th>}
          <th scope="col">Source</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.index}>
            <td className="num">{item.index + 1}</td>
            <th scope="row">
              <q>{shorten(item.exact, 120)}</q>
              {item.found && (
                <div className="hint">
                  Found as <q>{shorten(item.found, 120)}</q>
                </div>
              )}
            </th>
            {state === "anchored" && <td>{span(item.start, item.end)}</td>}
            {state === "moved" && (
              <td>
                {span(item.oldStart, item.oldEnd)} → {span(item.start, item.end)}
              </td>
            )}
            {state === "moved" && <td className="num">{Math.round((item.similarity ?? 0) * 100)}%</td>}
            {state === "failed" && <td>{item.reason}</td>}
            <td>
              <Source item={item} />
            </td>
            <td>
              <Status item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The preview: the file's annotations grouped by whether and how they were found in the text. */
export function ImportPreview({ preview, headingRef }: { preview: TAnnotationImportPreview; headingRef: Ref<HTMLHeadingElement> }) {
  const { counts } = preview;
  return (
    <section aria-labelledby="import-preview-heading" className="stack import-preview">
      <h2 id="import-preview-heading" ref={headingRef} tabIndex={-1}>
        Preview: {counts.anchored} anchored, {counts.moved} moved, {counts.failed} failed
      </h2>
      {(["anchored", "moved", "failed"] as const).map((state) => (
        <Group key={state} state={state} items={preview.items.filter((i) => i.state === state)} />
      ))}
    </section>
  );
}
