import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "./handler";

const schema = z.object({ title: z.string(), tags: z.array(z.string()).optional() }).strict();

describe("parseInput", () => {
  it("refuses U+0000 anywhere in the input with 422 naming the field, before PostgreSQL could fail on it", () => {
    expect(() => parseInput(schema, { title: "a\u0000b" })).toThrow(expect.objectContaining({ status: 422, fields: { title: expect.stringMatching(/NUL/) } }));
    expect(() => parseInput(schema, { title: "ok", tags: ["x", "\u0000"] })).toThrow(expect.objectContaining({ status: 422, fields: { "tags.1": expect.stringMatching(/NUL/) } }));
  });

  it("walks inputs nested deeper than the call stack without overflowing", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(() => parseInput(schema, { title: "ok", tags: deep })).toThrow(expect.objectContaining({ status: 422 }));
  });

  it("passes ordinary text through", () => {
    expect(parseInput(schema, { title: "Khojaly, 26 February 1992" })).toEqual({ title: "Khojaly, 26 February 1992" });
  });
});
