import { afterEach, describe, expect, it } from "vitest";
import { consoleMn } from "../../contracts/console-i18n/mn";
import { consoleZh } from "../../contracts/console-i18n/zh-CN";
import { entriesOf, flatKeys, lookup, placeholders } from "../../contracts/portal-i18n/keys";
import { loadMongolian, MONGOLIAN_URL, missingUsed, selectTranslations, t } from "./i18n";
import { zhCN } from "./locales/zh-CN";

/*
 * The console in Mongolian (issue 17 §5): the translated set (contracts/console-i18n) is keyed exactly as the
 * console's t() reads its Chinese, every shipped string is Mongolian script, 待校对, with its Chinese text's
 * placeholders, and a key without a translation shows in Chinese and is counted.
 */
describe("console languages", () => {
  afterEach(() => selectTranslations("zh-CN", null));

  it("every key of the console set is a key of the console's Chinese, with the same text", () => {
    for (const [key, text] of entriesOf(consoleZh)) expect(lookup(zhCN, key), key).toBe(text);
    // The unit-facing pages: the frame, every module's menu titles, 活动 and 资料库.
    const keys = flatKeys(consoleZh);
    for (const k of ["menu.home", "common.save", "home.todos", "plans.menu.myTasks", "disputes.menu.main"])
      expect(keys).toContain(k);
    expect(keys.filter((k) => k.startsWith("activities.")).length).toBe(flatKeys(zhCN.activities).length);
    expect(keys.filter((k) => k.startsWith("materials.")).length).toBe(flatKeys(zhCN.materials).length);
  });

  it("every shipped Mongolian string is Mongolian script, 待校对, with the placeholders of its Chinese text", () => {
    const zh = new Map(entriesOf(consoleZh));
    for (const [key, { text, state }] of Object.entries(consoleMn)) {
      expect(zh.has(key), `${key} is not a console key`).toBe(true);
      expect(state, key).toBe("待校对");
      expect(text, key).toMatch(/[\u1820-\u18AF]/);
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
      expect(placeholders(text), key).toEqual(placeholders(zh.get(key) ?? ""));
      expect(text, key).toBe(text.trim());
    }
  });

  it("the first set covers the frame a unit user sees: menu, header, home, activity list and form, materials", () => {
    const need = [
      "app.name",
      "menu.home",
      "auth.logout",
      "auth.profile",
      "common.search",
      "common.reset",
      "common.actions",
      "home.welcome",
      "home.todos",
      ...flatKeys({ activities: { columns: consoleZh.activities.columns, fields: consoleZh.activities.fields } }),
      ...flatKeys({ materials: { fields: consoleZh.materials.fields, actions: consoleZh.materials.actions } }),
      ...flatKeys({ activities: { menu: consoleZh.activities.menu }, plans: { menu: consoleZh.plans.menu } }),
    ];
    expect(need.filter((k) => !consoleMn[k])).toEqual([]);
  });

  it("covers 我的任务, 零报告 and a unit's 示范创建 applications and 自评表; no console key is without a string", () => {
    const keys = flatKeys(consoleZh);
    const mounted = (prefix: string, tree: Record<string, unknown>) =>
      expect(keys.filter((k) => k.startsWith(prefix)).length, prefix).toBe(flatKeys(tree).length);
    mounted("plans.myTasks.", zhCN.plans.myTasks);
    mounted("plans.todos.", zhCN.plans.todos);
    mounted("plans.report.", zhCN.plans.report);
    mounted("disputes.desk.", zhCN.disputes.desk);
    mounted("creation.flow.applications.", zhCN.creation.flow.applications);
    mounted("creation.flow.sheet.", zhCN.creation.flow.sheet);
    // The department's screens of those modules stay outside the set (Chinese).
    expect(keys.some((k) => k.startsWith("plans.import.") || k.startsWith("creation.flow.batches."))).toBe(false);
    // The missing-string count of the shipped console set: 805 keys, every one translated (待校对).
    expect(keys.length).toBe(805);
    expect(keys.filter((k) => !consoleMn[k])).toEqual([]);
    expect(Object.keys(consoleMn).length).toBe(keys.length);
  });

  it("t() shows Mongolian where there is a string, else Chinese, and counts what fell back", () => {
    selectTranslations("mn-Mong", consoleMn);
    expect(t("menu.home")).toBe(consoleMn["menu.home"].text);
    expect(t("home.welcome", { name: "王芳" })).toContain("王芳");
    // Every key of the console set has a shipped string now; one an administrator withdrew (待翻译, no text, so
    // missing from the served set) shows in Chinese and is counted.
    const withdrawn = "plans.myTasks.title";
    const { [withdrawn]: _, ...served } = consoleMn;
    selectTranslations("mn-Mong", served);
    expect(t(withdrawn)).toBe(consoleZh.plans.myTasks.title);
    // A string outside the console set (another module's page) shows in Chinese, and is counted too.
    expect(t("org.fields.name")).toBe(lookup(zhCN, "org.fields.name"));
    expect(missingUsed()).toEqual([withdrawn, "org.fields.name"]);
    selectTranslations("zh-CN", null);
    expect(t("menu.home")).toBe("首页");
    expect(missingUsed()).toEqual([]);
  });

  it("reads the console's effective set from the server, else the shipped chunk", async () => {
    const edited = { "menu.home": { text: "ᠨᠢᠭᠤᠷ", state: "已校对" as const } };
    const urls: string[] = [];
    const ok = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(edited), { headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    expect(await loadMongolian(ok)).toEqual(edited);
    expect(urls).toEqual([MONGOLIAN_URL]);
    expect(MONGOLIAN_URL).toContain("set=console");
    const down = (async () => {
      throw new TypeError("network");
    }) as unknown as typeof fetch;
    expect(await loadMongolian(down)).toEqual(consoleMn);
  });
});
