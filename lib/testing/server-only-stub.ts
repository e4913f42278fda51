// Vitest runs lib/ outside Next; the real "server-only" throws outside a server bundle.
export {};
