/**
 * The canonical text as a ProseMirror document: one paragraph per line, an empty line an empty
 * paragraph, so every character keeps its place and line breaks survive exactly. Pure.
 */
export type TPmNode = { type: string; content?: TPmNode[]; text?: string };

export function paragraphDoc(text: string): TPmNode {
  return {
    type: "doc",
    content: text.split("\n").map((line) => (line === "" ? { type: "paragraph" } : { type: "paragraph", content: [{ type: "text", text: line }] })),
  };
}
