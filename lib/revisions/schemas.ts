import { z } from "zod";

export const ZCreateRevision = z.strictObject({
  baseRevision: z.number().int().min(1, "Name the revision the edit was made on"),
  text: z.string(),
  reason: z.string().trim().min(1, "Say briefly why the text changed").max(300, "At most 300 characters"),
});
export type TCreateRevision = z.infer<typeof ZCreateRevision>;

export const ZRevisionNumber = z.coerce.number().int().min(1, "A revision number is 1 or more");
export const ZDiffQuery = z.strictObject({ from: ZRevisionNumber, to: ZRevisionNumber });

export const ZRecheck = z.strictObject({ version: z.number().int().min(1) });
