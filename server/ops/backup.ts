import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * Backup and restore of one installation (`npm run backup` / `npm run restore`, docs/operations.md).
 *
 * A backup is one directory `shiliu-<time>-<database>/`:
 *   manifest.json      what is in it: database kind and version, per-table row count and hash, the audit
 *                      chain's head, and the SHA-256 and size of every other file here
 *   database.pgdump    PostgreSQL: `pg_dump --format=custom`
 *   pgdata.tar.gz      embedded PGlite: its data directory (`dumpDataDir`)
 *   files.tar          DATA_DIR/files, the uploaded files (content-addressed, written once)
 *   keys/field.key     the field-encryption key (FIELD_KEY_FILE)
 *   keys/audit.key     the audit chain's HMAC key (AUDIT_KEY_FILE)
 *   audit-anchors/     the chain's checkpoints (AUDIT_ANCHOR_DIR)
 *
 * Order for a running PostgreSQL server: anchors first, then the dump, then the files. Anchors only ever name
 * entries that exist, so anchors copied before the dump never reach past its chain; files are written before
 * the rows naming them commit, so every file the dump names is in the later copy.
 */

export type TableSum = { rows: number; hash: string };
export type Manifest = {
  format: "shiliu-backup";
  version: 1;
  createdAt: string;
  database: "pglite" | "postgres";
  serverVersion: string;
  auditHead: { seq: number; hash: string } | null;
  tables: Record<string, TableSum>;
  artifacts: Record<string, { sha256: string; size: number }>;
};

export type Target = {
  /** PostgreSQL when set; otherwise the embedded database in `dataDir`/pgdata. */
  databaseUrl?: string;
  dataDir: string;
  fieldKeyFile: string;
  auditKeyFile: string;
  auditAnchorDir: string;
};

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** The running server's mark on an embedded data directory (main.ts): PGlite lets one process open it. */
export function serverPidFile(dataDir: string) {
  return path.join(dataDir, "server.pid");
}

export function writeServerPid(dataDir: string) {
  fs.writeFileSync(serverPidFile(dataDir), `${process.pid}\n`);
  return () => fs.rmSync(serverPidFile(dataDir), { force: true });
}

/** The pid of a live server holding the embedded database in `dataDir`, or null. */
export function runningServer(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(serverPidFile(dataDir), "utf8"), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

function refuseWhileRunning(dataDir: string, what: string) {
  const pid = runningServer(dataDir);
  if (pid)
    throw new Error(
      `内嵌数据库 ${dataDir} 正被运行中的服务器（进程 ${pid}）使用。内嵌数据库（PGlite）同一时间只允许一个进程打开，无法在线${what}：请先停止服务器（发送 SIGTERM 或 Ctrl+C），${what}完成后再启动。需要不停机备份时请改用 PostgreSQL（DATABASE_URL）。`,
    );
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Per table (every ordinary table outside the system schemas, migrations' bookkeeping included): the row count
 * and an order-independent hash of the rows, the sum of each row's MD5 (its text form, times in UTC) taken as a
 * 60-bit number. Two databases with the same rows give the same sums, whatever their physical order.
 */
export async function tableChecksums(query: Query): Promise<Record<string, TableSum>> {
  await query("SET TIME ZONE 'UTC'");
  const tables = await query(`
    SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1, 2`);
  const out: Record<string, TableSum> = {};
  for (const t of tables) {
    const [r] = await query(
      `SELECT count(*)::text AS rows,
              coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text AS hash
       FROM ${ident(String(t.schema))}.${ident(String(t.name))} t`,
    );
    out[`${t.schema}.${t.name}`] = { rows: Number(r.rows), hash: String(r.hash) };
  }
  return out;
}

async function auditHead(query: Query): Promise<Manifest["auditHead"]> {
  const [r] = await query("SELECT seq::text AS seq, hash FROM public.audit_log ORDER BY seq DESC LIMIT 1").catch(() => [
    undefined,
  ]);
  return r ? { seq: Number(r.seq), hash: String(r.hash) } : null;
}

/** The tables that differ between two checksum sets, each named with both sides (empty when equal). */
export function compareChecksums(expected: Record<string, TableSum>, actual: Record<string, TableSum>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const diff: string[] = [];
  for (const n of names) {
    const a = expected[n];
    const b = actual[n];
    if (!a) diff.push(`${n}：备份中没有此表，恢复后却有（${b.rows} 行）`);
    else if (!b) diff.push(`${n}：备份中有 ${a.rows} 行，恢复后没有此表`);
    else if (a.rows !== b.rows || a.hash !== b.hash)
      diff.push(`${n}：备份 ${a.rows} 行，恢复后 ${b.rows} 行${a.rows === b.rows ? "（内容不同）" : ""}`);
  }
  return diff;
}

function sha256File(file: string) {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.join(dir, e.name)]));
}

function run(cmd: string, args: string[], what: string) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${what}失败：无法运行 ${cmd}（${r.error.message}）`);
  if (r.status !== 0) throw new Error(`${what}失败（${cmd} 退出码 ${r.status}）：${r.stderr.trim()}`);
  return r.stdout;
}

/** pg_dump/pg_restore: PG_BIN_DIR when set (a newer client for a newer server), else the PATH. */
const pgTool = (name: string) => (process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name);

function pgQuery(client: pg.Client): Query {
  return async (text) => (await client.query(text)).rows;
}

function pgliteQuery(db: PGlite): Query {
  return async (text) => (await db.query<Record<string, unknown>>(text)).rows;
}

function copyKeysAndAnchors(from: Target, dir: string) {
  fs.mkdirSync(path.join(dir, "keys"), { recursive: true, mode: 0o700 });
  for (const [file, name] of [
    [from.fieldKeyFile, "field.key"],
    [from.auditKeyFile, "audit.key"],
  ] as const) {
    if (!fs.existsSync(file)) throw new Error(`找不到密钥文件 ${file}：没有它，备份无法恢复出可用的数据`);
    fs.copyFileSync(file, path.join(dir, "keys", name));
    fs.chmodSync(path.join(dir, "keys", name), 0o600);
  }
  const anchors = path.join(dir, "audit-anchors");
  fs.mkdirSync(anchors, { recursive: true, mode: 0o700 });
  if (fs.existsSync(from.auditAnchorDir))
    for (const f of fs.readdirSync(from.auditAnchorDir).filter((f) => /^anchor-\d+\.json$/.test(f)))
      fs.copyFileSync(path.join(from.auditAnchorDir, f), path.join(anchors, f));
}

function tarFiles(dataDir: string, out: string) {
  const files = path.join(dataDir, "files");
  fs.mkdirSync(files, { recursive: true });
  run("tar", ["-C", files, "--exclude=*.tmp", "-cf", out, "."], "打包上传文件");
}

/** Writes a backup of `from` into a new directory under `outDir`; returns its path and manifest. */
export async function backup(
  from: Target,
  outDir: string,
  opts: {
    now?: Date;
    /** The running server's own embedded database: backed up online through its connection (scheduled job). */
    live?: PGlite;
  } = {},
): Promise<{ dir: string; manifest: Manifest }> {
  const now = opts.now ?? new Date();
  const kind = from.databaseUrl ? "postgres" : "pglite";
  if (kind === "pglite" && !opts.live) refuseWhileRunning(from.dataDir, "备份");
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*/, "Z");
  const dir = path.join(outDir, `shiliu-${stamp}-${kind}`);
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    copyKeysAndAnchors(from, partial);
    let tables: Record<string, TableSum>;
    let head: Manifest["auditHead"];
    let serverVersion: string;
    if (from.databaseUrl) {
      // The checksums and the dump read the same snapshot: pg_dump joins this transaction's exported snapshot.
      const client = new pg.Client({ connectionString: from.databaseUrl });
      await client.connect();
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const [{ snap }] = (await client.query("SELECT pg_export_snapshot() AS snap")).rows;
        serverVersion = (await client.query("SHOW server_version")).rows[0].server_version;
        run(
          pgTool("pg_dump"),
          ["--format=custom", `--snapshot=${snap}`, "--file", path.join(partial, "database.pgdump"), from.databaseUrl],
          "导出 PostgreSQL 数据库",
        );
        tables = await tableChecksums(pgQuery(client));
        head = await auditHead(pgQuery(client));
        await client.query("COMMIT");
      } finally {
        await client.end();
      }
    } else if (opts.live) {
      // Inside the server: the dump waits for open transactions and holds the one connection while it runs, so
      // it is a clean image; the checksums are taken from that image (a copy in memory), not from the live rows.
      const live = opts.live as PGlite & { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> };
      const dump = await live._runExclusiveTransaction(() => live.dumpDataDir("gzip"));
      fs.writeFileSync(path.join(partial, "pgdata.tar.gz"), Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      const copy = await PGlite.create({ loadDataDir: dump });
      try {
        serverVersion = String(
          ((await copy.query("SHOW server_version")).rows[0] as { server_version: string }).server_version,
        );
        tables = await tableChecksums(pgliteQuery(copy));
        head = await auditHead(pgliteQuery(copy));
      } finally {
        await copy.close();
      }
    } else {
      const pgdata = path.join(from.dataDir, "pgdata");
      if (!fs.existsSync(pgdata)) throw new Error(`找不到内嵌数据库 ${pgdata}`);
      const db = await PGlite.create(pgdata);
      try {
        serverVersion = String(
          ((await db.query("SHOW server_version")).rows[0] as { server_version: string }).server_version,
        );
        tables = await tableChecksums(pgliteQuery(db));
        head = await auditHead(pgliteQuery(db));
        const dump = await db.dumpDataDir("gzip");
        fs.writeFileSync(path.join(partial, "pgdata.tar.gz"), Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      } finally {
        await db.close();
      }
    }
    tarFiles(from.dataDir, path.join(partial, "files.tar"));
    const artifacts: Manifest["artifacts"] = {};
    for (const f of listFiles(partial).sort()) {
      const rel = path.relative(partial, f).split(path.sep).join("/");
      artifacts[rel] = { sha256: sha256File(f), size: fs.statSync(f).size };
    }
    const manifest: Manifest = {
      format: "shiliu-backup",
      version: 1,
      createdAt: now.toISOString(),
      database: kind,
      serverVersion,
      auditHead: head,
      tables,
      artifacts,
    };
    fs.writeFileSync(path.join(partial, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(partial, dir);
    return { dir, manifest };
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

/** Reads a backup's manifest and checks every file against it (missing, extra-sized or altered files). */
export function readBackup(dir: string): Manifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new Error(`${dir} 不是石榴备份目录（缺少 manifest.json）`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.format !== "shiliu-backup" || manifest.version !== 1)
    throw new Error(`${file} 不是可识别的备份清单（format/version 不符）`);
  const bad: string[] = [];
  for (const [rel, want] of Object.entries(manifest.artifacts)) {
    const f = path.join(dir, rel);
    if (!fs.existsSync(f)) bad.push(`${rel}：缺失`);
    else if (fs.statSync(f).size !== want.size || sha256File(f) !== want.sha256) bad.push(`${rel}：校验和不符`);
  }
  if (bad.length) throw new Error(`备份 ${dir} 已损坏，拒绝恢复：\n${bad.join("\n")}`);
  return manifest;
}

/** Puts a key file in place; an existing different key is never overwritten (it may sign other data). */
function placeKey(src: string, dest: string) {
  const content = fs.readFileSync(src);
  if (fs.existsSync(dest)) {
    if (fs.readFileSync(dest).equals(content)) return;
    throw new Error(`目标位置已有不同的密钥文件 ${dest}：请确认后移走它再恢复（不会覆盖已有密钥）`);
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
  fs.writeFileSync(dest, content, { mode: 0o600, flag: "wx" });
}

/**
 * Restores a checked backup into `to`, which must be empty: a new data directory (PGlite) or a database
 * without tables (PostgreSQL). Then recomputes the table checksums and compares them with the manifest.
 */
export async function restore(
  dir: string,
  to: Target,
  opts: { noOwner?: boolean } = {},
): Promise<{ manifest: Manifest; tables: Record<string, TableSum>; differences: string[] }> {
  const manifest = readBackup(dir);
  const kind = to.databaseUrl ? "postgres" : "pglite";
  if (kind !== manifest.database)
    throw new Error(
      manifest.database === "postgres"
        ? "这是 PostgreSQL 的备份：请设置 DATABASE_URL 指向一个空数据库再恢复"
        : "这是内嵌数据库的备份：请取消 DATABASE_URL，设置 DATA_DIR 为一个新目录再恢复",
    );
  let tables: Record<string, TableSum>;
  if (to.databaseUrl) {
    const client = new pg.Client({ connectionString: to.databaseUrl });
    await client.connect();
    try {
      const [{ n }] = (
        await client.query(
          "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND s.nspname NOT IN ('pg_catalog','information_schema') AND s.nspname NOT LIKE 'pg\\_%'",
        )
      ).rows;
      if (n > 0) throw new Error(`目标数据库不是空的（已有 ${n} 张表）：请新建一个空数据库再恢复`);
      placeKeys(dir, to);
      run(
        pgTool("pg_restore"),
        [
          "--exit-on-error",
          "--single-transaction",
          ...(opts.noOwner ? ["--no-owner", "--no-acl"] : []),
          "--dbname",
          to.databaseUrl,
          path.join(dir, "database.pgdump"),
        ],
        "恢复 PostgreSQL 数据库",
      );
      tables = await tableChecksums(pgQuery(client));
    } finally {
      await client.end();
    }
  } else {
    refuseWhileRunning(to.dataDir, "恢复");
    const pgdata = path.join(to.dataDir, "pgdata");
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0)
      throw new Error(`目标目录已有内嵌数据库 ${pgdata}：请指定一个新的 DATA_DIR 再恢复（不会覆盖已有数据）`);
    placeKeys(dir, to);
    fs.mkdirSync(pgdata, { recursive: true });
    const blob = new Blob([fs.readFileSync(path.join(dir, "pgdata.tar.gz"))]);
    const db = await PGlite.create(pgdata, { loadDataDir: blob });
    try {
      tables = await tableChecksums(pgliteQuery(db));
    } finally {
      await db.close();
    }
  }
  const files = path.join(to.dataDir, "files");
  fs.mkdirSync(files, { recursive: true });
  run("tar", ["-C", files, "-xf", path.join(dir, "files.tar")], "恢复上传文件");
  return { manifest, tables, differences: compareChecksums(manifest.tables, tables) };
}

function placeKeys(dir: string, to: Target) {
  placeKey(path.join(dir, "keys", "field.key"), to.fieldKeyFile);
  placeKey(path.join(dir, "keys", "audit.key"), to.auditKeyFile);
  fs.mkdirSync(to.auditAnchorDir, { recursive: true, mode: 0o700 });
  const anchors = path.join(dir, "audit-anchors");
  for (const f of fs.readdirSync(anchors)) {
    const dest = path.join(to.auditAnchorDir, f);
    if (!fs.existsSync(dest)) fs.copyFileSync(path.join(anchors, f), dest);
  }
}

/** Removes the oldest backups under `outDir` beyond the newest `keep` (only complete `shiliu-*` directories). */
export function pruneBackups(outDir: string, keep: number): string[] {
  if (!fs.existsSync(outDir)) return [];
  const all = fs
    .readdirSync(outDir)
    .filter(
      (d) => /^shiliu-\d{8}T\d{6}Z-(pglite|postgres)$/.test(d) && fs.existsSync(path.join(outDir, d, "manifest.json")),
    )
    .sort();
  const gone = all.slice(0, Math.max(0, all.length - keep));
  for (const d of gone) fs.rmSync(path.join(outDir, d), { recursive: true, force: true });
  return gone;
}
