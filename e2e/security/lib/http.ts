/**
 * Raw HTTP for the security specs: Node's fetch with cookies handled by hand and redirects not
 * followed, so each answer is exactly what the server sent (a proxy redirect, a 401, an action's
 * error result), and a live stream can be closed as soon as its headers arrive.
 */
import { ERROR_STATUS, type TErrorCode } from "../../../lib/errors";

export type TSession = { cookie: string; email: string };

/** The name=value pairs of a response's Set-Cookie headers. */
export function setCookies(response: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";")[0];
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  return out;
}

function mergeCookies(cookie: string, response: Response): string {
  const jar = new Map(cookie.split("; ").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] as const));
  for (const [name, value] of setCookies(response)) jar.set(name, value);
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** next-auth's CSRF token and the cookie that pairs with it (double submit). */
export async function csrf(baseURL: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: mergeCookies("", response) };
}

/** Posts the credentials form; `csrfToken` undefined leaves it out. Returns the response and the cookies after it. */
export async function postCredentials(baseURL: string, options: { email: string; password: string; csrfToken?: string; cookie?: string; origin?: string }) {
  const form = new URLSearchParams({ email: options.email, password: options.password, json: "true" });
  if (options.csrfToken !== undefined) form.set("csrfToken", options.csrfToken);
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: options.cookie ?? "", ...(options.origin ? { origin: options.origin } : {}) },
    body: form,
  });
  await response.body?.cancel();
  return { response, cookie: mergeCookies(options.cookie ?? "", response) };
}

/** The session cookie's name: next-auth prefixes it with __Secure- over HTTPS. */
export function hasSessionCookie(cookie: string): boolean {
  return /(^|; )(__Secure-)?next-auth\.session-token=[^;]+/.test(cookie);
}

/** Signs in through next-auth's credentials endpoint, as the login form does. */
export async function signInSession(baseURL: string, user: { email: string; password: string }): Promise<TSession> {
  const { token, cookie } = await csrf(baseURL);
  const signed = await postCredentials(baseURL, { ...user, csrfToken: token, cookie });
  if (!hasSessionCookie(signed.cookie)) throw new Error(`sign-in of ${user.email} failed (${signed.response.status})`);
  return { cookie: signed.cookie, email: user.email };
}

export type TAnswer = { status: number; location: string | null; contentType: string; body: string };

/**
 * Sends one request; an event stream is answered by its headers alone (its body never ends).
 * Bodies: `json` as JSON, `form` as multipart (FormData), `text` as is.
 */
export async function send(
  baseURL: string,
  request: { method: string; path: string; session?: TSession | null; headers?: Record<string, string>; json?: unknown; form?: FormData; text?: string },
): Promise<TAnswer> {
  const headers: Record<string, string> = { ...(request.session ? { cookie: request.session.cookie } : {}), ...request.headers };
  let body: BodyInit | undefined;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers["content-type"] ??= "application/json";
  } else if (request.form) body = request.form;
  else if (request.text !== undefined) body = request.text;
  const controller = new AbortController();
  const response = await fetch(`${baseURL}${request.path}`, { method: request.method, headers, body, redirect: "manual", signal: controller.signal });
  const contentType = response.headers.get("content-type") ?? "";
  let text = "";
  if (contentType.startsWith("text/event-stream")) controller.abort();
  else text = await response.text();
  return { status: response.status, location: response.headers.get("location"), contentType, body: text };
}

/** The answer to a server action, decoded from its RSC payload: the result object, or null. */
export function actionResult(body: string): { ok: boolean; error?: { code: string; message: string } } | null {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1], match[2]);
  }
  const root = rows.get("0");
  if (!root) return null;
  let pointer: unknown;
  try {
    pointer = (JSON.parse(root) as { a?: unknown }).a;
  } catch {
    return null;
  }
  // "$@1" is a promise resolved in row 1; the action's return value is that row's JSON.
  const ref = typeof pointer === "string" ? /^\$@([0-9a-f]+)$/.exec(pointer) : null;
  const raw = ref ? rows.get(ref[1]) : undefined;
  if (!raw || !raw.startsWith("{")) return null;
  try {
    return JSON.parse(raw) as { ok: boolean; error?: { code: string; message: string } };
  } catch {
    return null;
  }
}

/** What the matrix compares: "ok", an HTTP status ("401"), "login" (sent to the sign-in page), or `http N` otherwise. */
export type TOutcome = string;

function statusOutcome(status: number): TOutcome {
  if (status >= 200 && status < 300) return "ok";
  if ([400, 401, 403, 404, 409, 413, 422, 429].includes(status)) return String(status);
  return `http ${status}`;
}

function isLoginRedirect(answer: TAnswer): boolean {
  return answer.status >= 300 && answer.status < 400 && answer.location !== null && /^(https?:\/\/[^/]+)?\/login([?#]|$)/.test(answer.location);
}

/** A route handler's answer as an outcome. */
export function routeOutcome(answer: TAnswer): TOutcome {
  if (isLoginRedirect(answer)) return "login";
  return statusOutcome(answer.status);
}

/** A server action's answer: its result's error code mapped to the HTTP status the JSON API would use. */
export function actionOutcome(answer: TAnswer): TOutcome {
  if (isLoginRedirect(answer)) return "login";
  if (answer.status !== 200 || !answer.contentType.startsWith("text/x-component")) return `http ${answer.status}`;
  const result = actionResult(answer.body);
  if (!result) return "unreadable";
  if (result.ok) return "ok";
  const code = result.error?.code as TErrorCode | undefined;
  return code && code in ERROR_STATUS ? String(ERROR_STATUS[code]) : `code ${String(code)}`;
}

/** A value the browser would send as FormData (useActionState forms). */
export class FormArg {
  constructor(readonly fields: Record<string, string>) {}
}

/**
 * The body React's encodeReply sends for an action's arguments: plain JSON when they are all
 * JSON values; with a FormData among them, multipart with the arguments' JSON in field "0" (the
 * form as "$K<n>", n in hex) and the form's fields as "_<n>_<name>".
 */
export function encodeActionArgs(args: unknown[]): { text: string } | { form: FormData } {
  if (!args.some((arg) => arg instanceof FormArg)) return { text: JSON.stringify(args) };
  const form = new FormData();
  let part = 0;
  const json = args.map((arg) => {
    if (!(arg instanceof FormArg)) return arg;
    part++;
    for (const [name, value] of Object.entries(arg.fields)) form.append(`_${part.toString(16)}_${name}`, value);
    return `$K${part.toString(16)}`;
  });
  form.set("0", JSON.stringify(json));
  return { form };
}

/** Calls a server action the way the browser does: a POST to a page that holds it, with its id in Next-Action. */
export async function callAction(
  baseURL: string,
  options: { actionId: string; page: string; args: unknown[]; session: TSession | null; origin?: string | null; headers?: Record<string, string> },
): Promise<TAnswer> {
  const origin = options.origin === undefined ? baseURL : options.origin;
  return send(baseURL, {
    method: "POST",
    path: options.page,
    session: options.session,
    headers: { "next-action": options.actionId, accept: "text/x-component", ...(origin ? { origin } : {}), ...options.headers },
    ...encodeActionArgs(options.args),
  });
}
