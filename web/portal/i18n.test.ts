import { afterEach, describe, expect, it } from "vitest";
import {
  chineseEntries,
  flatKeys,
  loadMongolian,
  localized,
  MONGOLIAN_URL,
  missingTranslations,
  missingUsed,
  selectTranslations,
  t,
  translationStates,
} from "./i18n";
import { portalMn } from "./mn";
import { portalZh } from "./zh-CN";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("portal languages (issue 17 §5)", () => {
  afterEach(() => selectTranslations("zh-CN", null));

  it("counts the Mongolian strings that are missing and lists them; none is left over from a renamed key", () => {
    const keys = flatKeys({ portal: portalZh });
    const report = missingTranslations(portalMn);
    expect(report.total).toBe(keys.length);
    expect(report.count).toBe(report.missing.length);
    expect(report.count).toBe(keys.filter((k) => !portalMn[k]).length);
    expect(report.stale).toEqual([]);
    // The shipped set covers every portal key (362, all 待校对): nothing is missing.
    expect(keys.length).toBe(362);
    expect(report.count).toBe(0);
    expect(report.missing).toEqual([]);
    // A key taken out of the set is counted and listed.
    const { "portal.pager.next": _withdrawn, ...withOneGap } = portalMn;
    expect(missingTranslations(withOneGap)).toMatchObject({ count: 1, missing: ["portal.pager.next"] });
  });

  it("counts a set's gaps and stale keys exactly", () => {
    const keys = ["portal.a", "portal.b", "portal.c"];
    const set = {
      "portal.a": { text: "ᠠ", state: "已校对" as const },
      "portal.old": { text: "ᠣ", state: "待校对" as const },
    };
    expect(missingTranslations(set, keys)).toEqual({
      count: 2,
      total: 3,
      missing: ["portal.b", "portal.c"],
      stale: ["portal.old"],
    });
    expect(translationStates(set, keys)).toEqual({ "portal.a": "已校对", "portal.b": "待翻译", "portal.c": "待翻译" });
  });

  it("every shipped Mongolian string is Mongolian script, 待校对, with the placeholders of its Chinese text", () => {
    const zh = new Map(chineseEntries());
    for (const [key, { text, state }] of Object.entries(portalMn)) {
      expect(state, key).toBe("待校对");
      expect(text, key).toMatch(/[\u1820-\u18AF]/);
      expect(placeholders(text), key).toEqual(placeholders(zh.get(key) ?? ""));
    }
  });

  it("t() shows Mongolian where there is a string, else Chinese, and counts what fell back", () => {
    selectTranslations("mn-Mong", portalMn);
    expect(t("portal.name")).toBe(portalMn["portal.name"].text);
    expect(t("portal.pager.status", { page: 2, pages: 5, total: 48 })).toContain("2/5");
    // With one string withdrawn, that key falls back to Chinese and is listed as used in Chinese.
    const fallback = "portal.pager.next";
    const { [fallback]: _withdrawn, ...withOneGap } = portalMn;
    selectTranslations("mn-Mong", withOneGap);
    expect(t(fallback)).toBe(chineseEntries().find(([k]) => k === fallback)?.[1]);
    expect(missingUsed()).toEqual([fallback]);
    selectTranslations("zh-CN", null);
    expect(t("portal.name")).toBe("石榴平台");
    expect(missingUsed()).toEqual([]);
  });
});

describe("the portal's Mongolian strings come from the server, else from the shipped set", () => {
  it("content entered by staff: the Mongolian field in Mongolian when filled, else the Chinese, with its lang", () => {
    const title = "甘旗卡镇举办邻里节";
    const titleMn = "ᠭᠠᠨᠴᠢᠭ\u180eᠠ ᠪᠠᠯᠭᠠᠰᠤ ᠨᠠᠶᠢᠷ ᠬᠢᠪᠡ";
    expect(localized(title, titleMn)).toEqual({ text: title, lang: "zh-CN" });
    selectTranslations("mn-Mong", portalMn);
    expect(localized(title, titleMn)).toEqual({ text: titleMn, lang: "mn-Mong" });
    for (const empty of ["", "  ", null, undefined])
      expect(localized(title, empty)).toEqual({ text: title, lang: "zh-CN" });
  });

  it("uses the effective set the server returns (edited strings included)", async () => {
    const edited = { "portal.name": { text: "ᠠᠨᠠᠷ", state: "已校对" as const } };
    const urls: string[] = [];
    const fetcher = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(edited), { headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    expect(await loadMongolian(fetcher)).toEqual(edited);
    expect(urls).toEqual([MONGOLIAN_URL]);
  });

  it("falls back to the shipped set when the request fails or answers an error", async () => {
    const down = (async () => {
      throw new TypeError("network");
    }) as unknown as typeof fetch;
    expect(await loadMongolian(down)).toEqual(portalMn);
    const error = (async () => new Response("{}", { status: 503 })) as unknown as typeof fetch;
    expect(await loadMongolian(error)).toEqual(portalMn);
  });
});
