import { loadConfig } from "../../config.js";
import { openDatabase } from "../../db/client.js";
import { verifyChain } from "./audit.service.js";

/**
 * `npm run audit:verify`: walks the audit hash chain of the configured database (DATABASE_URL or the
 * embedded one in DATA_DIR; stop the server first when embedded) and exits 1 naming the first bad entry.
 */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyChain(database.db);
  if (result.ok) {
    console.log(`审计链校验通过：共 ${result.checked} 条，未发现篡改。`);
  } else {
    console.error(
      `审计链校验失败：第 ${result.firstBad?.seq} 条 —— ${result.firstBad?.reason}（此前 ${result.checked} 条完好）`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
