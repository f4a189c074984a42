import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  launchBrowser,
  newPage,
  rows,
  type Server,
  type Session,
  shot,
  signedIn,
  startServer,
  tableLoaded,
} from "./support.js";

/**
 * Issue 17 §5 in the browser: the system administrator edits a portal string in 界面翻译 and marks it 已校对,
 * imports a translators' sheet after its preview, and the portal switched to 蒙古文 shows both.
 */
const HERO = "ᠠᠨᠠᠷ\u202fᠤᠨ ᠦᠷ\u180eᠡ ᠮᠡᠲ\u180eᠡ ᠨᠢᠭᠲᠠ ᠨᠢᠭᠡᠳᠦᠨ᠎ᠡ";
const KICKER = "ᠳᠤᠮᠳᠠᠳᠤ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ\u202fᠦ ᠬᠠᠮᠲᠤ ᠪᠡᠶ\u180eᠡ";

describe("界面翻译: edited and imported strings show on the portal in Mongolian", () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-i18n-"));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ demo: true }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("edit in place to 已校对, import a sheet after its preview; the portal in 蒙古文 shows them", async () => {
    const { page } = await signedIn(browser, server.url, sessions, "admin", ADMIN_PASSWORD);
    // Every portal and console key now ships with a translation, so the sheet would have no 待翻译 row to fill:
    // withdraw one portal string first (待翻译, no text), as an administrator can, to make the gap imported below.
    const withdrawn = await page.request.put("/api/system/translations", {
      data: {
        locale: "mn-Mong",
        translationKey: "portal.bases.track.cancelled",
        translation: "",
        translationState: "待翻译",
      },
    });
    expect(withdrawn.status(), await withdrawn.text()).toBe(200);
    await page.goto("/admin/system/translations");
    await tableLoaded(page);
    await rows(page).first().waitFor();
    const missing = page.getByTestId("count-missing");
    const missingBefore = Number(await missing.getAttribute("data-value"));
    expect(missingBefore).toBeGreaterThan(0);

    // Edit one string in place: new text, 已校对.
    await page.getByRole("searchbox", { name: "按键、中文或译文检索" }).fill("portal.hero.title");
    await page.keyboard.press("Enter");
    await rows(page).filter({ hasText: "portal.hero.title" }).waitFor();
    expect(await rows(page).count()).toBe(1);
    await page.getByTestId("translation-edit-portal.hero.title").click();
    await page.getByTestId("translation-text").fill(HERO);
    await page.getByTestId("translation-state").click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option-content")
      .getByText("已校对", { exact: true })
      .click();
    await page.getByTestId("translation-save").click();
    await rows(page).filter({ hasText: "portal.hero.title" }).locator(".ant-tag").getByText("已校对").waitFor();
    await shot(page, "console-translations");

    // Export, fill an untranslated string in the sheet, preview, then apply.
    const [downloadEvent] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("translations-export").click(),
    ]);
    const exported = path.join(tmp, "export.xlsx");
    await downloadEvent.saveAs(exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(exported);
    const ws = wb.worksheets[0];
    let target = "";
    ws.eachRow((r, n) => {
      if (n > 1 && !target && r.getCell(4).value === "待翻译" && !/\{/.test(String(r.getCell(2).value))) {
        target = String(r.getCell(1).value);
        r.getCell(3).value = KICKER;
        r.getCell(4).value = "待校对";
      }
    });
    expect(target).not.toBe("");
    const edited = path.join(tmp, "蒙古文翻译.xlsx");
    await wb.xlsx.writeFile(edited);

    await page.getByTestId("translations-import").click();
    const modal = page.getByRole("dialog", { name: "导入蒙古文译文" });
    await modal.locator('input[type="file"]').setInputFiles(edited);
    await page.getByTestId("import-submit").click();
    const preview = page.getByTestId("import-preview");
    await preview.getByText(target).waitFor();
    expect(await preview.innerText()).toContain("将修改 1 条");
    await page.getByTestId("import-submit").click();
    await page.getByTestId("import-success").waitFor();
    await modal.getByRole("button", { name: "关 闭" }).click();
    await page.getByRole("searchbox", { name: "按键、中文或译文检索" }).fill("");
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid="count-missing"][data-value="${missingBefore - 1}"]`).waitFor();

    // The portal in Mongolian reads the edited set.
    const visitor = await newPage(browser, server.url);
    sessions.push(visitor);
    await visitor.page.goto("/");
    await visitor.page.locator("main h1").first().waitFor();
    await visitor.page.getByRole("button", { name: "蒙古文" }).click();
    await visitor.page.waitForFunction(() => document.documentElement.lang === "mn-Mong");
    await visitor.page.locator("main h1").getByText(HERO).waitFor();
    const set = await (await visitor.page.request.get("/api/public/i18n/mn-Mong")).json();
    expect(set["portal.hero.title"]).toEqual({ text: HERO, state: "已校对" });
    expect(set[target]).toEqual({ text: KICKER, state: "待校对" });
    await shot(visitor.page, "portal-mn-edited");
    expect(visitor.consoleErrors).toEqual([]);
  });
});
