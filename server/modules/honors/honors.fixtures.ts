/**
 * Test fixtures of 表彰: the two-banner fixture plus 通辽市民委 (the organizing level) with its admin and a review
 * panel member, a second 后旗 unit, and helpers that drive nominations through the stages.
 */
import { expect } from "vitest";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import type { TestApp } from "../../test/harness.js";

export async function honorsWorld(h: TestApp) {
  const f = await twoBanners(h);
  const cityDept = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
  const town2 = await createOrg(f.admin, "阿古拉镇人民政府", "150522101");
  await createUser(h, f.admin, "city_admin", cityDept.id, ["ethnic_affairs_admin"]);
  const judge = await createUser(h, f.admin, "honor_judge", cityDept.id, ["evaluator"]);
  await createUser(h, f.admin, "houqi_unit2", town2.id, ["unit_user"]);
  const c = {} as Record<"city" | "houqi" | "zhongqi" | "unit" | "unit2" | "judge", Client>;
  /** Signs everyone in again (after the clock moved past the session timeout). */
  const relogin = async () => {
    const names = {
      city: "city_admin",
      houqi: "houqi_admin",
      zhongqi: "zhongqi_admin",
      unit: "houqi_unit",
      unit2: "houqi_unit2",
      judge: "honor_judge",
    } as const;
    for (const [k, u] of Object.entries(names)) c[k as keyof typeof c] = await login(h, u, USER_PASSWORD);
  };
  await relogin();
  return { ...f, cityDept, town2, judge, c, relogin };
}
export type HonorsWorld = Awaited<ReturnType<typeof honorsWorld>>;

/** An open campaign of 通辽市 with the given quotas. */
export async function openCampaign(
  city: Client,
  quotas: { regionCode: string; kind: string; quota: number }[],
  extra: Record<string, unknown> = {},
) {
  const c = await city.json("/api/honors/campaigns", {
    method: "POST",
    body: {
      title: "通辽市第七次民族团结进步表彰",
      year: 2026,
      kinds: ["collective", "individual"],
      eligibility: "在铸牢中华民族共同体意识工作中作出突出贡献",
      noticeDays: 5,
      ...extra,
    },
  });
  await city.json(`/api/honors/campaigns/${c.id}/quotas`, { method: "PUT", body: { quotas } });
  return city.json(`/api/honors/campaigns/${c.id}/open`, { method: "POST" });
}

export const person = (name: string) => ({
  kind: "individual",
  person: { name, gender: "male", position: "嘎查党支部书记", unit: "哈布哈嘎查村民委员会" },
  summary: "扎根基层二十年，带领各族群众共同致富。",
  deeds: `${name}的事迹全文：组织各族群众发展特色产业，调解矛盾纠纷百余起。`,
});

export async function nominate(unit: Client, campaignId: string, body: Record<string, unknown>) {
  return unit.json("/api/honors/nominations", { method: "POST", body: { campaignId, ...body } });
}

/** Moves the clock to the Beijing day after a window's last day (02:00) and signs everyone in again. */
export async function pastWindow(h: TestApp, w: { relogin: () => Promise<void> }, endsOn: string) {
  h.clock.set(`${endsOn}T18:00:00Z`);
  await w.relogin();
}

export async function expectError(
  res: { statusCode: number; json: () => { error: { code: string; message: string } } },
  status: number,
  code: string,
) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().error.code).toBe(code);
  return res.json().error;
}
