import { z } from "zod";

export const ZDocumentTitle = z.string().trim().min(1, "Give the document a title").max(300, "At most 300 characters");

export const ZCreateDocument = z.strictObject({
  workspaceId: z.string().min(1, "Choose a workspace"),
  title: ZDocumentTitle,
  text: z.string({ error: "Paste the text or upload a file" }),
});
export type TCreateDocument = z.infer<typeof ZCreateDocument>;

export const ZRenameDocument = z.strictObject({ title: ZDocumentTitle });
export type TRenameDocument = z.infer<typeof ZRenameDocument>;
