/** The import preview's shape, shared by the server and the browser (no server imports). */
import type { TDocumentFormat, TDocumentMetadata } from "@/lib/documents/schemas";

/** What the reviewer sees before anything is saved. */
export type TImportPreview = {
  format: TDocumentFormat;
  title: string;
  /** As the API shows it (retrievedAt an ISO string). */
  metadata: TDocumentMetadata;
  length: number;
  pageCount: number | null;
  pages: { number: number; start: number }[] | null;
  emptyPages: number[];
  firstLines: string[];
  warnings: { code: string; message: string; count?: number }[];
  original: { sha256: string; size: number; mediaType: string; fileName: string | null };
};

