import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import type { TestApp } from "../../test/harness.js";

/**
 * The two-banner fixture with a service desk in each: a window in 甘旗卡镇 (后旗) staffed by a bilingual
 * 服务窗口工作人员, one in 保康镇 (中旗); departments 司法局 and 人社局 of 后旗 (under its 民委, their superior
 * here) and 中旗's 司法局, each with a unit user who handles referrals.
 */
export async function serviceDesks(h: TestApp) {
  const f = await twoBanners(h);
  const { admin } = f;
  const sifa = await createOrg(admin, "科尔沁左翼后旗司法局", "150522", { parentId: f.houqiDept.id });
  const renshe = await createOrg(admin, "科尔沁左翼后旗人力资源和社会保障局", "150522", { parentId: f.houqiDept.id });
  const zqSifa = await createOrg(admin, "科尔沁左翼中旗司法局", "150521", { parentId: f.zhongqiDept.id });
  const users = {
    houqiWindow: await createUser(h, admin, "houqi_window", f.houqiTown.id, ["service_window_staff"]),
    zhongqiWindow: await createUser(h, admin, "zhongqi_window", f.zhongqiTown.id, ["service_window_staff"]),
    sifa: await createUser(h, admin, "houqi_sifa", sifa.id, ["unit_user"]),
    renshe: await createUser(h, admin, "houqi_renshe", renshe.id, ["unit_user"]),
    zqSifa: await createUser(h, admin, "zhongqi_sifa", zqSifa.id, ["unit_user"]),
  };
  const c = await signInAll(h);
  const houqiWin = await c.houqiAdmin.json<{ id: string }>("/api/services/windows", {
    method: "POST",
    body: {
      orgId: f.houqiTown.id,
      name: "甘旗卡镇民族团结服务窗口",
      address: "甘旗卡镇政务服务中心一楼",
      hours: "工作日 8:30-17:30",
      staff: [{ userId: users.houqiWindow.id, languages: ["汉语", "蒙古语"] }],
    },
  });
  const zhongqiWin = await c.zhongqiAdmin.json<{ id: string }>("/api/services/windows", {
    method: "POST",
    body: {
      orgId: f.zhongqiTown.id,
      name: "保康镇民族团结服务窗口",
      address: "保康镇便民服务中心",
      hours: "工作日 8:30-17:30",
      staff: [{ userId: users.zhongqiWindow.id, languages: ["汉语", "蒙古语"] }],
    },
  });
  return { ...f, sifa, renshe, zqSifa, users, c, houqiWin, zhongqiWin };
}

/** Signs every desk user in (again, after a test moved the clock past the session timeout). */
export async function signInAll(h: TestApp) {
  const as = (u: string) => login(h, u, USER_PASSWORD);
  return {
    houqiAdmin: await as("houqi_admin"),
    zhongqiAdmin: await as("zhongqi_admin"),
    houqiWindow: await as("houqi_window"),
    zhongqiWindow: await as("zhongqi_window"),
    sifa: await as("houqi_sifa"),
    renshe: await as("houqi_renshe"),
    zqSifa: await as("zhongqi_sifa"),
    houqiUnit: await as("houqi_unit"),
  };
}

export type Desks = Awaited<ReturnType<typeof serviceDesks>>;

export const PERSON = { name: "包金花", phone: "13912345678", idNumber: "152326199001011234" };

export async function windowRequest(c: Client, windowId: string, extra: Record<string, unknown> = {}) {
  return c.json<{ id: string; trackingCode: string; status: string; green: boolean }>("/api/services/requests", {
    method: "POST",
    body: {
      windowId,
      category: "employment",
      channel: "window",
      description: "想找一份牧区附近的工作",
      language: "蒙古语",
      name: PERSON.name,
      phone: PERSON.phone,
      idNumber: PERSON.idNumber,
      ...extra,
    },
  });
}
