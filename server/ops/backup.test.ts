import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { LocalFileStore } from "../core/files.js";
import { openDatabase } from "../db/client.js";
import { loadAuditKeys } from "../modules/audit/audit.keys.js";
import { verifyChain } from "../modules/audit/audit.verify.js";
import { createOrg, loginAdmin } from "../test/fixtures.js";
import { createTestApp } from "../test/harness.js";
import { createDatabase } from "../test/template.js";
import { backup, pruneBackups, readBackup, restore, serverPidFile, type Target } from "./backup.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shiliu-backup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function target(dataDir: string, databaseUrl?: string): Target {
  return {
    databaseUrl,
    dataDir,
    fieldKeyFile: path.join(dataDir, "field.key"),
    auditKeyFile: path.join(dataDir, "audit.key"),
    auditAnchorDir: path.join(dataDir, "audit-anchors"),
  };
}

/** PGlite in a data directory, or PostgreSQL on TEST_DATABASE_URL: the same steps on either database. */
describe("npm run backup / npm run restore", () => {
  it("backs up, restores into an empty target, and the audit chain and every table's checksum match", async () => {
    const pgBase = process.env.TEST_DATABASE_URL;
    const srcDir = path.join(tmp, "src");
    fs.mkdirSync(srcDir);
    const h = await createTestApp({ dataDir: srcDir });
    const from = { ...target(srcDir, h.databaseUrl), auditAnchorDir: h.anchorDir };
    // The harness passes its keys in memory; an installation keeps them in files, as here.
    fs.writeFileSync(from.auditKeyFile, `${h.auditKey.toString("hex")}\n`);
    fs.writeFileSync(from.fieldKeyFile, crypto.randomBytes(32).toString("hex"));
    const admin = await loginAdmin(h);
    await createOrg(admin, "备份测试单位", "150521");
    const stored = await h.deps.files.put(Buffer.from("备份中的上传文件"));
    expect((await verifyChain(h.deps.db, h.deps.audit)).ok).toBe(true); // writes the head's anchor
    const drop = await h.closeKeepingDatabase();
    let dropRestored = async () => {};
    try {
      if (!pgBase) {
        // While a server holds the embedded database, backup refuses and says to stop it.
        fs.writeFileSync(serverPidFile(srcDir), `${process.ppid}\n`);
        await expect(backup(from, path.join(tmp, "out"))).rejects.toThrow(/请先停止服务器/);
        fs.rmSync(serverPidFile(srcDir));
      }
      const { dir, manifest } = await backup(from, path.join(tmp, "out"));
      expect(manifest.database).toBe(h.kind);
      expect(manifest.tables["public.orgs"].rows).toBeGreaterThan(0);
      expect(manifest.auditHead?.seq).toBeGreaterThan(0);
      expect(Object.keys(manifest.artifacts)).toEqual(
        expect.arrayContaining([
          "files.tar",
          "keys/audit.key",
          "keys/field.key",
          pgBase ? "database.pgdump" : "pgdata.tar.gz",
        ]),
      );

      if (!pgBase) {
        // The scheduled job's online backup through the server's own connection gives the same tables.
        const live = await PGlite.create(path.join(srcDir, "pgdata"));
        try {
          const online = await backup(from, path.join(tmp, "online"), { live });
          expect(online.manifest.tables).toEqual(manifest.tables);
          expect(online.manifest.auditHead).toEqual(manifest.auditHead);
        } finally {
          await live.close();
        }
      }

      // A damaged copy is refused before anything is restored.
      const damaged = path.join(tmp, "damaged");
      fs.cpSync(dir, damaged, { recursive: true });
      fs.appendFileSync(path.join(damaged, "files.tar"), "x");
      expect(() => readBackup(damaged)).toThrow(/files\.tar：校验和不符/);

      const toDir = path.join(tmp, "restored");
      let toUrl: string | undefined;
      if (pgBase) {
        const fresh = await createDatabase(pgBase);
        toUrl = fresh.url;
        dropRestored = fresh.drop;
      }
      const to = target(toDir, toUrl);
      const result = await restore(dir, to);
      expect(result.differences).toEqual([]);
      expect(result.tables).toEqual(manifest.tables);
      // A second restore into the now non-empty target is refused.
      await expect(restore(dir, to)).rejects.toThrow(pgBase ? /目标数据库不是空的/ : /目标目录已有内嵌数据库/);

      // audit:verify on the restored target: the chain holds against the restored key and anchors.
      const database = await openDatabase({ databaseUrl: toUrl, dataDir: toDir });
      try {
        const keys = loadAuditKeys(to.auditKeyFile, { create: false });
        const verified = await verifyChain(database.db, { keys, anchorDir: to.auditAnchorDir }, { anchor: false });
        expect(verified.problems).toEqual([]);
        expect(verified.ok).toBe(true);
        expect(verified.anchors.latestSeq).toBe(manifest.auditHead?.seq);
      } finally {
        await database.close();
      }
      expect((await new LocalFileStore(path.join(toDir, "files")).get(stored.hash))?.toString()).toBe(
        "备份中的上传文件",
      );
      expect(fs.readFileSync(to.fieldKeyFile, "utf8")).toBe(fs.readFileSync(from.fieldKeyFile, "utf8"));

      // Retention keeps the newest N complete backups.
      fs.cpSync(dir, path.join(tmp, "out", "shiliu-20000101T000000Z-pglite"), { recursive: true });
      expect(pruneBackups(path.join(tmp, "out"), 1)).toEqual(["shiliu-20000101T000000Z-pglite"]);
      expect(fs.existsSync(dir)).toBe(true);
    } finally {
      await drop();
      await dropRestored();
    }
  });
});
