/**
 * Test fixtures of 示范创建: the two-banner fixture plus 通辽's department, a town department of 后旗
 * (甘旗卡镇), two 嘎查 units of that town with their users, five 测评专家, the 100-point 嘎查村 indicator set
 * and an open city-level batch — and helpers that fill score sheets to an exact total.
 */
import { expect } from "vitest";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import type { TestApp } from "../../test/harness.js";
import { VILLAGE_SET } from "../evaluation/evaluation.fixtures.js";
import { users } from "../identity/identity.schema.js";

export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/** Uploads a small PNG (content made unique by `title`) to the caller's library; returns its id. */
export async function uploadMaterial(c: Client, title: string): Promise<string> {
  const boundary = "----shiliu-creation";
  const content = Buffer.concat([PNG, Buffer.from(title)]);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const m = await c.json("/api/materials", {
    method: "POST",
    payload,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  return m.id;
}

/**
 * Entries of VILLAGE_SET adding up to exactly `total` (25 – 100, one decimal): 1.2 graded A (10) and 3.1 “是”
 * (15), the rest spread over the 打分 items; 5.2 (the veto item) answered “是” unless `vetoNo`.
 */
export function entriesFor(total: number, opts: { vetoNo?: boolean } = {}) {
  let rest = Math.round((total - 25) * 10);
  if (rest < 0 || rest > 750) throw new Error(`total ${total} out of range`);
  const scored = (["1.1", "2.1", "4.1", "5.1"] as const).map((code) => {
    const max = code === "5.1" ? 150 : 200;
    const take = Math.min(max, rest);
    rest -= take;
    return { nodeCode: code, score: take / 10 };
  });
  return [
    ...scored,
    { nodeCode: "1.2", grade: "A" },
    { nodeCode: "3.1", answer: "yes" },
    { nodeCode: "5.2", answer: opts.vetoNo ? "no" : "yes" },
  ];
}

export async function fillAndSubmit(c: Client, sheetId: string, total: number, opts: { vetoNo?: boolean } = {}) {
  await c.json(`/api/score-sheets/${sheetId}`, { method: "PUT", body: { entries: entriesFor(total, opts) } });
  return c.json(`/api/score-sheets/${sheetId}/submit`, { method: "POST" });
}

export const CITY_BATCH = {
  name: "2026年度通辽市民族团结进步示范单位申报",
  year: 2026,
  level: "city",
  categories: ["village"],
  noticeDays: 5,
  submitDeadline: "2026-04-30",
  reviewDeadline: "2026-05-31",
  evaluationDeadline: "2026-06-30",
  namingDeadline: "2026-09-30",
};

export type World = Awaited<ReturnType<typeof creationWorld>>;

export async function creationWorld(h: TestApp) {
  const f = await twoBanners(h);
  const { admin } = f;
  const cityDept = await createOrg(admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
  const townDept = await createOrg(admin, "甘旗卡镇民族宗教事务办公室", "150522100", {
    isEthnicAffairsDept: true,
    parentId: f.houqiDept.id,
  });
  const village = await createOrg(admin, "哈布哈嘎查村民委员会", "150522100203", { type: "village_org" });
  const village2 = await createOrg(admin, "哈图塔拉嘎查村民委员会", "150522100204", { type: "village_org" });
  const expertOrg = await createOrg(admin, "通辽市民族团结进步创建专家组", "1505", { type: "other" });
  await createUser(h, admin, "city_admin", cityDept.id, ["ethnic_affairs_admin"]);
  await createUser(h, admin, "town_admin", townDept.id, ["ethnic_affairs_admin"]);
  await createUser(h, admin, "village_unit", village.id, ["unit_user"]);
  await createUser(h, admin, "village2_unit", village2.id, ["unit_user"]);
  await createUser(h, admin, "zhongqi_unit", f.zhongqiTown.id, ["unit_user"]);
  const experts = [];
  for (let i = 1; i <= 5; i++) experts.push(await createUser(h, admin, `expert${i}`, expertOrg.id, ["evaluator"]));
  const c = {
    city: await login(h, "city_admin", USER_PASSWORD),
    town: await login(h, "town_admin", USER_PASSWORD),
    houqi: await login(h, "houqi_admin", USER_PASSWORD),
    zhongqi: await login(h, "zhongqi_admin", USER_PASSWORD),
    village: await login(h, "village_unit", USER_PASSWORD),
    village2: await login(h, "village2_unit", USER_PASSWORD),
    zhongqiUnit: await login(h, "zhongqi_unit", USER_PASSWORD),
    houqiUnit: await login(h, "houqi_unit", USER_PASSWORD),
    experts: [] as Client[],
  };
  for (let i = 1; i <= 5; i++) c.experts.push(await login(h, `expert${i}`, USER_PASSWORD));
  const set = await c.city.json("/api/indicator-sets", { method: "POST", body: VILLAGE_SET });
  await c.city.json(`/api/indicator-sets/${set.id}/publish`, { method: "POST" });
  const batch = await c.city.json("/api/creation/batches", { method: "POST", body: { ...CITY_BATCH, setId: set.id } });
  await c.city.json(`/api/creation/batches/${batch.id}/open`, { method: "POST" });
  const usernames: [keyof typeof c, string][] = [
    ["city", "city_admin"],
    ["town", "town_admin"],
    ["houqi", "houqi_admin"],
    ["zhongqi", "zhongqi_admin"],
    ["village", "village_unit"],
    ["village2", "village2_unit"],
    ["zhongqiUnit", "zhongqi_unit"],
    ["houqiUnit", "houqi_unit"],
  ];
  /** Moves the fake clock and signs everyone in again (sessions time out after 30 idle minutes). */
  const travel = async (to: string) => {
    h.clock.set(to);
    // Passwords expire after 90 days: these tests move time by years.
    await h.deps.db.update(users).set({ passwordChangedAt: h.clock.now() });
    for (const [key, username] of usernames)
      (c as Record<string, unknown>)[key] = await login(h, username, USER_PASSWORD);
    for (let i = 1; i <= 5; i++) c.experts[i - 1] = await login(h, `expert${i}`, USER_PASSWORD);
  };
  return {
    f,
    h,
    c,
    travel,
    cityDept,
    townDept,
    village,
    village2,
    expertOrg,
    experts,
    setId: set.id as string,
    batchId: batch.id as string,
  };
}

/** A unit named by 通辽市's department straight into the register (no batch), as its 登记命名 form does. */
export async function recordDesignation(
  w: World,
  orgId: string,
  certificateNo: string,
  opts: { docNumber: string; namedOn: string },
) {
  return w.c.city.json("/api/creation/designations", {
    method: "POST",
    body: { orgId, category: "village", level: "city", certificateNo, ...opts, setId: w.setId },
  });
}

/** A unit applies with evidence, fills and submits its self-assessment, and submits the application. */
export async function applyAndSubmit(w: World, unit: Client, opts: { selfTotal?: number; batchId?: string } = {}) {
  const evidence = await uploadMaterial(unit, `创建工作台账${Math.random()}`);
  const app = await unit.json("/api/creation/applications", {
    method: "POST",
    body: {
      batchId: opts.batchId ?? w.batchId,
      category: "village",
      statement: "开展“石榴籽”主题教育。",
      evidenceIds: [evidence],
    },
  });
  await fillAndSubmit(unit, app.selfSheet.id, opts.selfTotal ?? 96);
  const submitted = await unit.json(`/api/creation/applications/${app.id}/submit`, { method: "POST" });
  expect(submitted.status).toBe("reviewing");
  return submitted;
}

/** 甘旗卡镇 recommends, 后旗 recommends, 通辽 accepts. */
export async function driveToAccepted(w: World, appId: string) {
  await w.c.town.json(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} });
  await w.c.houqi.json(`/api/creation/applications/${appId}/recommend`, { method: "POST", body: {} });
  return w.c.city.json(`/api/creation/applications/${appId}/accept`, { method: "POST", body: {} });
}

/** Assigns the given experts and has each submit the given total (and veto answer). */
export async function scoreByExperts(w: World, appId: string, totals: number[], vetoNoBy: number[] = []) {
  const userIds = w.experts.slice(0, totals.length).map((e) => e.id);
  await w.c.city.json(`/api/creation/applications/${appId}/experts`, { method: "POST", body: { userIds } });
  for (const [i, total] of totals.entries()) {
    const mine = await w.c.experts[i].json(`/api/creation/assignments/${appId}`);
    await fillAndSubmit(w.c.experts[i], mine.sheetId, total, { vetoNo: vetoNoBy.includes(i) });
  }
}
