import { describe, expect, it } from "vitest";
import { paragraphDoc } from "./prosemirror";

describe("paragraphDoc", () => {
  it("makes one paragraph per line and keeps blank lines and spacing", () => {
    const doc = paragraphDoc("Khojaly\n\n  613 killed\n");
    expect(doc.content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "Khojaly" }] },
      { type: "paragraph" },
      { type: "paragraph", content: [{ type: "text", text: "  613 killed" }] },
      { type: "paragraph" },
    ]);
  });

  it("round-trips: joining paragraph texts with newlines gives the text back", () => {
    const text = "a\n\nb ─── c\n😀";
    const back = paragraphDoc(text).content!.map((p) => p.content?.[0]?.text ?? "").join("\n");
    expect(back).toBe(text);
  });
});
