/**
 * The hostile uploads of issue 8 item 6, through the real routes: a million-row .xlsx to the indicator and
 * organization imports, a .docx that inflates to a gigabyte (declared, or lying) and a 5 MB plan text to the
 * plan import. Each too-big file is a 400 on the 文件 field in the house shape; the 5 MB plan text parses (in a
 * worker). How long /api/health waits meanwhile is measured by `npm run bench:uploads`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, twoBanners, USER_PASSWORD } from "./test/fixtures.js";
import { createTestApp, type TestApp } from "./test/harness.js";
import { largePlanText, manyRowXlsx, multipartFile, zipBombDocx } from "./test/hostile-files.js";

function expectFileRefused(res: { statusCode: number; json: () => unknown }, message: RegExp) {
  expect(res.statusCode).toBe(400);
  const body = res.json() as { error: { code: string; message: string; details: { fields: unknown[] } } };
  expect(body.error.code).toBe("VALIDATION_FAILED");
  expect(body.error.details.fields).toEqual([
    { field: "file", label: "文件", message: expect.stringMatching(message) },
  ]);
  expect(body.error.message).toMatch(/^请求数据有误：文件：/);
}

describe("hostile uploads are refused before parsing, on the 文件 field", () => {
  let h: TestApp;
  let admin: Client;
  let houqi: Client;
  let millionRows: Buffer;
  beforeAll(async () => {
    h = await createTestApp();
    const f = await twoBanners(h);
    admin = f.admin;
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    millionRows = manyRowXlsx(1_000_000);
  }, 120_000);
  afterAll(() => h?.close());

  it("a million-row .xlsx (4.7 MB) to the indicator import", { timeout: 120_000 }, async () => {
    expect(millionRows.length).toBeLessThan(5 * 1024 * 1024);
    const res = await houqi.req("/api/indicator-sets/import", {
      method: "POST",
      ...multipartFile(millionRows, "指标.xlsx", {
        name: "指标体系",
        versionLabel: "v1",
        total: "100",
        passLine: "60",
      }),
    });
    expectFileRefused(res, /表格行数过多（超过 4000 行）/);
  });

  it("a million-row .xlsx to the organization import", { timeout: 120_000 }, async () => {
    const res = await admin.req("/api/orgs/import", { method: "POST", ...multipartFile(millionRows, "机构.xlsx") });
    expectFileRefused(res, /表格行数过多（超过 10000 行）/);
  });

  it("a 1 MB .docx that inflates to 1 GB, declared or lying, to the plan import", { timeout: 120_000 }, async () => {
    const declared = await houqi.req("/api/plans/import/preview", {
      method: "POST",
      ...multipartFile(zipBombDocx(1024 ** 3), "规划.docx"),
    });
    expectFileRefused(declared, /解压后超过 50 MB/);
    const lying = await houqi.req("/api/plans/import/preview", {
      method: "POST",
      ...multipartFile(zipBombDocx(1024 ** 3, { lie: true }), "规划.docx"),
    });
    expectFileRefused(lying, /解压后超过 50 MB/);
  });

  it("a 5 MB plan text is parsed (in a worker) and previewed", { timeout: 180_000 }, async () => {
    const { text, chapters, tasks } = largePlanText(5_000_000);
    const res = await houqi.req("/api/plans/import/preview", {
      method: "POST",
      ...multipartFile(Buffer.from(text), "规划.txt"),
    });
    expect(res.statusCode).toBe(200);
    const p = res.json() as { counts: Record<string, number>; tree: unknown[] };
    expect(p.counts).toEqual({ chapters, sections: chapters * 5, columns: 0, tasks, items: 0 });
  });
});
