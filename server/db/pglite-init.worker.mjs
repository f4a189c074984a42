// Creates a new embedded database directory (PGlite's initdb) in a worker thread, then exits.
// initdb inside PGlite's WebAssembly grows the process to about 1 GB, and WebAssembly memory never shrinks:
// done on the server's own thread, a first start would keep that for its whole life. A worker's memory is
// returned when it ends, so the server then opens the prepared directory at its ordinary size (issue 8).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const db = await PGlite.create(workerData.dir);
await db.close();
parentPort?.postMessage("ok");
