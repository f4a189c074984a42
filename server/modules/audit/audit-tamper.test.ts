import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/client.js";
import { createTestApp } from "../../test/harness.js";
import { anchorFileName } from "./audit.anchor.js";
import { type AuditSetup, auditKeyRing } from "./audit.keys.js";
import { auditLog } from "./audit.schema.js";
import { type ChainedFields, entryHash, keyedEntryHash, recordAudit } from "./audit.service.js";
import { type ChainProblem, verifyChain, verifyReport } from "./audit.verify.js";

/**
 * The seven ways a database superuser could cut or rewrite the audit trail, each done with the append-only
 * trigger bypassed (session_replication_role = replica), each found by the verification `npm run audit:verify`
 * runs, which must list exactly the expected problems, and reported as the command reports it (exit 1, naming the
 * place: `verifyReport`). The command itself runs as a process on the intact chain (exit 0, anchored) and without
 * its key file (exit 2): a process per scenario cost three seconds each on PGlite and tested nothing more.
 * Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set.
 */
const ENTRIES = 80;
const TSX = path.resolve("node_modules/.bin/tsx");

let dir: string;
let setup: AuditSetup;
let databaseUrl: string | undefined;
let dropDatabase: () => Promise<void> = async () => {};
let savedAnchors: Map<string, string>;
let head: number;

function open(): Promise<Database> {
  return openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dir });
}

type Tamper = (db: Database["db"]) => Promise<unknown>;

async function rows(db: Database["db"], fromSeq: number) {
  return (await db.select().from(auditLog).orderBy(auditLog.seq)).filter((r) => r.seq >= fromSeq);
}

/**
 * Puts back the intact chain and the anchors written when it was intact, then — as a superuser who switched the
 * append-only trigger off for the transaction — applies `tamper`; verifies in-process (without anchoring) on the
 * same connection and reports as the command does, or, with `cli`, through the real command. Returns the problems
 * found and the command's status and output.
 */
async function scenario(
  tamper: Tamper | null,
  opts: { anchors?: () => void; keys?: AuditSetup["keys"]; cli?: boolean } = {},
): Promise<{ problems: ChainProblem[]; status: number | null; out: string }> {
  for (const f of fs.readdirSync(setup.anchorDir)) if (!savedAnchors.has(f)) fs.rmSync(path.join(setup.anchorDir, f));
  for (const [f, text] of savedAnchors) fs.writeFileSync(path.join(setup.anchorDir, f), text);
  opts.anchors?.();
  const database = await open();
  let problems: ChainProblem[];
  let report: { exitCode: number; lines: string[] };
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM audit_log`);
      await tx.execute(sql`INSERT INTO audit_log SELECT * FROM audit_backup`);
      if (tamper) await tamper(tx as unknown as Database["db"]);
    });
    const result = await verifyChain(database.db, { ...setup, keys: opts.keys ?? setup.keys }, { anchor: false });
    problems = result.problems;
    report = verifyReport(result);
  } finally {
    await database.close();
  }
  if (!opts.cli) return { problems, status: report.exitCode, out: report.lines.join("\n") };
  const res = spawnSync(TSX, ["server/modules/audit/verify-audit.cli.ts"], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: databaseUrl ?? "",
      AUDIT_KEY_FILE: path.join(dir, "audit.key"),
      AUDIT_ANCHOR_DIR: setup.anchorDir,
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
  });
  return { problems, status: res.status, out: res.stdout + res.stderr };
}

const problem = (seq: number, toSeq: number, kind: ChainProblem["kind"]) =>
  expect.objectContaining({ seq, toSeq, kind });

describe("audit chain against a database superuser", { timeout: 300_000 }, () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-tamper-"));
    const h = await createTestApp({ dataDir: process.env.TEST_DATABASE_URL ? "memory:" : dir });
    databaseUrl = h.databaseUrl;
    setup = { keys: auditKeyRing([h.auditKey]), anchorDir: h.anchorDir };
    fs.writeFileSync(path.join(dir, "audit.key"), `${h.auditKey.toString("hex")}\n`, { mode: 0o600 });
    await h.deps.db.transaction(async (tx) => {
      for (let i = 0; i < ENTRIES; i++)
        await recordAudit(tx, h.clock, null, {
          category: "data",
          action: "org.update",
          entity: "org",
          entityId: `org-${i}`,
          summary: `第 ${i} 次修改`,
          changes: { address: [null, `地址 ${i}`] },
        });
    });
    const first = await verifyChain(h.deps.db, h.deps.audit, { now: h.clock.now() });
    expect(first.ok).toBe(true);
    head = first.lastSeq;
    expect(first.anchored).toEqual(expect.objectContaining({ seq: head, created: true }));
    await h.deps.db.execute(sql`CREATE TABLE audit_backup AS SELECT * FROM audit_log`);
    savedAnchors = new Map(
      fs.readdirSync(h.anchorDir).map((f) => [f, fs.readFileSync(path.join(h.anchorDir, f), "utf8")]),
    );
    dropDatabase = await h.closeKeepingDatabase();
  }, 600_000);

  afterAll(async () => {
    await dropDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("the intact chain passes: the command exits 0", async () => {
    const r = await scenario(null, { cli: true });
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`审计链校验通过：共 ${head} 条`);
  });

  it("1 edit an entry: that entry is named", async () => {
    const r = await scenario((db) => db.execute(sql`UPDATE audit_log SET summary = '无事发生' WHERE seq = 10`));
    expect(r.problems).toEqual([problem(10, 10, "content")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("第 10 条：内容或哈希不符");
  });

  it("2 delete an entry in the middle: the gap is named", async () => {
    const r = await scenario((db) => db.execute(sql`DELETE FROM audit_log WHERE seq = 20`));
    expect(r.problems).toEqual([problem(20, 20, "missing")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("第 20 条：缺失（已被删除）");
  });

  it("3 delete the last entry: the anchor shows the chain was longer", async () => {
    const r = await scenario((db) => db.execute(sql`DELETE FROM audit_log WHERE seq = ${head}`));
    expect(r.problems).toEqual([problem(head, head, "truncated")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`第 ${head} 条：缺失`);
    expect(r.out).toContain("末尾被删除");
  });

  it("4 delete the last 50 entries: the whole cut range is named", async () => {
    const r = await scenario((db) => db.execute(sql`DELETE FROM audit_log WHERE seq > ${head - 50}`));
    expect(r.problems).toEqual([problem(head - 49, head, "truncated")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`第 ${head - 49}–${head} 条：缺失`);
  });

  it("5 edit and re-chain without the key: every re-hashed entry and the anchor are named", async () => {
    const attackerKey = crypto.randomBytes(32);
    const r = await scenario(async (db) => {
      let prev = "";
      for (const r of await rows(db, 30)) {
        const edited: ChainedFields = { ...r, summary: r.seq === 30 ? "无事发生" : r.summary };
        const prevHash = r.seq === 30 ? r.prevHash : prev;
        prev = keyedEntryHash(attackerKey, prevHash, edited);
        await db.execute(
          sql`UPDATE audit_log SET summary = ${edited.summary}, prev_hash = ${prevHash}, hash = ${prev} WHERE seq = ${r.seq}`,
        );
      }
    });
    expect(r.problems).toEqual([problem(30, head, "content"), problem(head, head, "anchor_mismatch")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`第 30–${head} 条：内容或哈希不符`);
    expect(r.out).toContain(`第 ${head} 条：与`);
  });

  it("5b re-chain as if the entries were written before keyed hashing: named as a downgrade", async () => {
    const r = await scenario(async (db) => {
      let prev = "";
      for (const r of await rows(db, 30)) {
        const edited: ChainedFields = { ...r, summary: r.seq === 30 ? "无事发生" : r.summary };
        const prevHash = r.seq === 30 ? r.prevHash : prev;
        prev = entryHash(prevHash, edited);
        await db.execute(sql`UPDATE audit_log SET summary = ${edited.summary}, prev_hash = ${prevHash}, hash = ${prev},
          hash_alg = 'sm3', key_id = NULL WHERE seq = ${r.seq}`);
      }
    });
    expect(r.problems).toEqual([problem(30, head, "downgrade"), problem(head, head, "anchor_mismatch")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`第 30–${head} 条：在密钥签名的记录之后出现无密钥哈希`);
  });

  it("6 forged insert at the tail, keyed or not: the forged entry is named", async () => {
    const attackerKey = crypto.randomBytes(32);
    const r = await scenario(async (db) => {
      const [last] = await rows(db, head);
      const forged = { ...last, seq: head + 1, summary: "伪造的记录", prevHash: last.hash };
      forged.hash = keyedEntryHash(attackerKey, last.hash, forged);
      await db.insert(auditLog).values(forged);
      const plain = { ...forged, seq: head + 2, prevHash: forged.hash, hashAlg: "sm3" as const, keyId: null };
      plain.hash = entryHash(plain.prevHash, plain);
      await db.insert(auditLog).values(plain);
    });
    expect(r.problems).toEqual([problem(head + 1, head + 1, "content"), problem(head + 2, head + 2, "downgrade")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`第 ${head + 1} 条：内容或哈希不符`);
  });

  it("7 truncate the table: everything up to the anchor is named as missing", async () => {
    const r = await scenario((db) => db.execute(sql`TRUNCATE audit_log`));
    expect(r.problems).toEqual([problem(1, head, "truncated")]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`第 1–${head} 条：缺失`);
    expect(r.out).toContain("整表被清空");
  });

  it("an anchor file edited or forged without the key is refused by name", async () => {
    const forgedName = anchorFileName(head + 100);
    const r = await scenario(null, {
      anchors: () => {
        const file = path.join(setup.anchorDir, anchorFileName(head));
        const anchor = JSON.parse(fs.readFileSync(file, "utf8"));
        fs.writeFileSync(file, JSON.stringify({ ...anchor, hash: "0".repeat(64) }));
        fs.writeFileSync(
          path.join(setup.anchorDir, forgedName),
          JSON.stringify({ ...anchor, seq: head + 100, mac: crypto.randomBytes(32).toString("hex") }),
        );
      },
    });
    expect(r.problems).toEqual([
      problem(head, head, "anchor_invalid"),
      problem(head + 100, head + 100, "anchor_invalid"),
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`锚点文件 ${anchorFileName(head)} 校验失败：签名不符`);
    expect(r.out).toContain(`锚点文件 ${forgedName} 校验失败`);
  });

  it("several kinds at once are all reported, not only the first", async () => {
    const r = await scenario(async (db) => {
      await db.execute(sql`UPDATE audit_log SET summary = '无事发生' WHERE seq IN (5, 7)`);
      await db.execute(sql`DELETE FROM audit_log WHERE seq IN (40, 41) OR seq > ${head - 3}`);
    });
    expect(r.problems).toEqual([
      problem(5, 5, "content"),
      problem(7, 7, "content"),
      problem(40, 41, "missing"),
      problem(head - 2, head, "truncated"),
    ]);
    expect(r.status).toBe(1);
  });

  it("a key file that does not match the chain: every keyed entry is named, and a missing key file exits 2", async () => {
    const r = await scenario(null, { keys: auditKeyRing([crypto.randomBytes(32)]) });
    expect(r.problems[0]).toEqual(problem(1, head, "unknown_key"));
    const res = spawnSync(TSX, ["server/modules/audit/verify-audit.cli.ts"], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        DATABASE_URL: databaseUrl ?? "",
        AUDIT_KEY_FILE: path.join(dir, "none.key"),
      },
      encoding: "utf8",
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("找不到审计密钥文件");
  });
});
