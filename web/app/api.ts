/** The console's HTTP client: JSON in and out, errors as ApiError with the server's Chinese message and field errors. */
export type FieldError = { field: string; label: string; message: string };

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: { fields?: FieldError[]; [k: string]: unknown },
  ) {
    super(message);
  }
  get fields(): FieldError[] {
    return this.details?.fields ?? [];
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function toQuery(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Called when the server says the session is gone, so the app can return to the login page. */
let onUnauthenticated: (code: string) => void = () => {};
export function setUnauthenticatedHandler(fn: (code: string) => void) {
  onUnauthenticated = fn;
}

/** A random key (crypto.randomUUID needs a secure context; a plain-http intranet deployment has none). */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

export type WriteOptions = {
  /** The same key on every send of one action (an offline form's retries); a fresh one per call by default. */
  idempotencyKey?: string;
};

/**
 * Every write carries an `Idempotency-Key` (server/core/idempotency.ts): a send repeated by a flaky network
 * gets the first answer instead of making a second record.
 */
async function request<T>(method: string, url: string, body?: unknown, opts: WriteOptions = {}): Promise<T> {
  let res: Response;
  const headers: Record<string, string> =
    body instanceof FormData ? {} : body !== undefined ? { "content-type": "application/json" } : {};
  if (method !== "GET" && url !== "/api/auth/login")
    headers["idempotency-key"] = opts.idempotencyKey ?? newIdempotencyKey();
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers,
      body: body instanceof FormData ? body : body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, "NETWORK", "无法连接服务器，请检查网络");
  }
  if (res.ok) {
    const type = res.headers.get("content-type") ?? "";
    return (type.includes("json") ? res.json() : res.blob()) as Promise<T>;
  }
  let payload: { error?: { code: string; message: string; details?: ApiError["details"] } } = {};
  try {
    payload = await res.json();
  } catch {}
  const err = new ApiError(
    res.status,
    payload.error?.code ?? "HTTP_ERROR",
    payload.error?.message ?? `请求失败（${res.status}）`,
    payload.error?.details,
  );
  if (res.status === 401 && !url.endsWith("/api/auth/login")) onUnauthenticated(err.code);
  throw err;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>("GET", url + toQuery(query)),
  post: <T>(url: string, body?: unknown, opts?: WriteOptions) => request<T>("POST", url, body ?? {}, opts),
  put: <T>(url: string, body?: unknown, opts?: WriteOptions) => request<T>("PUT", url, body, opts),
  patch: <T>(url: string, body?: unknown, opts?: WriteOptions) => request<T>("PATCH", url, body, opts),
  delete: <T>(url: string, opts?: WriteOptions) => request<T>("DELETE", url, undefined, opts),
};

/** Downloads a file from a GET endpoint (exports, templates) under the name the server gives. */
export async function download(url: string, query?: Query, fallbackName = "导出.xlsx") {
  const res = await fetch(url + toQuery(query), { credentials: "same-origin" });
  if (!res.ok) {
    let message = `下载失败（${res.status}）`;
    try {
      message = (await res.json()).error.message;
    } catch {}
    throw new ApiError(res.status, "DOWNLOAD_FAILED", message);
  }
  const disposition = res.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A page of a list (pageOf in contracts/common.ts); totalCapped: counted only up to 10,000 and there are more. */
export type Page<T> = { items: T[]; total: number; totalCapped?: boolean; page: number; pageSize: number };
