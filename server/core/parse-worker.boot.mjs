// The parse worker's entry (see parse-worker.ts). Plain JavaScript so that Node can start it as is, in the
// server (run by tsx) and under vitest alike; it registers tsx's loader, then runs each task it is sent: an
// exported function of a TypeScript module, called with the task's input, answered with its result or error.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();

parentPort.on("message", async (task) => {
  try {
    const mod = await import(task.module);
    const fn = mod[task.fn];
    if (typeof fn !== "function") throw new Error(`解析任务 ${task.fn} 不存在`);
    const result = await fn(task.input);
    parentPort.postMessage({ ok: true, result });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort.postMessage({
      ok: false,
      error: {
        name: err.name,
        message: err.message,
        status: typeof err.status === "number" ? err.status : undefined,
        code: typeof err.code === "string" ? err.code : undefined,
        details: err.details,
      },
    });
  }
});
