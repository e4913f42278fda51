import "server-only";
import { parseInput, readBodyCapped, readJson } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import type { TImportSource } from "@/lib/documents/intake";
import { ZCreateDocument, ZDocumentTitle, ZImportUrl, type TCreateDocument } from "@/lib/documents/schemas";
import { MAX_IMPORT_BYTES } from "@/lib/intake/extract";
import { z } from "zod";

/** A multipart body holds the file and a few short fields: the file's limit and room for the rest. */
const MAX_MULTIPART_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

const ZMultipartFields = z.strictObject({
  workspaceId: z.string().min(1, "Choose a workspace"),
  title: ZDocumentTitle.optional(),
});

export type TDocumentUpload =
  | { kind: "text"; input: TCreateDocument; workspaceId: string; title: string; source: TImportSource }
  | { kind: "import"; workspaceId: string; title?: string; source: TImportSource };

/** Reads POST /api/v1/documents: pasted text or a URL as JSON, a file as multipart/form-data. */
export async function readDocumentUpload(req: Request): Promise<TDocumentUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) {
    const bytes = await readBodyCapped(req, MAX_MULTIPART_BYTES).catch((error: unknown) => {
      if (!(error instanceof AppError) || error.code !== "PAYLOAD_TOO_LARGE") throw error;
      const message = `The file is larger than the ${MAX_IMPORT_BYTES / (1024 * 1024)} MB limit`;
      throw new AppError("PAYLOAD_TOO_LARGE", message, { file: message });
    });
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new AppError("BAD_REQUEST", "The multipart body could not be read");
    }
    const file = form.get("file");
    const fields: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (key !== "file" && typeof value === "string") fields[key] = value;
    if (fields.title === "") delete fields.title;
    const { workspaceId, title } = parseInput(ZMultipartFields, fields);
    if (!(file instanceof File)) throw new AppError("VALIDATION", "Choose a file", { file: "Choose a file to upload" });
    return { kind: "import", workspaceId, title, source: { kind: "file", bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, contentType: file.type } };
  }
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  if ("url" in body) {
    const { workspaceId, url, title } = parseInput(ZImportUrl, body);
    return { kind: "import", workspaceId, title, source: { kind: "url", url } };
  }
  const input = parseInput(ZCreateDocument, body);
  const source: TImportSource = { kind: "file", bytes: new TextEncoder().encode(input.text), fileName: `${input.title}.txt`, contentType: "text/plain" };
  return { kind: "text", input, workspaceId: input.workspaceId, title: input.title, source };
}
