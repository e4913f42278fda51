/**
 * The text of an HTML file in its own charset, found as browsers find it (WHATWG encoding
 * sniffing, simplified): a byte-order mark, then the Content-Type's charset, then a <meta> in the
 * first bytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252. Pure.
 */

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

export function decodeHtml(bytes: Uint8Array, contentType?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const declared = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? META_CHARSET.exec(new TextDecoder("latin1").decode(bytes.subarray(0, 4096)))?.[1];
  // A page that declares UTF-16 in ASCII bytes is not UTF-16 (WHATWG: treat it as UTF-8).
  if (declared && !/^utf-?16/i.test(declared)) {
    const text = decode(declared, bytes);
    if (text !== null) return text;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function decode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return null; // a label TextDecoder does not know
  }
}
