/** Application errors: one code per kind of failure, mapped to HTTP statuses and UI messages. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;
export type TFieldErrors = Record<string, string>;

/** `current` carries the record as it now stands, with a 409 for a stale update. */
export type TAppErrorBody = { code: TErrorCode; message: string; fields?: TFieldErrors; current?: unknown };

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly fields?: TFieldErrors;
  readonly current?: unknown;

  constructor(code: TErrorCode, message: string, fields?: TFieldErrors, extra?: { current?: unknown }) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
    this.current = extra?.current;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): TAppErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.current !== undefined ? { current: this.current } : {}),
    };
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);

/** Turns zod issues into `{ "field.path": "message" }`, first message per field. */
export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): TFieldErrors {
  const fields: TFieldErrors = {};
  for (const issue of issues) {
    // Strict schemas reject unknown keys in one issue; name each key so clients see which.
    const keys = issue.code === "unrecognized_keys" && issue.keys ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) fields[path.map(String).join(".") || "_"] ??= issue.code === "unrecognized_keys" ? "Unknown field" : issue.message;
  }
  return fields;
}

export type TResult<T> = { ok: true; data: T } | { ok: false; error: TAppErrorBody };
