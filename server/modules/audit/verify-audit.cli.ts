import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/client.js";
import { loadAuditKeys } from "./audit.keys.js";
import { verifyChain, verifyReport } from "./audit.verify.js";

/**
 * `npm run audit:verify [-- --no-anchor]`: walks the audit chain of the configured database (DATABASE_URL or
 * the embedded one in DATA_DIR; stop the server first when embedded) with the key in AUDIT_KEY_FILE, compares
 * it with the anchors in AUDIT_ANCHOR_DIR, and names every bad entry. Exit 0: the chain holds (and its head
 * is anchored unless --no-anchor); 1: tampering found; 2: verification could not run.
 */
try {
  const config = loadConfig();
  const keys = loadAuditKeys(config.auditKeyFile, { create: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await verifyChain(
      database.db,
      { keys, anchorDir: config.auditAnchorDir },
      { anchor: !process.argv.includes("--no-anchor") },
    );
    const { exitCode, lines } = verifyReport(result);
    for (const line of lines) (exitCode ? console.error : console.log)(line);
    process.exitCode = exitCode;
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(`无法校验审计链：${(e as Error).message}`);
  process.exitCode = 2;
}
