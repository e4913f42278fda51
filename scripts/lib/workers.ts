/** `WORKERS=N npm start`: how many app processes, and their ports behind the balancer on PORT. Pure. */

/** N from WORKERS (1 when unset); a value that is not a whole number from 1 to 32 is refused with a message. */
export function workerCount(env: Record<string, string | undefined>): number {
  const raw = env.WORKERS?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new Error(`WORKERS must be a whole number from 1 to 32 (got "${raw}")`);
  return n;
}

/** The instances' own ports: the public port stays the balancer's, the instances take the next N. */
export function instancePorts(port: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, i) => port + 1 + i);
}
