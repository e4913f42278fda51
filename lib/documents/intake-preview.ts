/** The import preview's shape, shared by the server and the browser (no server imports). */
import type { TDocumentFormat } from "@/lib/documents/schemas";

/** What the reviewer sees before anything is saved. */
export type TImportPreview = {
  format: TDocumentFormat;
  title: string;
  metadata: {
    authors: string[];
    publisher: string | null;
    datePublished: string | null;
    originalUrl: string | null;
    retrievedAt: string | null;
    archivedUrl: string | null;
    language: string | null;
  };
  length: number;
  pageCount: number | null;
  pages: { number: number; start: number }[] | null;
  emptyPages: number[];
  firstLines: string[];
  warnings: { code: string; message: string; count?: number }[];
  original: { sha256: string; size: number; mediaType: string; fileName: string | null };
};

