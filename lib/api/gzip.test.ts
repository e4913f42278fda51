import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, encodeBody, GZIP_MIN_BYTES } from "./gzip";

describe("gzip of large answers", () => {
  it("reads Accept-Encoding as HTTP means it", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.0, *")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });

  it("gzips large text the client takes, and only that", async () => {
    const large = `${"Memorial reported 613 killed in Khojaly — Ходжалы. ".repeat(Math.ceil(GZIP_MIN_BYTES / 40))}`;
    const packed = await encodeBody(large, { contentType: "application/json; charset=utf-8", acceptEncoding: "gzip, deflate" });
    expect(packed.headers).toEqual({ "Content-Encoding": "gzip", Vary: "Accept-Encoding" });
    expect(gunzipSync(packed.body as Uint8Array).toString("utf8")).toBe(large);

    expect(await encodeBody(large, { contentType: "text/csv; charset=utf-8", acceptEncoding: null })).toEqual({ body: large, headers: { Vary: "Accept-Encoding" } });
    expect(await encodeBody("small", { contentType: "text/csv", acceptEncoding: "gzip" })).toEqual({ body: "small", headers: {} });
    const pdf = new Uint8Array(GZIP_MIN_BYTES * 2);
    expect((await encodeBody(pdf, { contentType: "application/pdf", acceptEncoding: "gzip" })).body).toBe(pdf);
    const w3c = await encodeBody(large, { contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', acceptEncoding: "gzip" });
    expect(w3c.headers["Content-Encoding"]).toBe("gzip");
  });
});
