import { afterEach, describe, expect, it, vi } from "vitest";
import { authSecretProblem, EXAMPLE_SECRET } from "./production-secret";

const GOOD = "l0ng-random-secret-0123456789abcdefABCDEF";
const DATABASE_URL = "postgresql://provenant:provenant@localhost:5432/provenant";

describe("the session secret in production", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("must be set, not the docker-compose example, and long", () => {
    expect(authSecretProblem({ NODE_ENV: "production" })).toMatch(/^NEXTAUTH_SECRET is not set\..*openssl rand -base64 32/);
    expect(authSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toMatch(/^NEXTAUTH_SECRET is not set/);
    expect(authSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: EXAMPLE_SECRET })).toMatch(/^NEXTAUTH_SECRET is the example value from docker-compose\.yml/);
    expect(authSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: "sixteen-chars-ok" })).toMatch(/16 characters long, fewer than 32/);
    expect(authSecretProblem({ NODE_ENV: "production", NEXTAUTH_SECRET: GOOD })).toBeNull();
  });

  it("is not required in development, in tests or while `next build` runs", () => {
    expect(authSecretProblem({ NODE_ENV: "development" })).toBeNull();
    expect(authSecretProblem({ NODE_ENV: "test", NEXTAUTH_SECRET: EXAMPLE_SECRET })).toBeNull();
    expect(authSecretProblem({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBeNull();
  });

  it("stops a production server at start with the reason (instrumentation.ts)", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", EXAMPLE_SECRET);
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const { register } = await import("@/instrumentation");

    await register();
    expect(exit).toHaveBeenCalledWith(1);
    expect(printed).toHaveBeenCalledWith(expect.stringMatching(/^\[provenant\] refusing to start: NEXTAUTH_SECRET is the example value/));

    exit.mockClear();
    vi.stubEnv("NEXTAUTH_SECRET", GOOD);
    await register();
    expect(exit).not.toHaveBeenCalled();
  });

  it("fails the environment's validation, naming the field", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", DATABASE_URL);
    vi.stubEnv("NEXTAUTH_SECRET", undefined);
    const { env } = await import("@/lib/env");
    expect(() => env()).toThrow(/^Invalid environment: NEXTAUTH_SECRET: NEXTAUTH_SECRET is not set/);

    vi.resetModules();
    vi.stubEnv("NEXTAUTH_SECRET", GOOD);
    const again = await import("@/lib/env");
    expect(again.env().NEXTAUTH_SECRET).toBe(GOOD);
  });
});
