import { z } from "zod";
import { ROLES } from "@/lib/roles";

export const ZRole = z.enum(ROLES, { error: "Choose a role: OWNER, EDITOR, REVIEWER or VIEWER" });

export const ZCreateWorkspace = z.strictObject({
  name: z.string({ error: "Give the workspace a name" }).trim().min(1, "Give the workspace a name").max(120, "At most 120 characters"),
});
export type TCreateWorkspace = z.infer<typeof ZCreateWorkspace>;

export const ZChangeRole = z.strictObject({ role: ZRole });
export type TChangeRole = z.infer<typeof ZChangeRole>;

export const ZChangePassword = z
  .strictObject({
    /** Not asked for the forced first change after a one-time password. */
    current: z.string().max(1024, "At most 1024 characters").default(""),
    password: z.string().min(12, "Use at least 12 characters").max(1024, "At most 1024 characters"),
    confirm: z.string(),
    /** Also revoke every API token of the account (the user chooses). */
    revokeTokens: z.boolean().default(false),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });

/** A member as pickers show them (assignment, @mentions), and the signed-in user as the UI sees them. */
export type TMemberOption = { id: string; name: string; email: string; role: (typeof ROLES)[number] };

/** Changes workspace settings against the version the owner saw. */
export const ZWorkspaceSettings = z.strictObject({
  version: z.number({ error: "Send the version you saw" }).int().positive(),
  requireSignOff: z.boolean({ error: "Send true or false" }),
});
export type TWorkspaceSettings = z.infer<typeof ZWorkspaceSettings>;
