/**
 * The entry names of a ZIP archive, read from its central directory (APPNOTE 4.3.12/4.3.16)
 * without inflating anything, so that sniffing a .docx stays synchronous and cheap. Pure.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;

/** The names, or null when the directory cannot be read (a truncated or damaged archive). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const floor = Math.max(0, bytes.byteLength - EOCD_SEARCH);
  for (let at = bytes.byteLength - 22; at >= floor; at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    const count = view.getUint16(at + 10, true);
    const offset = view.getUint32(at + 16, true);
    const names = readDirectory(bytes, view, offset, count);
    if (names) return names;
  }
  return null;
}

function readDirectory(bytes: Uint8Array, view: DataView, offset: number, count: number): string[] | null {
  const names: string[] = [];
  const decoder = new TextDecoder("utf-8");
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.byteLength) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
