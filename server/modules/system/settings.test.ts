import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSettings } from "../../core/settings.js";
import { type Client, login, loginSecurity } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { getPolicy } from "../identity/policy.service.js";

/*
 * 参数设置: the registered groups, each shown to and changed by whoever holds its permission; values are
 * validated field by field with Chinese field names, every change is audited and listed in the group's history.
 */
let t: TestApp;
let admin: Client;
let sec: Client;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-09-20T02:00:00Z" });
  admin = await login(t, "admin", ADMIN_PASSWORD);
  sec = await loginSecurity(t);
});
afterAll(() => t.close());

type Group = { key: string; name: string; fields: { name: string; label: string; value: unknown; default: unknown }[] };

describe("参数设置", () => {
  it("each administrator sees the groups of their own permission, with defaults and help", async () => {
    const mine = await admin.json<Group[]>("/api/system/settings");
    expect(mine.map((g) => g.key)).toContain("platform");
    expect(mine.map((g) => g.key)).not.toContain("security_policy");
    const platform = mine.find((g) => g.key === "platform")!;
    expect(platform.fields.find((f) => f.name === "jobFailureAlert")).toMatchObject({ value: 3, default: 3 });

    const theirs = await sec.json<Group[]>("/api/system/settings");
    expect(theirs.map((g) => g.key)).toEqual(["security_policy"]);
    // The system administrator cannot change (or read the history of) the security policy.
    const denied = await admin.req("/api/system/settings/security_policy", { method: "PUT", body: { minLength: 12 } });
    expect(denied.statusCode).toBe(404);
    expect((await admin.req("/api/system/settings/security_policy/history")).statusCode).toBe(404);
  });

  it("refuses a bad value naming the field in Chinese", async () => {
    const bad = await admin.req("/api/system/settings/platform", {
      method: "PUT",
      body: { jobRetentionDays: 0, sessionRetentionDays: "x" },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields;
    expect(fields.map((f: { field: string; label: string }) => [f.field, f.label])).toEqual([
      ["sessionRetentionDays", "会话记录保留期"],
      ["jobRetentionDays", "后台任务记录保留期"],
    ]);
    expect(bad.json().error.message).toContain("后台任务记录保留期");
    const unknown = await admin.req("/api/system/settings/platform", { method: "PUT", body: { nope: 1 } });
    expect(unknown.json().error.details.fields[0]).toMatchObject({ field: "nope" });
  });

  it("a change takes effect at once and is kept in the history", async () => {
    const res = await admin.req("/api/system/settings/platform", { method: "PUT", body: { jobRetentionDays: 60 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().fields.find((f: { name: string }) => f.name === "jobRetentionDays").value).toBe(60);
    expect(await getSettings(t.deps.db, "platform")).toMatchObject({ jobRetentionDays: 60, sessionRetentionDays: 30 });
    await admin.req("/api/system/settings/platform", { method: "PUT", body: { jobRetentionDays: 90 } });
    const history = await admin.json<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      "/api/system/settings/platform/history",
    );
    expect(history.items.map((i) => [i.action, i.changes.jobRetentionDays])).toEqual([
      ["setting.update", [60, 90]],
      ["setting.update", [30, 60]],
    ]);
  });

  it("the security policy is folded in: changed here, read by the login", async () => {
    const bad = await sec.req("/api/system/settings/security_policy", { method: "PUT", body: { minLength: 4 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({ field: "minLength", label: "密码最小长度" });
    const ok = await sec.req("/api/system/settings/security_policy", { method: "PUT", body: { minLength: 12 } });
    expect(ok.statusCode).toBe(200);
    expect((await getPolicy(t.deps.db)).minLength).toBe(12);
    expect((await sec.json("/api/security/policy")).minLength).toBe(12);
    const history = await sec.json<{ items: { action: string }[] }>("/api/system/settings/security_policy/history");
    expect(history.items[0].action).toBe("security.policy_update");
  });
});
