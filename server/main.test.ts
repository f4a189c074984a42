import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ADMIN = "Start#Stop2026";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function start(dataDir: string, port: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      SHILIU_ADMIN_PASSWORD: ADMIN,
      SHILIU_MFA: "off",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return { child, output: () => output };
}

// A fresh server migrates and loads the division tree first; on a busy shared machine that takes minutes.
async function waitHealthy(port: number, child: ChildProcess, timeoutMs = 240_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return res.json();
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy");
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

describe("the server process on the embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-main-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("starts, stops cleanly on SIGINT and SIGTERM, and keeps everything across restarts", async () => {
    const port = await freePort();
    const first = start(dir, port);
    expect(await waitHealthy(port, first.child)).toMatchObject({ status: "ok", db: "ok" });
    expect(first.output()).toContain("已载入行政区划 15938 个");
    // The three 三员 accounts: the system admin's password is configured, the other two are printed once.
    expect(first.output()).toContain("系统管理员：用户名 admin，初始密码 为 SHILIU_ADMIN_PASSWORD 的值");
    expect(first.output()).toMatch(/安全管理员：用户名 secadmin，初始密码 \S{8,}/);
    expect(first.output()).toMatch(/审计管理员：用户名 auditadmin，初始密码 \S{8,}/);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN }),
    });
    const cookie = String(login.headers.get("set-cookie")).split(";")[0];
    const created = await fetch(`http://127.0.0.1:${port}/api/orgs`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "重启后仍在的单位", type: "party_gov", regionCode: "150522" }),
    });
    expect(created.status).toBe(200);
    const exit1 = stopped(first.child);
    first.child.kill("SIGINT");
    expect(await exit1).toBe(0);
    expect(first.output()).toContain("已停止");
    // The audit key was generated beside the database, readable by the server's user only.
    expect(fs.statSync(path.join(dir, "audit.key")).mode & 0o777).toBe(0o600);

    const second = start(dir, port);
    await waitHealthy(port, second.child);
    expect(second.output()).not.toContain("已载入行政区划");
    expect(second.output()).not.toContain("三员账号");
    const relog = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN }),
    });
    const cookie2 = String(relog.headers.get("set-cookie")).split(";")[0];
    const list = await (
      await fetch(`http://127.0.0.1:${port}/api/orgs?q=${encodeURIComponent("重启后")}`, {
        headers: { cookie: cookie2 },
      })
    ).json();
    expect(list.total).toBe(1);
    const exit2 = stopped(second.child);
    second.child.kill("SIGTERM");
    expect(await exit2).toBe(0);
  }, 600_000);
});
