import type { FormInstance } from "antd";
import { useEffect, useSyncExternalStore } from "react";
import { ApiError, api, newIdempotencyKey } from "./api";

/**
 * 弱网表单: the phone forms of community workers (activity records, dispute entries, check-ins, zero reports,
 * progress reports) keep a draft on the device while it is being filled (`useFormDraft`), and a form sent
 * without a network goes into the outbox (`sendOrQueue`), kept in localStorage with its idempotency key and sent
 * again, with that same key, when the network returns. A retried send never makes a second record: the server
 * answers a repeated key with the first result (server/core/idempotency.ts).
 */
export type OutboxItem = {
  id: string;
  /** What the user sees in the outbox list ("活动记录：民族团结进步宣传月启动仪式"). */
  label: string;
  method: "POST" | "PUT";
  url: string;
  body: unknown;
  idempotencyKey: string;
  queuedAt: string;
  /** Set when the server refused it (the user must look at it): it is not retried. */
  error?: string;
};

const STORE = "shiliu.outbox";
const listeners = new Set<() => void>();
let cache: OutboxItem[] | null = null;

function read(): OutboxItem[] {
  if (cache) return cache;
  try {
    cache = JSON.parse(localStorage.getItem(STORE) ?? "[]") as OutboxItem[];
  } catch {
    cache = [];
  }
  return cache;
}
function write(items: OutboxItem[]) {
  cache = items;
  localStorage.setItem(STORE, JSON.stringify(items));
  for (const l of listeners) l();
}

export function outboxItems(): OutboxItem[] {
  return read();
}

export function useOutbox(): OutboxItem[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    read,
  );
}

export type SendResult<T> = { sent: true; result: T } | { sent: false; queued: OutboxItem };

/** Sends now; without a network, queues the send (same key) and answers `{ sent: false }`. */
export async function sendOrQueue<T>(
  label: string,
  method: "POST" | "PUT",
  url: string,
  body: unknown,
): Promise<SendResult<T>> {
  const idempotencyKey = newIdempotencyKey();
  const queue = () => {
    const item: OutboxItem = {
      id: idempotencyKey,
      label,
      method,
      url,
      body,
      idempotencyKey,
      queuedAt: new Date().toISOString(),
    };
    write([...read(), item]);
    return { sent: false as const, queued: item };
  };
  if (typeof navigator !== "undefined" && navigator.onLine === false) return queue();
  try {
    const result = await (method === "POST"
      ? api.post<T>(url, body, { idempotencyKey })
      : api.put<T>(url, body, { idempotencyKey }));
    return { sent: true, result };
  } catch (e) {
    if (e instanceof ApiError && e.code === "NETWORK") return queue();
    throw e;
  }
}

let flushing: Promise<number> | null = null;

/** Sends every waiting item once, in order; returns how many went. Network failures stay for the next time. */
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    for (const item of read().filter((i) => !i.error)) {
      try {
        const opts = { idempotencyKey: item.idempotencyKey };
        await (item.method === "POST" ? api.post(item.url, item.body, opts) : api.put(item.url, item.body, opts));
        write(read().filter((i) => i.id !== item.id));
        sent++;
      } catch (e) {
        if (e instanceof ApiError && e.code === "NETWORK") break;
        const error = e instanceof Error ? e.message : String(e);
        write(read().map((i) => (i.id === item.id ? { ...i, error } : i)));
      }
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export function discardOutboxItem(id: string) {
  write(read().filter((i) => i.id !== id));
}

/** Mounted once by the layout: sends the outbox when the network returns and when the console opens. */
export function useOutboxFlusher(onSent: (count: number) => void) {
  useEffect(() => {
    const run = () => void flushOutbox().then((n) => n > 0 && onSent(n));
    window.addEventListener("online", run);
    if (navigator.onLine !== false && read().some((i) => !i.error)) run();
    return () => window.removeEventListener("online", run);
  }, [onSent]);
}

/**
 * Keeps a form's values on the device while it is filled (per user and form), restores them when the form
 * opens again, and forgets them once `clear()` is called after a successful send.
 */
export function useFormDraft<V>(form: FormInstance<V>, draftKey: string | null, revive: (saved: V) => V = (v) => v) {
  const storeKey = draftKey ? `shiliu.draft.${draftKey}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: restored once per form and key
  useEffect(() => {
    if (!storeKey) return;
    const saved = localStorage.getItem(storeKey);
    if (saved) {
      try {
        form.setFieldsValue(revive(JSON.parse(saved)) as Parameters<FormInstance<V>["setFieldsValue"]>[0]);
      } catch {}
    }
  }, [form, storeKey]);
  return {
    /** Pass as the Form's onValuesChange. */
    save: (_changed: unknown, all: unknown) => {
      if (storeKey) localStorage.setItem(storeKey, JSON.stringify(all));
    },
    clear: () => {
      if (storeKey) localStorage.removeItem(storeKey);
    },
    hasDraft: () => Boolean(storeKey && localStorage.getItem(storeKey)),
  };
}
