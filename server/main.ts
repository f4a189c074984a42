import { buildApp } from "./app.js";
import { bootstrap } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import { offsetClock, systemClock } from "./core/clock.js";
import { JobRunner } from "./core/jobs.js";
import { registerPlatformJobs } from "./jobs.js";
import { printCreatedAdmins } from "./modules/identity/identity.seed.js";
import { registerBackupJob } from "./ops/backup.job.js";
import { runningServer, writeServerPid } from "./ops/backup.js";

const started = Date.now();
const config = loadConfig();
if (!config.databaseUrl && runningServer(config.dataDir)) {
  console.error(
    `内嵌数据库 ${config.dataDir} 已被另一个服务器进程（${runningServer(config.dataDir)}）使用，不能同时启动两个。`,
  );
  process.exit(2);
}
const clock = config.clockOffsetDays ? offsetClock(config.clockOffsetDays) : systemClock;
const { database, deps, createdAdmins, regionsLoaded } = await bootstrap({
  clock,
  databaseUrl: config.databaseUrl,
  replica: config.replica,
  s3: config.s3,
  dataDir: config.dataDir,
  provinces: config.provinces,
  adminPassword: config.adminPassword,
  securityAdminPassword: config.securityAdminPassword,
  auditAdminPassword: config.auditAdminPassword,
  fieldKeyFile: config.fieldKeyFile,
  auditKeyFile: config.auditKeyFile,
  auditAnchorDir: config.auditAnchorDir,
  mfa: config.mfa,
});
// Marks the embedded database as in use, so `npm run backup`/`restore` refuse it with a clear message.
const clearPid = database.kind === "pglite" ? writeServerPid(config.dataDir) : () => undefined;
const app = await buildApp(deps, {
  logLevel: config.logLevel,
  cookieSecure: config.cookieSecure,
  loginRateLimit: config.loginRateLimit,
  trustProxy: config.trustProxy,
  webDir: config.webDir,
  dbPool: database.pool,
});
const runner = new JobRunner(deps.db, deps.clock);
registerPlatformJobs(runner, deps);
registerBackupJob(runner, database, config, config.backup);
if (config.jobs) runner.start();

if (regionsLoaded)
  console.log(
    `已载入行政区划 ${regionsLoaded} 个（${config.provinces === "all" ? "全国" : config.provinces.join("、")}）`,
  );
if (createdAdmins.length) printCreatedAdmins(createdAdmins);
if (config.clockOffsetDays)
  console.warn(
    `警告：SHILIU_CLOCK_OFFSET_DAYS=${config.clockOffsetDays}，服务器时间比实际提前 ${config.clockOffsetDays} 天，仅限自动化测试。`,
  );
if (config.mfa === "off") console.warn("警告：SHILIU_MFA=off，管理员无需动态验证码，仅限试用和自动化测试。");

await app.listen({ port: config.port, host: config.host });
console.log(
  `石榴平台已启动：http://localhost:${config.port}（${database.kind === "pglite" ? `内嵌数据库 ${config.dataDir}` : "PostgreSQL"}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`收到 ${signal}，正在停止…`);
  // Order matters: stop taking requests, let jobs in hand finish, then close the database cleanly.
  await app.close();
  await runner.stop();
  await database.close();
  clearPid();
  console.log("已停止。");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
