import path from "node:path";
import { z } from "zod";
import { parseTrustProxy } from "./core/net.js";
import type { S3Options } from "./core/s3-files.js";

/** Every environment variable the server reads, parsed and checked in one place. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  /** A streaming replica of DATABASE_URL for statistics, dashboards and exports (server/db/replica.ts). */
  DATABASE_REPLICA_URL: z.string().optional(),
  /** How far behind the replica may be before those reads go to the primary instead. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Where uploaded files live: DATA_DIR/files (default), or an S3-compatible object store (server/core/s3-files.ts). */
  FILE_STORE: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().default(""),
  S3_VIRTUAL_HOSTED: z.enum(["true", "false"]).default("false"),
  SHILIU_PROVINCE: z
    .string()
    .default("15")
    .refine((v) => v === "all" || v.split(",").every((c) => /^\d{2}$/.test(c.trim())), {
      message: "SHILIU_PROVINCE 须为两位省级代码（可用逗号分隔）或 all",
    }),
  SHILIU_ADMIN_PASSWORD: z.string().optional(),
  SHILIU_SECADMIN_PASSWORD: z.string().optional(),
  SHILIU_AUDITADMIN_PASSWORD: z.string().optional(),
  FIELD_KEY_FILE: z.string().optional(),
  /** HMAC-SM3 key of the audit chain, kept outside the database like the field key. */
  AUDIT_KEY_FILE: z.string().optional(),
  /** Where checkpoints (seq, hash) of the audit chain's head are written, outside the database. */
  AUDIT_ANCHOR_DIR: z.string().optional(),
  SHILIU_MFA: z.enum(["admins", "all", "off"]).default("admins"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  /** Set when the console is served over HTTPS so the session cookie is marked Secure. */
  COOKIE_SECURE: z.enum(["true", "false"]).default("false"),
  /** Login attempts per minute per client address; the lockout policy still applies per account. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /**
   * The reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, or loopback);
   * off by default, so a client cannot choose its own address for the rate limits and the logs.
   */
  TRUST_PROXY: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      const r = parseTrustProxy(v);
      if ("invalid" in r)
        ctx.addIssue({
          code: "custom",
          message: `TRUST_PROXY 须为逗号分隔的代理地址或网段（如 10.0.0.1,192.168.0.0/16），不正确：${r.invalid.join("、")}`,
        });
    }),
  /** Disable the background job runner (used by one-off commands). */
  JOBS: z.enum(["on", "off"]).default("on"),
  /**
   * Runs the server this many days ahead of the real date. Only for browser tests that must let a 公示期 or a
   * deadline pass on a real server; the server warns loudly when it is set.
   */
  SHILIU_CLOCK_OFFSET_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  /** The built web app to serve (default dist/web); browser tests point it at their own build. */
  WEB_DIR: z.string().optional(),
  /** Scheduled backups (server/ops): every this many hours, 0 = off; into BACKUP_DIR, keeping the newest BACKUP_KEEP. */
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(0),
  BACKUP_DIR: z.string().default("./backups"),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  replica?: { url: string; maxLagSeconds: number };
  s3?: S3Options;
  provinces: string[] | "all";
  adminPassword?: string;
  securityAdminPassword?: string;
  auditAdminPassword?: string;
  fieldKeyFile: string;
  auditKeyFile: string;
  auditAnchorDir: string;
  mfa: "admins" | "all" | "off";
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  cookieSecure: boolean;
  loginRateLimit: number;
  trustProxy: string[] | false;
  jobs: boolean;
  webDir?: string;
  clockOffsetDays: number;
  backup: { intervalHours: number; dir: string; keep: number };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`配置错误：\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.FILE_STORE === "s3") {
    const missing = (["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const).filter(
      (k) => !e[k],
    );
    if (missing.length) throw new Error(`配置错误：FILE_STORE=s3 时必须设置 ${missing.join("、")}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL || undefined,
    replica: e.DATABASE_REPLICA_URL
      ? { url: e.DATABASE_REPLICA_URL, maxLagSeconds: e.REPLICA_MAX_LAG_SECONDS }
      : undefined,
    s3:
      e.FILE_STORE === "s3"
        ? {
            endpoint: e.S3_ENDPOINT!,
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
            prefix: e.S3_PREFIX,
            virtualHosted: e.S3_VIRTUAL_HOSTED === "true",
          }
        : undefined,
    provinces: e.SHILIU_PROVINCE === "all" ? "all" : e.SHILIU_PROVINCE.split(",").map((c) => c.trim()),
    adminPassword: e.SHILIU_ADMIN_PASSWORD || undefined,
    securityAdminPassword: e.SHILIU_SECADMIN_PASSWORD || undefined,
    auditAdminPassword: e.SHILIU_AUDITADMIN_PASSWORD || undefined,
    fieldKeyFile: e.FIELD_KEY_FILE ? path.resolve(e.FIELD_KEY_FILE) : path.join(dataDir, "field.key"),
    auditKeyFile: e.AUDIT_KEY_FILE ? path.resolve(e.AUDIT_KEY_FILE) : path.join(dataDir, "audit.key"),
    auditAnchorDir: e.AUDIT_ANCHOR_DIR ? path.resolve(e.AUDIT_ANCHOR_DIR) : path.join(dataDir, "audit-anchors"),
    mfa: e.SHILIU_MFA,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE === "true",
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    trustProxy: (parseTrustProxy(e.TRUST_PROXY) as { trust: string[] | false }).trust,
    jobs: e.JOBS === "on",
    webDir: e.WEB_DIR ? path.resolve(e.WEB_DIR) : undefined,
    clockOffsetDays: e.SHILIU_CLOCK_OFFSET_DAYS,
    backup: { intervalHours: e.BACKUP_INTERVAL_HOURS, dir: path.resolve(e.BACKUP_DIR), keep: e.BACKUP_KEEP },
  };
}
