/** Download file names and their Content-Disposition header. Pure. */

/** "Justice for Khojaly (campaign page)" → "justice-for-khojaly-campaign-page"; ASCII letters and digits only. */
export function slug(name: string, fallback = "export"): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || fallback
  );
}

/** `<slug>-<YYYY-MM-DD>.<ext>`, dated (UTC) by when the report was generated. */
export function exportFileName(options: { name: string; generatedAt: string; extension: string }): string {
  return `${slug(options.name)}-${options.generatedAt.slice(0, 10)}.${options.extension}`;
}

/**
 * `attachment` with both forms of the name (RFC 6266): `filename=` in ASCII for old clients,
 * `filename*=UTF-8''` percent-encoded for the rest. Quotes and backslashes cannot break out of
 * the quoted form.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
