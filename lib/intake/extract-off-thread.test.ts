import { describe, expect, it } from "vitest";
import { corpusText, CORPUS_FILES, encryptedPdf, pdfFromText } from "../../e2e/fixtures/intake-fixtures";
import { extractDocument, IntakeError } from "./extract";
import { extractOffThread } from "./extract-off-thread";

describe("extraction on a worker thread", () => {
  it("gives what extractDocument gives on the calling thread", async () => {
    const pdf = await pdfFromText(corpusText(CORPUS_FILES.summary), { pages: 3 });
    const input = { bytes: new Uint8Array(pdf), fileName: "summary.pdf" };
    expect(await extractOffThread(input)).toEqual(await extractDocument(input));
  });

  it("passes the reader's refusal on with its status and message", async () => {
    const error = await extractOffThread({ bytes: new Uint8Array(await encryptedPdf()), fileName: "locked.pdf" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ status: 422, code: "encrypted" });
  });

  it("ends a reader that takes too long, with a reason", async () => {
    const pdf = await pdfFromText(corpusText(CORPUS_FILES.compilation), { pages: 40 });
    const error = await extractOffThread({ bytes: new Uint8Array(pdf), fileName: "slow.pdf" }, { timeoutMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeError);
    expect((error as IntakeError).message).toMatch(/took longer than 5 ms to read; it may be damaged/);
  });
});
