/**
 * The files of a drop, folders walked to every file inside them (the File and Directory Entries API,
 * which every current browser has for drops). Hidden files (".DS_Store") are left out.
 */
type TEntry = { isFile: boolean; isDirectory: boolean; name: string };
type TFileEntry = TEntry & { file: (ok: (file: File) => void, fail: (error: unknown) => void) => void };
type TDirectoryEntry = TEntry & { createReader: () => { readEntries: (ok: (entries: TEntry[]) => void, fail: (error: unknown) => void) => void } };

function fileOf(entry: TFileEntry): Promise<File | null> {
  return new Promise((resolve) => entry.file(resolve, () => resolve(null)));
}

async function entriesOf(entry: TDirectoryEntry): Promise<TEntry[]> {
  const reader = entry.createReader();
  const all: TEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<TEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: TEntry, out: File[]): Promise<void> {
  if (entry.name.startsWith(".")) return;
  if (entry.isFile) {
    const file = await fileOf(entry as TFileEntry);
    if (file) out.push(file);
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as TDirectoryEntry)) await walk(child, out);
  }
}

export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === "file")
    .map((item) => (item as DataTransferItem & { webkitGetAsEntry?: () => TEntry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.some((entry) => entry === null)) return [...data.files];
  const files: File[] = [];
  for (const entry of entries) await walk(entry as TEntry, files);
  return files;
}
