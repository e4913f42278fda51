/**
 * Runs in the browser before the app's own code. zod 4 probes `new Function("")` when it builds its
 * first object schema, to decide whether to compile fast parsers; under the Content-Security-Policy
 * (no 'unsafe-eval', see proxy.ts) that probe is refused and reported as a violation. Telling zod
 * to stay jitless skips the probe; the shared schemas parse the same, only without eval.
 */
type TZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

// Mutated rather than replaced: zod keeps a reference to this object once it has loaded.
((globalThis as TZodGlobal).__zod_globalConfig ??= {}).jitless = true;
