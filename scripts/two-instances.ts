/**
 * Two application instances on one PostgreSQL, behind nginx when it is installed (`apt-get install nginx`):
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55440/postgres npx tsx scripts/two-instances.ts
 *
 * Creates a throw-away database and data directory (shared by both instances: keys and uploaded files), starts
 * instance A, then B on the same settings, and nginx (scripts/two-instances.nginx.conf) in front of both. Checks:
 *   1. through the proxy, requests are answered and spread over both instances (each one's /api/metrics);
 *   2. a session signed in on one instance is accepted by the other;
 *   3. a session ended on A is refused by B within the documented 5 s (its session cache);
 *   4. the scheduled jobs' first runs were enqueued once, not once per instance;
 *   5. a file uploaded through A is downloaded, byte for byte, through B (shared storage);
 *   6. instance B killed (SIGKILL) under write load through the proxy: every write that was acknowledged is in
 *      the database, and the proxy goes on serving through A.
 * Without nginx the checks run against the two instances directly and the proxy part is reported as skipped.
 * Exit 0 all passed, 1 a check failed, 2 could not run. Everything is removed afterwards.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const PASSWORD = "Two#Instances2026";
const ports = { proxy: 3190, a: 3191, b: 3192 };
const children: ChildProcess[] = [];
const results: { check: string; ok: boolean | null; detail: string }[] = [];
const note = (check: string, ok: boolean | null, detail: string) => {
  results.push({ check, ok, detail });
  console.log(`${ok === null ? "－" : ok ? "✓" : "✗"} ${check}：${detail}`);
};

async function waitHealthy(url: string, seconds = 180) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} 在 ${seconds} 秒内未就绪`);
}

function startInstance(name: string, port: number, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", () => undefined);
  child.stderr?.on("data", (d) => process.env.VERBOSE && process.stderr.write(`[${name}] ${d}`));
  children.push(child);
  return child;
}

async function login(url: string, username = "admin", password = PASSWORD) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`登录失败：${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

async function call<T>(url: string, cookie: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${url}：${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A unit user with a known password, made by the system admin and granted 单位用户 by the security admin. */
async function unitUser(url: string, adminCookie: string) {
  const org = await call<{ id: string }>(`${url}/api/orgs`, adminCookie, "POST", {
    name: "双实例检查单位",
    type: "party_gov",
    regionCode: "150522",
  });
  const first = `${PASSWORD}u`;
  const { user } = await call<{ user: { id: string } }>(`${url}/api/users`, adminCookie, "POST", {
    username: "two_unit",
    displayName: "双实例检查员",
    orgId: org.id,
    roleIds: [],
    password: first,
  });
  const sec = await login(url, "secadmin", `${PASSWORD}s`);
  const roles = await call<{ id: string; code: string }[]>(`${url}/api/roles`, sec, "GET");
  await call(`${url}/api/users/${user.id}/roles`, sec, "PUT", {
    roleIds: [roles.find((r) => r.code === "unit_user")?.id],
  });
  const cookie = await login(url, "two_unit", first);
  await call(`${url}/api/auth/password`, cookie, "POST", { oldPassword: first, newPassword: `${PASSWORD}v` });
  return login(url, "two_unit", `${PASSWORD}v`);
}

const me = async (url: string, cookie: string) => (await fetch(`${url}/api/auth/me`, { headers: { cookie } })).status;

async function healthCount(url: string, cookie: string) {
  const text = await (await fetch(`${url}/api/metrics`, { headers: { cookie } })).text();
  const m = /shiliu_http_requests_total\{method="GET",route="\/api\/health",status_class="2xx"\} (\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

async function main() {
  if (!base) throw new Error("请设置 TEST_DATABASE_URL（或 DATABASE_URL）指向一个 PostgreSQL 服务器");
  const name = `shiliu_two_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-two-"));
  try {
    const env = {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      SHILIU_ADMIN_PASSWORD: PASSWORD,
      SHILIU_SECADMIN_PASSWORD: `${PASSWORD}s`,
      SHILIU_AUDITADMIN_PASSWORD: `${PASSWORD}a`,
      SHILIU_MFA: "off",
      LOG_LEVEL: "warn",
    };
    const A = `http://127.0.0.1:${ports.a}`;
    const B = `http://127.0.0.1:${ports.b}`;
    // A first: it migrates and writes the keys both instances then share.
    startInstance("A", ports.a, env);
    await waitHealthy(A);
    startInstance("B", ports.b, env);
    await waitHealthy(B);
    const cookie = await login(A);

    const nginx = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
    if (nginx) {
      const prefix = path.join(dataDir, "nginx");
      fs.mkdirSync(path.join(prefix, "logs"), { recursive: true });
      const conf = fs
        .readFileSync(path.join(root, "scripts", "two-instances.nginx.conf"), "utf8")
        .replaceAll("PROXY_PORT", String(ports.proxy))
        .replaceAll("A_PORT", String(ports.a))
        .replaceAll("B_PORT", String(ports.b));
      fs.writeFileSync(path.join(prefix, "nginx.conf"), conf);
      const proxy = spawn(nginx, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], {
        stdio: "ignore",
      });
      children.push(proxy);
      const P = `http://127.0.0.1:${ports.proxy}`;
      await waitHealthy(P, 20);
      const [a0, b0] = [await healthCount(A, cookie), await healthCount(B, cookie)];
      let okAll = true;
      for (let i = 0; i < 20; i++) okAll &&= (await fetch(`${P}/api/health`)).ok;
      const [a1, b1] = [(await healthCount(A, cookie)) - a0, (await healthCount(B, cookie)) - b0];
      note("经 nginx 访问，请求分到两个实例", okAll && a1 > 0 && b1 > 0, `20 次健康检查：A ${a1} 次，B ${b1} 次`);
      note("经 nginx 登录的会话在代理后可用", (await me(P, await login(P))) === 200, "/api/auth/me 200");
    } else note("nginx", null, "未安装（apt-get install nginx），跳过代理部分，直接检查两个实例");

    note("A 上登录的会话在 B 上有效", (await me(B, cookie)) === 200, `B /api/auth/me → ${await me(B, cookie)}`);
    await fetch(`${A}/api/auth/logout`, { method: "POST", headers: { cookie } });
    const t0 = Date.now();
    let refusedAfter: number | null = null;
    while (Date.now() - t0 < 15_000) {
      if ((await me(B, cookie)) === 401) {
        refusedAfter = (Date.now() - t0) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    note(
      "A 上退出的会话，B 在 5 秒内拒绝",
      refusedAfter !== null && refusedAfter <= 6,
      refusedAfter === null ? "15 秒后仍被接受" : `${refusedAfter.toFixed(1)} 秒后 401`,
    );

    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      const { rows } = await c.query(
        "SELECT kind, count(*)::int AS n FROM jobs WHERE kind IN ('sessions.purge', 'jobs.purge') GROUP BY kind ORDER BY kind",
      );
      note(
        "定时任务只排一次（两个实例共用计划）",
        rows.length > 0 && rows.every((r) => r.n === 1),
        rows.map((r) => `${r.kind} ${r.n} 次`).join("，") || "没有任务",
      );
    } finally {
      await c.end();
    }

    // 5. Shared storage: what A wrote, B serves.
    const adminCookie = await login(A);
    const unit = await unitUser(A, adminCookie);
    const pdf = Buffer.from(`%PDF-1.4\n% 双实例 ${crypto.randomUUID()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
    const form = new FormData();
    form.append("title", "双实例上传检查");
    form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "检查.pdf");
    const up = await fetch(`${A}/api/materials`, { method: "POST", headers: { cookie: unit }, body: form });
    const material = up.ok ? ((await up.json()) as { id: string }) : null;
    const down = material
      ? await fetch(`${B}/api/materials/${material.id}/download`, { headers: { cookie: unit } })
      : null;
    const got = down?.ok ? Buffer.from(await down.arrayBuffer()) : null;
    note(
      "经 A 上传的文件由 B 提供下载",
      !!got?.equals(pdf),
      material
        ? `B 下载 ${down?.status}，${got?.length ?? 0} 字节，与上传${got?.equals(pdf) ? "一致" : "不一致"}`
        : `上传 ${up.status}`,
    );

    // 6. B killed under write load: no acknowledged write lost; the proxy keeps serving through A.
    const target = nginx ? `http://127.0.0.1:${ports.proxy}` : A;
    const acknowledged: string[] = [];
    const failed: number[] = [];
    let serial = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const name = `双实例写入${++serial}`;
        try {
          const res = await fetch(`${target}/api/orgs`, {
            method: "POST",
            headers: { cookie: adminCookie, "content-type": "application/json" },
            body: JSON.stringify({ name, type: "party_gov", regionCode: "150522" }),
          });
          if (res.ok) acknowledged.push(name);
          else failed.push(res.status);
          await res.arrayBuffer();
        } catch {
          failed.push(0);
        }
      }
    };
    const load = Array.from({ length: 4 }, writer);
    await new Promise((r) => setTimeout(r, 2000));
    const beforeKill = acknowledged.length;
    children[1].kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 4000));
    stop = true;
    await Promise.all(load);
    const afterKill = acknowledged.length - beforeKill;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string }>("SELECT name FROM orgs WHERE name LIKE '双实例写入%'");
      const stored = new Set(rows.map((r) => r.name));
      const lost = acknowledged.filter((n) => !stored.has(n));
      note(
        "写入压力下杀掉实例 B：已确认的写入无一丢失",
        acknowledged.length > 0 && lost.length === 0 && afterKill > 0,
        `已确认 ${acknowledged.length} 次（杀掉 B 之后 ${afterKill} 次），未确认 ${failed.length} 次（${[...new Set(failed)].join("、") || "无"}），库中 ${stored.size} 条，丢失 ${lost.length} 条`,
      );
    } finally {
      await db.end();
    }
  } finally {
    for (const ch of children) ch.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 2000));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (results.some((r) => r.ok === false)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`无法完成双实例检查：${(e as Error).message}`);
  for (const ch of children) ch.kill("SIGTERM");
  process.exitCode = 2;
});
