import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { largePlanText, manyRowXlsx, zipBombDocx } from "../test/hostile-files.js";
import { AppError } from "./errors.js";
import { ParsePool } from "./parse-worker.js";
import { readXlsxUpload } from "./xlsx-read.js";
import { checkZipActual, checkZipDeclared } from "./zip.js";

const PLAN_TASK = new URL("../modules/plans/parse-plan.ts", import.meta.url);

async function smallWorkbook() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表");
  ws.addRow(["名称", "数量"]);
  ws.addRow(["甲", 1]);
  ws.addRow(["乙", 2]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The house shape of a 400 on the 文件 field. */
function expectFileError(e: unknown, message: RegExp) {
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  expect(err.status).toBe(400);
  expect(err.code).toBe("VALIDATION_FAILED");
  const field = (err.details as { fields: { field: string; label: string; message: string }[] }).fields[0];
  expect(field).toMatchObject({ field: "file", label: "文件" });
  expect(field.message).toMatch(message);
}

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("应被拒绝");
    },
    (e: unknown) => e,
  );

describe("parse worker pool", () => {
  const pools: ParsePool[] = [];
  const pool = (o: ConstructorParameters<typeof ParsePool>[0]) => {
    const p = new ParsePool(o);
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("parses in a worker (a TypeScript task under tsx) and reuses the worker", async () => {
    const p = pool({ size: 1, idleMs: 60_000 });
    const content = await smallWorkbook();
    const sheet = await readXlsxUpload(content, { maxRows: 10 }, p);
    expect(sheet.headers).toEqual(["名称", "数量"]);
    expect(sheet.rows.map((r) => r.cells)).toEqual([
      ["甲", "1"],
      ["乙", "2"],
    ]);
    expect(p.workers).toBe(1);
    const again = await readXlsxUpload(content, { maxRows: 10 }, p);
    expect(again.rows).toHaveLength(2);
    expect(p.workers).toBe(1);
  });

  it("an error thrown by the task comes back as it was: the plan parser's own 400", async () => {
    const p = pool({ size: 1 });
    const e = await caught(p.run(PLAN_TASK, "parsePlanTask", { name: "a.txt", content: Buffer.from("只是一段话。") }));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ status: 400, code: "PLAN_NOT_RECOGNISED" });
  });

  it("a task that outgrows the worker's heap is stopped: 400 on 文件, and the pool goes on with a new worker", async () => {
    const p = pool({ size: 1, memoryMb: 16 });
    const { text } = largePlanText(8_000_000);
    const e = await caught(p.run(PLAN_TASK, "parsePlanTask", { name: "big.txt", content: Buffer.from(text) }));
    expectFileError(e, /内存限制（16 MB）/);
    const plan = await p.run<{ nodes: unknown[] }>(PLAN_TASK, "parsePlanTask", {
      name: "small.txt",
      content: Buffer.from(largePlanText(2_000).text),
    });
    expect(plan.nodes.length).toBeGreaterThan(0);
  });

  it("a task that runs past the time limit is terminated: 400 on 文件", async () => {
    const p = pool({ size: 1, timeoutMs: 50 });
    const { text } = largePlanText(5_000_000);
    const e = await caught(p.run(PLAN_TASK, "parsePlanTask", { name: "big.txt", content: Buffer.from(text) }));
    expectFileError(e, /解析超时/);
    expect(p.workers).toBe(0);
  });

  it("beyond the workers and the queue, an upload is answered 503 PARSE_BUSY", async () => {
    const p = pool({ size: 1, queueLimit: 1 });
    const content = await smallWorkbook();
    const first = readXlsxUpload(content, { maxRows: 10 }, p);
    const queued = readXlsxUpload(content, { maxRows: 10 }, p);
    const refused = await caught(readXlsxUpload(content, { maxRows: 10 }, p));
    expect(refused).toMatchObject({
      status: 503,
      code: "PARSE_BUSY",
      message: "服务器正在处理其他上传的文件，请稍后再试",
    });
    expect((await first).rows).toHaveLength(2);
    expect((await queued).rows).toHaveLength(2);
  });
});

describe("zip limits before parsing", () => {
  it("a .docx declaring 1 GB is refused from its directory alone", () => {
    const bomb = zipBombDocx(1024 ** 3);
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    let e: unknown;
    try {
      checkZipDeclared(bomb);
    } catch (err) {
      e = err;
    }
    expectFileError(e, /解压后超过 50 MB/);
  });

  it("a .docx lying about its size is refused when unpacking passes the budget", () => {
    const liar = zipBombDocx(256 * 1024 * 1024, { lie: true });
    expect(checkZipDeclared(liar)).not.toBeNull();
    let e: unknown;
    try {
      checkZipActual(liar);
    } catch (err) {
      e = err;
    }
    expectFileError(e, /解压后超过 50 MB/);
  });

  it("an entry inflating 200:1 or more is a zip bomb even under the size limit", () => {
    let e: unknown;
    try {
      checkZipDeclared(zipBombDocx(32 * 1024 * 1024));
    } catch (err) {
      e = err;
    }
    expectFileError(e, /压缩比异常/);
  });

  it("a sheet with more rows than the import allows is refused before exceljs reads it", async () => {
    const p = new ParsePool({ size: 1 });
    try {
      const e = await caught(readXlsxUpload(manyRowXlsx(30_000), { maxRows: 10_000 }, p));
      expectFileError(e, /超过 10000 行/);
    } finally {
      await p.close();
    }
  });
});
