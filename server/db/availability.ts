/**
 * Whether an error means "the database cannot be reached right now" rather than "this statement is wrong":
 * the server is down, restarting or refusing connections, or the connection was cut. Such errors answer
 * 503 DB_UNAVAILABLE (the client may retry) instead of 500. Drizzle wraps driver errors (`cause`).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
  }
  return false;
}

/** SQLSTATE 57P01–57P03 (shutdown, crash, starting up), 53300 (too many connections), and socket errors. */
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** What node-postgres says when a connection dies or cannot be had (these errors carry no code). */
const UNAVAILABLE_MESSAGES = ["Connection terminated", "is not queryable", "timeout exceeded when trying to connect"];
