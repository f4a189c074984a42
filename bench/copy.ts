/**
 * Streaming `COPY … FROM STDIN` for the nation-scale generator (bench/nation.ts): rows are encoded in COPY's text
 * format and piped to a `psql` child process, chunk by chunk, waiting for the pipe to drain — so ten million rows
 * never sit in memory. psql (postgresql-client) rather than a new dependency: node-postgres has no COPY of its own
 * and pg-copy-streams is not installed.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";

/** One value in COPY's text format: NULL as \N, booleans t/f, dates as ISO, arrays as {…}, objects as JSON. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeCopy(`{${v.map((x) => `"${String(x).replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  if (typeof v === "object") return escapeCopy(JSON.stringify(v));
  return escapeCopy(String(v));
}

function escapeCopy(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A line of COPY text: the values tab-separated, newline-terminated. */
export function copyLine(values: readonly unknown[]): string {
  let s = "";
  for (let i = 0; i < values.length; i++) s += (i ? "\t" : "") + copyValue(values[i]);
  return `${s}\n`;
}

const CHUNK = 256 * 1024;

/** A COPY into `table (columns)` in progress. `write` then `end`; `end` resolves with the rows written. */
export type CopySink = { write(values: readonly unknown[]): Promise<void> | undefined; end(): Promise<number> };

function psqlCopy(url: string, table: string, columns: readonly string[], stdin: "pipe" | number) {
  const child = spawn(
    "psql",
    [
      url,
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`,
    ],
    { stdio: [stdin, "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const state: { failure: Error | null } = { failure: null };
  const exited = new Promise<void>((resolve, reject) => {
    child.on("error", (e: NodeJS.ErrnoException) => {
      state.failure =
        e.code === "ENOENT"
          ? new Error("nation 规模以 psql 的 COPY 流式写入：找不到 psql（请安装 postgresql-client）")
          : e;
      reject(state.failure);
    });
    child.on("close", (code) => {
      if (code === 0) resolve();
      else {
        state.failure = new Error(`COPY ${table} 失败（psql 退出码 ${code}）：${stderr.trim().slice(0, 500)}`);
        reject(state.failure);
      }
    });
  });
  exited.catch(() => {});
  return { child, exited, state };
}

/** Opens `COPY table (columns) FROM STDIN` on the database at `url` through psql (one transaction per COPY). */
export function copyInto(url: string, table: string, columns: readonly string[]): CopySink {
  const { child, exited, state } = psqlCopy(url, table, columns, "pipe");
  const stdin = child.stdin!;
  stdin.on("error", () => {}); // the exit code and stderr say what went wrong
  let buffer = "";
  let rows = 0;
  const flush = (): Promise<void> | undefined => {
    if (state.failure) throw state.failure;
    const ok = stdin.write(buffer);
    buffer = "";
    if (ok) return undefined;
    return new Promise<void>((resolve, reject) => {
      stdin.once("drain", resolve);
      exited.catch(reject);
    });
  };
  return {
    write(values) {
      buffer += copyLine(values);
      rows++;
      return buffer.length >= CHUNK ? flush() : undefined;
    },
    async end() {
      if (buffer) await flush();
      stdin.end();
      await exited;
      return rows;
    },
  };
}

/**
 * A COPY that runs when `end` is called: the rows go to a temporary file first. For a table whose foreign key
 * points at rows another COPY is still writing (user_roles → users, service_referrals → service_requests): a
 * concurrent COPY would not see them until that one commits.
 */
export function copyLater(url: string, table: string, columns: readonly string[]): CopySink {
  const file = path.join(os.tmpdir(), `shiliu-nation-${table}-${process.pid}.copy`);
  const out = fs.createWriteStream(file);
  let buffer = "";
  let rows = 0;
  const flush = (): Promise<void> | undefined => {
    const ok = out.write(buffer);
    buffer = "";
    return ok ? undefined : new Promise<void>((resolve) => out.once("drain", resolve));
  };
  return {
    write(values) {
      buffer += copyLine(values);
      rows++;
      return buffer.length >= CHUNK ? flush() : undefined;
    },
    async end() {
      out.end(buffer);
      await finished(out);
      const fd = fs.openSync(file, "r");
      try {
        await psqlCopy(url, table, columns, fd).exited;
      } finally {
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
      }
      return rows;
    },
  };
}
