import { describe, expect, it } from "vitest";
import { decodeXmlText, isoDate, pdfDate, splitAuthors } from "./metadata";

describe("splitAuthors", () => {
  it("splits lists of names on ;, and, & and on commas between full names", () => {
    expect(splitAuthors("Jane Roe; John Doe")).toEqual(["Jane Roe", "John Doe"]);
    expect(splitAuthors("Jane Roe and John Doe & Ali Aliyev")).toEqual(["Jane Roe", "John Doe", "Ali Aliyev"]);
    expect(splitAuthors("Jane Roe, John Doe")).toEqual(["Jane Roe", "John Doe"]);
  });

  it("keeps an inverted name whole, drops a leading By, profile URLs and repeats", () => {
    expect(splitAuthors("Waal, Thomas de")).toEqual(["Waal, Thomas de"]);
    expect(splitAuthors("By Leyla Mammadova", "https://facebook.com/leyla", "leyla mammadova")).toEqual(["Leyla Mammadova"]);
    expect(splitAuthors(null, "  ", undefined)).toEqual([]);
  });
});

describe("isoDate", () => {
  it("keeps ISO days and timestamps as written, so the day the source shows does not move", () => {
    expect(isoDate("1992-03-16")).toBe("1992-03-16");
    expect(isoDate("2025-02-24T23:30:00+04:00")).toBe("2025-02-24T23:30:00+04:00");
    expect(isoDate("2025-02-24 08:30")).toBe("2025-02-24T08:30");
  });

  it("reads other notations as UTC and drops what is not a date", () => {
    expect(isoDate("Mon, 16 Mar 1992 08:00:00 GMT")).toBe("1992-03-16T08:00:00.000Z");
    expect(isoDate("1992-02-30")).toBeNull();
    expect(isoDate("last Tuesday")).toBeNull();
    expect(isoDate("")).toBeNull();
  });
});

describe("pdfDate", () => {
  it("reads PDF date strings with and without time and offset", () => {
    expect(pdfDate("D:19920316")).toBe("1992-03-16");
    expect(pdfDate("D:19920316083000Z")).toBe("1992-03-16T08:30:00Z");
    expect(pdfDate("D:19920316083000+04'00'")).toBe("1992-03-16T08:30:00+04:00");
    expect(pdfDate("D:1992")).toBe("1992-01-01");
    expect(pdfDate("yesterday")).toBeNull();
  });
});

describe("decodeXmlText", () => {
  it("decodes the XML entities and character references of core.xml values", () => {
    expect(decodeXmlText("Roe &amp; Doe &lt;eds&gt; &#x41;&#66; &quot;x&quot; &apos;y&apos;")).toBe("Roe & Doe <eds> AB \"x\" 'y'");
  });
});
