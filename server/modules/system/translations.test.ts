import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleMn } from "../../../contracts/console-i18n/mn.js";
import { consoleZh } from "../../../contracts/console-i18n/zh-CN.js";
import { entriesOf } from "../../../contracts/portal-i18n/keys.js";
import { portalMn } from "../../../contracts/portal-i18n/mn.js";
import { portalZh } from "../../../contracts/portal-i18n/zh-CN.js";
import type { TranslationImportResult, TranslationList, TranslationRow } from "../../../contracts/translations.js";
import { readXlsx } from "../../core/xlsx.js";
import { type Client, client, createOrg, createUser, login, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { multipartFile } from "../../test/hostile-files.js";

/*
 * 界面翻译 (issue 17 §5): the portal's and the console's strings in Mongolian go out to translators as .xlsx (键,
 * 中文, 蒙古文, 状态, 界面) and come back; a sheet with a bad row changes nothing and names the row and column; the
 * portal and the console read their shipped set overridden by what was edited or imported; the missing-string
 * count is the 待翻译 count, over both sets and per set.
 */
let h: TestApp;
let admin: Client;
let unitUser: Client;

const portalEntries = entriesOf({ portal: portalZh });
const consoleEntries = entriesOf(consoleZh);
/** Every key in the order the list and the sheet give them: the portal's, then the console's. */
const zh = [...portalEntries, ...consoleEntries];
const shippedAll = { ...portalMn, ...consoleMn };
const shippedKeys = Object.keys(shippedAll);
/**
 * A key with a placeholder, one the tests withdraw (the shipped set now covers every portal key, so a gap is made
 * the way an administrator makes one: 待翻译 with no text) and one they leave shipped.
 */
const withPlaceholder = zh.find(([k, v]) => /\{\w+\}/.test(v) && portalMn[k])![0];
const untranslated = "portal.bases.track.cancelled";
const shipped = "portal.hero.title";

beforeAll(async () => {
  h = await createTestApp({ start: "2026-09-20T02:00:00Z" });
  admin = await login(h, "admin", ADMIN_PASSWORD);
  const org = await createOrg(admin, "科尔沁左翼后旗民族事务委员会", "150522");
  await createUser(h, admin, "i18n_unit", org.id, ["unit_user"]);
  unitUser = await login(h, "i18n_unit", USER_PASSWORD);
});
afterAll(() => h?.close());

/** The exported sheet, edited with `edit(rowsByKey)` (cells by column name), as a new .xlsx. */
async function editSheet(
  content: Buffer,
  edit: (row: (key: string) => Record<"键" | "中文" | "蒙古文" | "状态", ExcelJS.Cell>, ws: ExcelJS.Worksheet) => void,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const rowOf = new Map<string, number>();
  ws.eachRow((r, n) => {
    if (n > 1) rowOf.set(String(r.getCell(1).value), n);
  });
  edit((key) => {
    const r = ws.getRow(rowOf.get(key)!);
    return Object.fromEntries(headers.map((hd, i) => [hd, r.getCell(i + 1)])) as never;
  }, ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const exportSheet = async () => {
  const res = await admin.req("/api/system/translations/export");
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  return res.rawPayload;
};
const list = (q = "") => admin.json<TranslationList>(`/api/system/translations${q}`);
const publicSet = async (set?: "console") => {
  const res = await client(h, null).req(`/api/public/i18n/mn-Mong${set ? `?set=${set}` : ""}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Record<string, { text: string; state: string }>;
};
const rowsInDb = async () =>
  (await h.deps.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ui_translations`)).rows[0].n;

describe("界面翻译", () => {
  it("lists every portal and console key with its state; the missing-string count is the keys without a translation", async () => {
    const l = await list();
    expect(l.counts.total).toBe(zh.length);
    expect(l.items.map((r) => r.key)).toEqual(zh.map(([k]) => k));
    const missing = zh.filter(([k]) => !shippedAll[k]).length;
    // Both shipped sets cover every key (portal 362, console 805): nothing is missing until a string is withdrawn.
    expect(portalEntries.length).toBe(362);
    expect(missing).toBe(0);
    expect(l.counts.待翻译).toBe(missing);
    expect(l.counts.待校对).toBe(shippedKeys.length);
    expect(l.counts.已校对).toBe(0);
    expect(l.counts.待翻译 + l.counts.待校对 + l.counts.已校对).toBe(zh.length);
    const filtered = await list("?state=待翻译");
    expect(filtered.items.length).toBe(missing);
    expect(filtered.items.every((r) => r.text === "" && r.state === "待翻译")).toBe(true);
    const searched = await list(`?q=${encodeURIComponent("HERO.TITLE")}`);
    expect(searched.items.map((r) => r.key)).toEqual([shipped]);
    // The public set is the shipped one while nothing is edited.
    expect(await publicSet()).toEqual(portalMn);
  });

  it("exports every key with 键, 中文, 蒙古文, 状态, 界面; untranslated rows empty; audited", async () => {
    // Withdraw one portal string first, so that the sheet has an untranslated row (and the round trip below a gap).
    const withdrawn = await admin.req("/api/system/translations", {
      method: "PUT",
      body: { locale: "mn-Mong", translationKey: untranslated, translation: "", translationState: "待翻译" },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await list()).counts.待翻译).toBe(1);
    const sheet = await readXlsx(await exportSheet());
    expect(sheet.headers).toEqual(["键", "中文", "蒙古文", "状态", "界面"]);
    expect(sheet.rows.length).toBe(zh.length);
    const byKey = new Map(sheet.rows.map((r) => [r.cells[0], r.cells]));
    expect(byKey.get(untranslated)).toEqual([
      untranslated,
      zh.find(([k]) => k === untranslated)![1],
      "",
      "待翻译",
      "公众门户",
    ]);
    expect(byKey.get("menu.home")?.slice(2)).toEqual([consoleMn["menu.home"].text, "待校对", "管理后台"]);
    expect(byKey.get(shipped)?.slice(2)).toEqual([portalMn[shipped].text, "待校对", "公众门户"]);
    const audit = await h.deps.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'ui_translation' AND category = 'export'`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["translation.export"]);
  });

  it("round trip: an edited sheet previews, then applies; the list and the public set show it; audited", async () => {
    const file = await editSheet(await exportSheet(), (row) => {
      row(untranslated).蒙古文.value = "ᠰᠢᠨ\u202fᠡ ᠣᠷᠴᠢᠭᠤᠯᠭ\u180eᠠ";
      row(untranslated).状态.value = "待校对";
      row(shipped).状态.value = "已校对";
    });
    const before = await list();
    const preview = await admin.req("/api/system/translations/import/preview", {
      method: "POST",
      ...multipartFile(file, "蒙古文翻译.xlsx"),
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as TranslationImportResult;
    expect(p).toMatchObject({ applied: false, total: zh.length, errors: [], unchanged: zh.length - 2 });
    expect(p.changes.map((c) => [c.key, c.before.state, c.after.state])).toEqual(
      [
        [untranslated, "待翻译", "待校对"],
        [shipped, "待校对", "已校对"],
      ].sort((a, b) => zh.findIndex(([k]) => k === a[0]) - zh.findIndex(([k]) => k === b[0])),
    );
    expect(p.counts).toMatchObject({ 待翻译: before.counts.待翻译 - 1, 已校对: 1 });
    // The preview saved nothing (the one row is the withdrawal).
    expect(await rowsInDb()).toBe(1);

    const applied = await admin.req("/api/system/translations/import", {
      method: "POST",
      ...multipartFile(file, "蒙古文翻译.xlsx"),
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, counts: p.counts });
    expect(await rowsInDb()).toBe(2);

    const after = await list();
    expect(after.counts.待翻译).toBe(before.counts.待翻译 - 1);
    const rowOf = (k: string) => after.items.find((r) => r.key === k) as TranslationRow;
    expect(rowOf(untranslated)).toMatchObject({
      text: "ᠰᠢᠨ\u202fᠡ ᠣᠷᠴᠢᠭᠤᠯᠭ\u180eᠠ",
      state: "待校对",
      edited: true,
      updatedByName: expect.any(String),
    });
    expect(rowOf(shipped)).toMatchObject({ text: portalMn[shipped].text, state: "已校对", edited: true });
    const pub = await publicSet();
    expect(pub[untranslated]).toEqual({ text: "ᠰᠢᠨ\u202fᠡ ᠣᠷᠴᠢᠭᠤᠯᠭ\u180eᠠ", state: "待校对" });
    expect(pub[shipped]).toEqual({ text: portalMn[shipped].text, state: "已校对" });

    const audit = await h.deps.db.execute<{ action: string; entity_id: string }>(
      sql`SELECT action, entity_id FROM audit_log WHERE entity = 'ui_translation' AND category = 'data'
            AND action = 'translation.import' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([`mn-Mong/${shipped}`, `mn-Mong/${untranslated}`].sort());
    expect(new Set(audit.rows.map((r) => r.action))).toEqual(new Set(["translation.import"]));
    // 导入中心 lists the import.
    const center = await admin.json<{ runs: { items: { kind: string; importedRows: number }[] } }>(
      "/api/system/imports?kind=translations",
    );
    expect(center.runs.items[0]).toMatchObject({ kind: "translations", importedRows: 2 });
    // Importing the same sheet again changes nothing.
    const again = await admin.req("/api/system/translations/import", {
      method: "POST",
      ...multipartFile(file, "蒙古文翻译.xlsx"),
    });
    expect(again.json()).toMatchObject({ changes: [], unchanged: zh.length });
  });

  it("a sheet with bad rows is refused whole, each row and column named in Chinese; nothing changes", async () => {
    const ph = zh.find(([k]) => k === withPlaceholder)![1];
    const file = await editSheet(await exportSheet(), (row, ws) => {
      row(shipped).蒙古文.value = "ᠠᠨᠠᠷ\u202eᠡ"; // a right-to-left override
      row(withPlaceholder).蒙古文.value = "ᠬᠠᠭᠤᠳᠠᠰᠤ"; // placeholders dropped
      row("portal.name").状态.value = "差不多";
      // A control character, as a spreadsheet stores it (exceljs drops a raw one on writing, reads this back as BEL).
      row("portal.subtitle").蒙古文.value = "ᠠ_x0007_ᠪ";
      row("portal.skip").蒙古文.value = "ᠠ_xD800_ᠪ"; // a lone surrogate: ill-formed Unicode
      ws.addRow(["portal.no.such.key", "", "ᠠ", "待校对"]);
    });
    const before = await list();
    const preview = (await admin.json("/api/system/translations/import/preview", {
      method: "POST",
      ...multipartFile(file, "有错.xlsx"),
    })) as TranslationImportResult;
    expect(preview.applied).toBe(false);
    const named = preview.errors.map((e) => `${e.field}`);
    expect(named).toHaveLength(6);
    const res = await admin.req("/api/system/translations/import", {
      method: "POST",
      ...multipartFile(file, "有错.xlsx"),
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("IMPORT_FAILED");
    expect(error.message).toMatch(/^翻译表格有 6 行错误，未导入任何译文。第 \d+ 行“[^”]+”：/);
    const errs = error.details.errors as { row: number; field: string; message: string }[];
    const rowNumber = (key: string) => zh.findIndex(([k]) => k === key) + 2;
    const by = (key: string) => errs.find((e) => e.row === rowNumber(key));
    expect(by(shipped)).toMatchObject({ field: "蒙古文", message: expect.stringContaining("双向文本控制字符") });
    expect(by(withPlaceholder)).toMatchObject({ field: "蒙古文", message: expect.stringContaining("占位符") });
    expect(by(withPlaceholder)?.message).toContain(ph.match(/\{\w+\}/)![0]);
    expect(by("portal.name")).toMatchObject({ field: "状态", message: expect.stringContaining("不是有效的状态") });
    expect(by("portal.subtitle")).toMatchObject({ field: "蒙古文", message: "不能包含控制字符" });
    expect(by("portal.skip")).toMatchObject({ field: "蒙古文", message: expect.stringContaining("无效的 Unicode") });
    expect(errs.find((e) => e.row === zh.length + 2)).toMatchObject({
      field: "键",
      message: expect.stringContaining("portal.no.such.key"),
    });
    expect(await list()).toEqual(before);
    // A file that is not the sheet is named on 文件.
    const junk = await admin.req("/api/system/translations/import/preview", {
      method: "POST",
      ...multipartFile(Buffer.from("not a workbook"), "x.xlsx"),
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.details.fields[0]).toMatchObject({ field: "file" });
  });

  it("edits one string: text and state checked like an imported row; audited; the portal sees it", async () => {
    const put = (body: Record<string, unknown>) =>
      admin.req("/api/system/translations", { method: "PUT", body: { locale: "mn-Mong", ...body } });
    const ok = await put({ translationKey: "portal.name", translation: "ᠠᠨᠠᠷ ᠲᠠᠪᠴᠠᠩ", translationState: "已校对" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ key: "portal.name", state: "已校对", edited: true });
    expect((await publicSet())["portal.name"]).toEqual({ text: "ᠠᠨᠠᠷ ᠲᠠᠪᠴᠠᠩ", state: "已校对" });

    // Withdrawn: 待翻译 with no text shows Chinese again and counts as missing.
    const before = (await list()).counts.待翻译;
    expect((await put({ translationKey: shipped, translation: "", translationState: "待翻译" })).statusCode).toBe(200);
    expect((await list()).counts.待翻译).toBe(before + 1);
    expect((await publicSet())[shipped]).toBeUndefined();

    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ translationKey: withPlaceholder, translation: "ᠠ", translationState: "待校对" }, "translation", /占位符/],
      [{ translationKey: "portal.name", translation: "", translationState: "已校对" }, "translation", /不能为空/],
      [{ translationKey: "portal.name", translation: "ᠠ", translationState: "待翻译" }, "translationState", /待校对/],
      [{ translationKey: "portal.name", translation: "ᠠ\u202eᠪ", translationState: "待校对" }, "translation", /双向/],
      [{ translationKey: "portal.nope", translation: "ᠠ", translationState: "待校对" }, "translationKey", /没有这个/],
    ];
    for (const [body, field, message] of cases) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe(field);
      expect(res.json().error.message).toMatch(message);
    }
    const audit = await h.deps.db.execute<{ action: string; changes: unknown }>(
      sql`SELECT action, changes FROM audit_log WHERE entity_id = 'mn-Mong/portal.name' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["translation.update"]);
    // The string's history, as the console shows it.
    const history = await admin.json<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      "/api/system/translations/portal.name/history",
    );
    expect(history.items.map((e) => e.action)).toEqual(["translation.update"]);
    expect(history.items[0].changes).toMatchObject({ state: ["待校对", "已校对"] });
    expect((await admin.req("/api/system/translations/portal.nope/history")).statusCode).toBe(404);
  });

  it("covers the console's keys: counted per set, exported alone, served to the console, edited and imported", async () => {
    const consoleMissing = consoleEntries.filter(([k]) => !consoleMn[k]).length;
    // Per-set counts: the console's missing strings are its keys without a translation (nothing edited there yet).
    // The shipped set covers every console key (805: the frame, menus, 活动, 资料库, 我的任务, 零报告, 示范创建's
    // applications and 自评表), all 待校对.
    expect(consoleEntries.length).toBe(805);
    expect(consoleMissing).toBe(0);
    const all = await list();
    const counts = Object.fromEntries(all.sets.map((s) => [s.set, s.counts]));
    expect(counts.console).toEqual({
      total: consoleEntries.length,
      待翻译: consoleMissing,
      待校对: Object.keys(consoleMn).length,
      已校对: 0,
    });
    expect(counts.portal.total + counts.console.total).toBe(all.counts.total);
    expect(counts.portal.待翻译 + counts.console.待翻译).toBe(all.counts.待翻译);
    // The frame and the unit pages are among the translated keys.
    for (const k of [
      "menu.home",
      "activities.menu.records",
      "materials.listTitle",
      "common.save",
      "plans.myTasks.title",
      "disputes.desk.nothing",
      "creation.flow.sheet.selfTitle",
    ])
      expect(consoleMn[k], k).toBeDefined();

    // The console's served set: the shipped one, and no portal key; the portal's has no console key.
    expect(await publicSet("console")).toEqual(consoleMn);
    expect(Object.keys(await publicSet()).some((k) => !k.startsWith("portal."))).toBe(false);

    // A string withdrawn (待翻译, no text) is a gap again: listed as 待翻译, counted, not served.
    const gap = "plans.myTasks.title";
    const withdrawn = await admin.req("/api/system/translations", {
      method: "PUT",
      body: { locale: "mn-Mong", translationKey: gap, translation: "", translationState: "待翻译" },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const only = await list("?set=console");
    expect(only.items.map((r) => r.key)).toEqual(consoleEntries.map(([k]) => k));
    expect(only.items.every((r) => r.set === "console")).toBe(true);
    expect(only.items.find((r) => r.key === gap)).toMatchObject({ text: "", state: "待翻译" });
    expect((await list("?set=console&state=待翻译")).items.map((r) => r.key)).toEqual([gap]);
    expect((await publicSet("console"))[gap]).toBeUndefined();

    // The console's keys alone, as a sheet; translated and imported back.
    const res = await admin.req("/api/system/translations/export?set=console");
    expect(res.statusCode, res.body).toBe(200);
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.rows.length).toBe(consoleEntries.length);
    expect(new Set(sheet.rows.map((r) => r.cells[4]))).toEqual(new Set(["管理后台"]));
    const file = await editSheet(res.rawPayload, (row) => {
      row(gap).蒙古文.value =
        `ᠰᠢᠨ\u202fᠡ ${(consoleEntries.find(([k]) => k === gap)![1].match(/\{\w+\}/g) ?? []).join(" ")}`.trim();
      row(gap).状态.value = "待校对";
      row("menu.home").状态.value = "已校对";
    });
    const applied = await admin.req("/api/system/translations/import", {
      method: "POST",
      ...multipartFile(file, "管理后台蒙古文.xlsx"),
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect((applied.json() as TranslationImportResult).changes.map((c) => c.key).sort()).toEqual(
      [gap, "menu.home"].sort(),
    );
    const after = await list();
    const consoleAfter = after.sets.find((s) => s.set === "console")!.counts;
    expect(consoleAfter).toMatchObject({ 待翻译: 0, 已校对: 1 });
    const served = await publicSet("console");
    expect(served[gap].text).toMatch(/^ᠰᠢᠨ\u202fᠡ/);
    expect(served["menu.home"]).toEqual({ text: consoleMn["menu.home"].text, state: "已校对" });

    // One console string edited in place, its history under its key.
    const put = await admin.req("/api/system/translations", {
      method: "PUT",
      body: { locale: "mn-Mong", translationKey: "common.save", translation: "ᠬᠠᠳᠠᠭᠠᠯᠠᠬᠤ", translationState: "已校对" },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ key: "common.save", set: "console", state: "已校对", edited: true });
    const history = await admin.json<{ items: { action: string }[] }>("/api/system/translations/common.save/history");
    expect(history.items.map((e) => e.action)).toEqual(["translation.update"]);
  });

  it("is the system administrator's: another user gets 403, the public set needs no sign-in", async () => {
    for (const [method, url] of [
      ["GET", "/api/system/translations"],
      ["GET", "/api/system/translations/export"],
      ["GET", "/api/system/translations/portal.name/history"],
      ["PUT", "/api/system/translations"],
      ["POST", "/api/system/translations/import/preview"],
      ["POST", "/api/system/translations/import"],
    ] as const) {
      const res = await unitUser.req(url, { method, body: method === "PUT" ? {} : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.details.permission).toBe("system:settings");
    }
    expect((await client(h, null).req("/api/public/i18n/mn-Mong")).statusCode).toBe(200);
    expect((await client(h, null).req("/api/public/i18n/mn-Mong?set=console")).statusCode).toBe(200);
    expect((await client(h, null).req("/api/public/i18n/mn-Mong?set=nope")).statusCode).toBe(400);
  });
});
