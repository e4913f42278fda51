import { describe, expect, it } from "vitest";
import { STATUSES } from "@/lib/statuses";
import { documentExportHref, reportOptionsFrom, reportQuery } from "./query";

describe("reportOptionsFrom", () => {
  it("reads the options form: ticked statuses, and a ticked flag's 1 after its hidden 0", () => {
    const { options } = reportOptionsFrom({ statuses: ["CONTRADICTED", "VERIFIED", "NONSENSE"], text: ["0", "1"], comments: "0" });
    // In vocabulary order, the unknown one ignored.
    expect(options).toEqual({ statuses: ["VERIFIED", "CONTRADICTED"], includeText: true, includeComments: false });
    expect(reportOptionsFrom({ text: "0", comments: ["0", "1"] }).options).toMatchObject({ includeText: false, includeComments: true });
  });

  it("defaults to every status, the full text and no comments; all statuses ticked is the same as none", () => {
    expect(reportOptionsFrom({}).options).toEqual({ statuses: undefined, includeText: true, includeComments: false });
    expect(reportOptionsFrom({ statuses: [...STATUSES] }).options.statuses).toBeUndefined();
  });

  it("reads the export API's comma lists too, and the documents", () => {
    expect(reportOptionsFrom({ statuses: "VERIFIED,UNVERIFIED", documents: ["d1", "d2,d1"] })).toMatchObject({
      options: { statuses: ["UNVERIFIED", "VERIFIED"] },
      documents: ["d1", "d2"],
    });
  });
});

describe("reportQuery", () => {
  it("writes the options as the export API reads them", () => {
    const query = reportQuery({ statuses: ["VERIFIED", "CONTRADICTED"], includeText: false, includeComments: true }, ["d1", "d2"]);
    expect(query).toBe("documents=d1,d2&statuses=VERIFIED,CONTRADICTED&text=0&comments=1");
    expect(documentExportHref("doc 1", "pdf", reportQuery({ includeText: true, includeComments: false }))).toBe("/api/v1/documents/doc%201/export?format=pdf&text=1&comments=0");
  });
});
