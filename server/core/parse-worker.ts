/**
 * Upload parsers (.xlsx through exceljs, .docx through mammoth, plan text) run here, in worker threads, never on
 * the event loop that answers every other request: a hostile file then costs a worker, not the server.
 *
 * - Each worker has a V8 heap limit (`resourceLimits`); a parse that needs more is stopped by V8 and answered
 *   with a 400 on the 文件 field. A parse that takes longer than the time limit is terminated the same way.
 * - At most `size` workers parse at once; later uploads wait in a queue of at most `queueLimit`, beyond which
 *   the upload is answered 503 PARSE_BUSY (try again later).
 * - A worker is reused while it stays healthy and ends after `idleMs` without work (it never keeps the
 *   process alive); a worker that failed (time, memory, crash) is discarded.
 *
 * A task is an exported function of a module: `pool.run(new URL("./x.ts", import.meta.url), "fn", input)`.
 * The worker imports the module itself (tsx is registered in parse-worker.boot.mjs), so the function must only
 * use its input: Buffers travel as Uint8Array (copied into the message), results come back by structured clone.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { AppError, errors } from "./errors.js";
import { t } from "./i18n.js";

export type ParsePoolOptions = {
  /** Workers parsing at once. */
  size: number;
  /** Uploads waiting for a worker; more are refused with 503. */
  queueLimit: number;
  /** A task running longer is terminated. */
  timeoutMs: number;
  /** V8 old-generation heap of a worker, MB. */
  memoryMb: number;
  /** An idle worker ends after this long. */
  idleMs: number;
};

export const DEFAULT_PARSE_POOL: ParsePoolOptions = {
  size: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
  queueLimit: 8,
  timeoutMs: 30_000,
  memoryMb: 256,
  idleMs: 30_000,
};

const BOOT = new URL("./parse-worker.boot.mjs", import.meta.url);

type Job = {
  module: string;
  fn: string;
  input: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

type Slot = { worker: Worker; idleTimer: NodeJS.Timeout | null; onIdleExit: (() => void) | null };

type WorkerError = { name: string; message: string; status?: number; code?: string; details?: unknown };

/** An error the parse function itself threw (not an AppError): the caller decides what the user is told. */
export class ParseTaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParseTaskError";
  }
}

export class ParsePool {
  readonly options: ParsePoolOptions;
  private idle: Slot[] = [];
  private running = 0;
  private queue: Job[] = [];
  private closed = false;

  constructor(options: Partial<ParsePoolOptions> = {}) {
    this.options = { ...DEFAULT_PARSE_POOL, ...options };
  }

  /** Runs `fn` of `module` in a worker with `input`; rejects with a house-shaped AppError on time, memory or load. */
  run<T>(module: URL | string, fn: string, input: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new AppError(503, "PARSE_BUSY", t("errors.parse_busy")));
    return new Promise<T>((resolve, reject) => {
      const job: Job = { module: String(module), fn, input, resolve: resolve as (v: unknown) => void, reject };
      if (this.running < this.options.size) this.start(job);
      else if (this.queue.length < this.options.queueLimit) this.queue.push(job);
      else reject(new AppError(503, "PARSE_BUSY", t("errors.parse_busy")));
    });
  }

  /** Workers alive now (parsing or idle). */
  get workers(): number {
    return this.running + this.idle.length;
  }

  /** Ends idle workers and refuses new tasks; running tasks finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new AppError(503, "PARSE_BUSY", t("errors.parse_busy")));
    await Promise.all(this.idle.splice(0).map((s) => s.worker.terminate()));
  }

  private newSlot(): Slot {
    const worker = new Worker(BOOT, {
      // Not the parent's flags: the boot file registers tsx itself, the same under tsx and under vitest.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.memoryMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.round(this.options.memoryMb / 8))),
        stackSizeMb: 4,
      },
    });
    return { worker, idleTimer: null, onIdleExit: null };
  }

  private start(job: Job) {
    this.running++;
    const slot = this.idle.pop() ?? this.newSlot();
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.onIdleExit) slot.worker.off("exit", slot.onIdleExit);
    slot.idleTimer = null;
    slot.onIdleExit = null;
    const { worker } = slot;
    worker.ref();
    let settled = false;
    const finish = (healthy: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      this.running--;
      if (healthy && !this.closed) this.park(slot);
      else void worker.terminate();
      outcome();
      const next = this.queue.shift();
      if (next) this.start(next);
    };
    const onMessage = (msg: { ok: boolean; result?: unknown; error?: WorkerError }) =>
      finish(true, () => (msg.ok ? job.resolve(msg.result) : job.reject(toError(msg.error!))));
    const onError = (err: Error & { code?: string }) =>
      finish(false, () =>
        job.reject(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? errors.field("file", "errors.parse_too_much_memory", { limit: `${this.options.memoryMb} MB` })
            : Object.assign(errors.field("file", "errors.parse_failed"), { cause: err }),
        ),
      );
    const onExit = () => finish(false, () => job.reject(errors.field("file", "errors.parse_failed")));
    const timer = setTimeout(
      () =>
        finish(false, () =>
          job.reject(
            errors.field("file", "errors.parse_timeout", { seconds: Math.ceil(this.options.timeoutMs / 1000) }),
          ),
        ),
      this.options.timeoutMs,
    );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    try {
      worker.postMessage({ module: job.module, fn: job.fn, input: job.input });
    } catch (e) {
      finish(false, () => job.reject(e));
    }
  }

  /** An idle worker: does not keep the process alive, ends after `idleMs`, leaves the pool if it dies. */
  private park(slot: Slot) {
    const drop = () => {
      this.idle = this.idle.filter((s) => s !== slot);
    };
    slot.worker.unref();
    slot.onIdleExit = drop;
    slot.worker.once("exit", drop);
    slot.idleTimer = setTimeout(() => {
      drop();
      void slot.worker.terminate();
    }, this.options.idleMs);
    slot.idleTimer.unref();
    this.idle.push(slot);
  }
}

function toError(e: WorkerError): Error {
  if (typeof e.status === "number" && typeof e.code === "string")
    return new AppError(e.status, e.code, e.message, e.details);
  return new ParseTaskError(e.message);
}

/** The server's pool (module-wide: every app in the process shares it). */
export const parsePool = new ParsePool();
