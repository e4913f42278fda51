/** Crashing the embedded PostgreSQL of a profile: SIGKILL of its postmaster, as a power cut would leave it. */
import fs from "node:fs";
import path from "node:path";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Field `index` (from 0 after the name) of /proc/PID/stat; the name may hold spaces, so split after its ")". */
function statField(pid: number, index: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[index] ?? null;
  } catch {
    return null; // gone
  }
}

/** Running, i.e. neither gone nor a zombie waiting to be reaped (a container's init may never reap it). */
function alive(pid: number): boolean {
  const state = statField(pid, 0);
  return state !== null && state !== "Z";
}

/** The processes whose parent is `pid` (the postmaster's backends and workers), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    if (Number(statField(Number(entry), 1)) === pid) children.push(Number(entry));
  }
  return children;
}

/** The postmaster's pid, from line 1 of postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || !alive(pid)) throw new Error(`no live postmaster for ${dataDir}`);
  return pid;
}

/**
 * `kill -9` of the postmaster. Its backends notice their parent's death and exit on their own
 * (a new postmaster refuses to start while they hold the old shared memory); those still there
 * after 10 s are killed too. Leaves postmaster.pid and unflushed state behind: the next start
 * runs crash recovery from the WAL.
 */
export async function crashPostgres(dataDir: string): Promise<void> {
  const pid = postmasterPid(dataDir);
  const children = childrenOf(pid);
  process.kill(pid, "SIGKILL");
  const deadline = Date.now() + 10_000;
  while ([pid, ...children].some(alive) && Date.now() < deadline) await sleep(50);
  for (const child of children.filter(alive)) process.kill(child, "SIGKILL");
  while ([pid, ...children].some(alive)) await sleep(50);
}
