import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, fieldErrors } from "./errors";

describe("fieldErrors", () => {
  it("keys messages by field path and names unknown keys", () => {
    const schema = z.strictObject({ title: z.string().min(1, "Give a title"), meta: z.strictObject({ year: z.number() }) });
    const parsed = schema.safeParse({ title: "", meta: { year: "1992" }, colour: "red" });
    expect(parsed.success).toBe(false);
    const fields = fieldErrors(parsed.error!.issues);
    expect(fields.title).toBe("Give a title");
    expect(fields["meta.year"]).toBeTruthy();
    expect(fields.colour).toBe("Unknown field");
  });
});

describe("AppError", () => {
  it("maps codes to HTTP statuses and a JSON body", () => {
    const error = new AppError("VALIDATION", "Some fields are invalid", { title: "Give a title" });
    expect(error.status).toBe(422);
    expect(error.toBody()).toEqual({ code: "VALIDATION", message: "Some fields are invalid", fields: { title: "Give a title" } });
    expect(new AppError("NOT_FOUND", "Document not found").toBody()).toEqual({ code: "NOT_FOUND", message: "Document not found" });
  });
});
