/**
 * POST /api/v1/documents from the browser with upload progress (fetch has none for request bodies):
 * a file as multipart, or a web address as JSON. Resolves with the status and the parsed answer.
 */
import type { TImportPreview } from "@/lib/documents/intake-preview";
import type { TAppErrorBody } from "@/lib/errors";

export type TImportAnswer =
  /** A dry run gives the preview; a stored import gives the new document's id. */
  | { ok: true; preview: TImportPreview | null; id: string | null }
  | { ok: false; status: number; error: TAppErrorBody };

export type TImportRequest = { workspaceId: string; dryRun: boolean; title?: string } & ({ file: File } | { url: string });

export function requestImport(request: TImportRequest, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<TImportAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/documents${request.dryRun ? "?dryRun=1" : ""}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    const failed = (message: string) => resolve({ ok: false, status: 0, error: { code: "UNAVAILABLE", message } });
    xhr.onerror = () => failed("The upload failed: the server could not be reached");
    xhr.onabort = () => failed("The upload was cancelled");
    xhr.onload = () => {
      const body = xhr.response as { preview?: TImportPreview; id?: string; warnings?: TImportPreview["warnings"]; error?: TAppErrorBody } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        onProgress?.(1);
        // A dry run answers { preview }; a stored import answers the document, with its warnings.
        resolve({ ok: true, preview: body.preview ?? null, id: body.id ?? null });
      } else {
        resolve({ ok: false, status: xhr.status, error: body?.error ?? { code: "UNAVAILABLE", message: `The server answered ${xhr.status}` } });
      }
    };
    signal?.addEventListener("abort", () => xhr.abort());
    if ("file" in request) {
      const form = new FormData();
      form.set("workspaceId", request.workspaceId);
      if (request.title) form.set("title", request.title);
      form.set("file", request.file);
      xhr.send(form);
    } else {
      xhr.setRequestHeader("content-type", "application/json");
      xhr.send(JSON.stringify({ workspaceId: request.workspaceId, url: request.url, ...(request.title ? { title: request.title } : {}) }));
    }
  });
}
