import type { TReport } from "@/lib/reports/schemas";

/** What a renderer makes of a report: the file's bytes or text, its media type and file extension. */
export type TRendered = { body: Buffer | string; contentType: string; extension: string };

/** Every export format has one (lib/exports/registry.ts). */
export type TRenderer = (report: TReport) => Promise<TRendered>;
