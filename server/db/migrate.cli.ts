import { loadConfig } from "../config.js";
import { openDatabase } from "./client.js";
import { migrate } from "./migrate.js";

/**
 * `npm run db:migrate`: applies pending migrations and nothing else. With least-privilege roles
 * (docs/sql/least-privilege.sql) run it with the owner's DATABASE_URL before starting a new version as the app.
 */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const ran = await migrate(database.db);
  console.log(ran.length ? `已执行迁移：${ran.join("、")}` : "没有待执行的迁移。");
} finally {
  await database.close();
}
