import "server-only";
import { z } from "zod";
import { authSecretProblem } from "@/lib/auth/production-secret";

const ZEnv = z.object({
  NODE_ENV: z.string().optional(),
  NEXT_PHASE: z.string().optional(),
  /** The owner's URL: migrations run with it; the app too when DATABASE_APP_URL is not set. */
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  /**
   * The app's own login: a role with only the app's grants (e.g. provenant_app made LOGIN, or a
   * login granted provenant_app), so that no SQL the app runs can RESET ROLE to the owner. The
   * launchers set it for the embedded server; unset, the app logs in with DATABASE_URL and works as
   * DB_APP_ROLE, which a RESET ROLE undoes.
   */
  DATABASE_APP_URL: z.string().url({ message: "DATABASE_APP_URL must be a postgresql:// URL" }).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /**
   * Pool size per app instance; PostgreSQL's max_connections bounds the sum over instances. Each
   * query holds a connection only while it runs (a few ms; a create is one statement), so ten keep
   * PostgreSQL busy on a small machine; more only add backends competing for the same cores, and
   * bound less the rows held in memory at once (a 2,000-annotation list is a few MB while it is built).
   */
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /**
   * How long a query waits for a free connection (or a new one to open) before the request fails
   * with 503 and Retry-After (lib/api/handler.ts): under overload a client hears "try again" within
   * seconds rather than waiting on a queue that does not move.
   */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** The database role the app works as with DATABASE_URL (created by the migrations); empty to work as the login role. Unused with DATABASE_APP_URL. */
  DB_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$|^$/, { message: "DB_APP_ROLE must be a plain role name" })
    .default("provenant_app"),
}).superRefine((value, ctx) => {
  const problem = authSecretProblem(value);
  if (problem) ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: problem });
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/** Validated on first use, not at import, so `next build` runs without a database. */
export function env(): TEnv {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}
