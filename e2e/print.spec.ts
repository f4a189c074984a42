import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  newPage,
  type Server,
  type Session,
  settle,
  startServer,
} from "./support.js";

/**
 * Print views on the demo data, as 通辽市民委 (tl_mw): the 打印 button of an application opens its 申报表 with the
 * 自评表; a score sheet, the 命名决定 with its list and a certificate print the same way; under print media the
 * console's menu, header and buttons are hidden and the sheet's header stays; 下载PDF gives a PDF. Screenshots
 * go to SHOTS_DIR (default /tmp/shots-print), outside the repository. 表彰: a nomination's 推荐审批表 opens from its
 * drawer, masked as the detail, with each stage's opinion and its 公示 records; 返回 reopens the nomination.
 */

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-print";
const textOf = async (l: Locator) => (await l.textContent()) ?? "";
/** The sizes of the page's @page rules, in the order they apply (the last one wins). */
const pageSizes = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.styleSheets)
      .flatMap((s) => Array.from(s.cssRules))
      .filter((r): r is CSSPageRule => r instanceof CSSPageRule)
      .map((r) => r.style.getPropertyValue("size").toUpperCase().replace("LANDSCAPE", "landscape")),
  );

type Item = { id: string };
type Application = Item & { orgName: string; selfSheet: { id: string } | null; status: string };
type Decision = Item & { title: string; docNumber: string; designations: { unitName: string }[] };
type Designation = Item & { unitName: string; certificateNo: string };

describe("print views", () => {
  let server: Server;
  let browser: Browser;
  let s: Session | null = null;

  const open = async (): Promise<Session> => {
    s = await newPage(browser, server.url);
    s.page.setDefaultTimeout(20_000);
    await login(s.page, "tl_mw", DEMO_PASSWORD);
    await s.page.getByTestId("user-menu").waitFor();
    return s;
  };
  const api = async <T>(page: Page, url: string): Promise<T> => {
    const res = await page.request.get(url);
    expect(res.ok(), url).toBe(true);
    return (await res.json()) as T;
  };
  /** Screen and print renderings of the page as it is now. */
  const shots = async (page: Page, name: string) => {
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, `${name}-screen.png`), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, `${name}-print.png`), fullPage: true });
  };
  /** Under print media: no side menu, no header bar, no breadcrumb, no buttons; the print header is shown. */
  const expectPrintChrome = async (page: Page) => {
    for (const sel of [".ant-layout-sider", ".ant-layout-header", ".ant-breadcrumb", ".print-toolbar", ".ant-btn"])
      for (const el of await page.locator(sel).all()) expect(await el.isVisible(), sel).toBe(false);
    expect(await page.locator(".print-sheet").isVisible()).toBe(true);
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    // The demo seed alone can take minutes on the shared 2-core machine.
  }, 600_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && s && !s.page.isClosed())
      await s.page.screenshot({ path: path.join(SHOTS, "failed.png") }).catch(() => undefined);
    await s?.context.close().catch(() => undefined);
    s = null;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("申报表 with its 自评表: 打印 opens it, print media hides the console, the header names the unit", async () => {
    const { page, consoleErrors } = await open();
    const list = await api<{ items: Application[] }>(page, "/api/creation/applications?pageSize=100");
    const app = list.items.find((a) => a.status !== "draft" && a.status !== "withdrawn") as Application;
    const detail = await api<Application>(page, `/api/creation/applications/${app.id}`);
    expect(detail.selfSheet).not.toBeNull();

    await page.goto(`/admin/creation/applications/${app.id}`);
    await page.getByTestId("application-detail").waitFor();
    // The detail page itself prints without the console's chrome too.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".ant-layout-sider").isVisible()).toBe(false);
    expect(await page.getByTestId("print-button").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });

    await page.getByTestId("print-button").click();
    await page.waitForURL(/\/print$/);
    const view = page.getByTestId("print-view");
    await view.getByTestId("print-sheet-table").waitFor();
    const header = view.getByTestId("print-header");
    await expect.poll(() => textOf(header)).toContain("民族团结进步示范单位（区）申报表");
    expect(await textOf(header)).toContain(`单位：${app.orgName}`);
    const text = await textOf(view);
    for (const h of ["一、申报信息", "二、创建工作情况", "四、自评表", "五、审核记录"]) expect(text).toContain(h);
    expect(text).toMatch(/合计 [\d.]+ 分（满分 [\d.]+ 分，合格线 [\d.]+ 分）/);
    // Names, never ids.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await page.title()).toBe("民族团结进步示范单位（区）申报表");
    expect(await page.locator(".ant-layout-sider").isVisible()).toBe(true);
    await shots(page, "application");
    await expectPrintChrome(page);
    expect(await header.isVisible()).toBe(true);
    // The print layout is A4 (the browser's own PDF is kept for a look).
    expect(await pageSizes(page)).toEqual(["A4"]);
    fs.writeFileSync(path.join(SHOTS, "application.pdf"), await page.pdf({ preferCSSPageSize: true }));
    await page.emulateMedia({ media: "screen" });

    // The 自评表 alone, from its own page.
    await page.goto(`/admin/creation/applications/${app.id}/sheets/${detail.selfSheet?.id}`);
    await page.getByTestId("print-button").click();
    await page.waitForURL(/\/sheets\/.+\/print$/);
    await page.getByTestId("print-sheet-table").waitFor();
    expect(await textOf(page.getByTestId("print-header"))).toContain("自评表");
    expect(await textOf(page.getByTestId("print-view"))).toContain("评分人签字");
    await shots(page, "sheet");
    await expectPrintChrome(page);
    expect(consoleErrors).toEqual([]);
  });

  it("命名决定 with its list of units, and a certificate in A4 landscape with 下载PDF", async () => {
    const { page, consoleErrors } = await open();
    const decisions = await api<{ items: Decision[] }>(page, "/api/creation/decisions");
    const decision = decisions.items[0];
    await page.goto(`/admin/creation/decisions/${decision.id}/print`);
    const body = page.getByTestId("print-decision");
    await body.waitFor();
    expect(await textOf(body)).toContain(decision.docNumber);
    expect(await body.locator("tbody tr").count()).toBe(decision.designations.length);
    for (const d of decision.designations) expect(await textOf(body)).toContain(d.unitName);
    await shots(page, "decision");
    await expectPrintChrome(page);
    await page.emulateMedia({ media: "screen" });

    const designations = await api<{ items: Designation[] }>(page, "/api/creation/designations?live=true");
    const d = designations.items[0];
    await page.goto(`/admin/creation/designations/${d.id}/print`);
    const cert = page.getByTestId("print-certificate");
    await cert.waitFor();
    expect(await textOf(cert)).toContain(`${d.unitName}：`);
    expect(await textOf(cert)).toContain(`证书编号：${d.certificateNo}`);
    const download = page.waitForEvent("download");
    await page.getByTestId("certificate-pdf").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${d.certificateNo} ${d.unitName}.pdf`);
    const saved = path.join(SHOTS, "certificate-download.pdf");
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");
    await shots(page, "certificate");
    await expectPrintChrome(page);
    expect(await page.getByTestId("certificate-pdf").isVisible()).toBe(false);
    expect(await pageSizes(page)).toEqual(["A4", "A4 landscape"]);
    fs.writeFileSync(path.join(SHOTS, "certificate-browser.pdf"), await page.pdf({ preferCSSPageSize: true }));
    expect(consoleErrors).toEqual([]);
  });

  it("推荐审批表 of a nomination: 打印 in its drawer, masked, stage opinions and 公示 records, 返回 reopens it", async () => {
    const { page, consoleErrors } = await open();
    type Nom = Item & { nomineeName: string; nomineeOrgId: string | null; status: string };
    const noms = await api<{ items: Nom[] }>(page, "/api/honors/nominations?pageSize=100");
    const nom = noms.items.find((n) => n.status === "removed" && !n.nomineeOrgId) as Nom;
    await page.goto(`/admin/honors/nominations?id=${nom.id}`);
    await page.getByTestId("print-button").click();
    await page.waitForURL(/\/honors\/nominations\/.+\/print$/);
    const body = page.getByTestId("print-nomination");
    await body.waitFor();
    expect(await textOf(page.getByTestId("print-header"))).toContain("推荐审批表");
    const text = await textOf(body);
    expect(text).toContain(nom.nomineeName);
    expect(nom.nomineeName).toContain("*");
    for (const h of ["一、推荐对象", "二、事迹材料", "四、各环节意见", "五、公示情况"]) expect(text).toContain(h);
    expect(await textOf(page.getByTestId("print-stages"))).toContain("因异议撤销");
    expect(await textOf(page.getByTestId("print-notices"))).toContain("成立 1");
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shots(page, "nomination");
    await expectPrintChrome(page);
    expect(await pageSizes(page)).toEqual(["A4"]);
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: /返\s*回/ }).click();
    await page.waitForURL(/\/honors\/nominations\?id=/);
    await page.locator(".ant-drawer").waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
