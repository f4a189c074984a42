import { t } from "./i18n";

/** The portal's calls to the public API (no sign-in). Errors carry the server's Chinese message and field errors. */
export type FieldError = { field: string; label: string; message: string };

export class PublicApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export async function publicApi<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? "GET",
      headers: init?.body === undefined ? undefined : { "content-type": "application/json" },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new PublicApiError(t("portal.errors.network"), 0);
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = data?.error;
    throw new PublicApiError(
      e?.message ?? t("portal.errors.unavailable"),
      res.status,
      Array.isArray(e?.details?.fields) ? e.details.fields : [],
    );
  }
  return data as T;
}

/** A query string from the set values of `params`. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
