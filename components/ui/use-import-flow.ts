"use client";
import { useEffect, useRef, useState } from "react";
import type { TAppErrorBody } from "@/lib/errors";

/**
 * The state every import form shares: a file or pasted text, a preview of what would be imported
 * (stale as soon as anything changes), the result, and the server's error. Focus moves to the
 * preview's heading when one arrives. `content()` gives the text to send, or sets the error.
 */
export function useImportFlow<TPreview, TResult>(options: { maxBytes: number; emptyMessage: (mode: "upload" | "paste") => string }) {
  const [mode, setMode] = useState<"upload" | "paste">("upload");
  const [text, setText] = useState("");
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [result, setResult] = useState<TResult | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  // Any change to what would be imported makes the preview stale.
  function changed() {
    setPreview(null);
    setResult(null);
    setError(null);
  }

  async function pickFile(picked: File | undefined) {
    changed();
    setFile(null);
    if (!picked) return;
    // The server checks again; this saves sending a file that cannot be accepted.
    if (picked.size > options.maxBytes) {
      return setError({ code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 5 MB", fields: { content: "The file is larger than 5 MB" } });
    }
    setFile({ name: picked.name, content: await picked.text() });
  }

  function content(): string | null {
    const value = mode === "upload" ? (file?.content ?? "") : text;
    if (value.trim()) return value;
    const message = options.emptyMessage(mode);
    setError({ code: "VALIDATION", message, fields: { content: message } });
    return null;
  }

  return { mode, setMode, text, setText, file, error, setError, preview, setPreview, result, setResult, previewHeading, changed, pickFile, content };
}
