import { eq, sql } from "drizzle-orm";
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy, securityPolicy } from "../../../contracts/identity.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { registerSettingGroup } from "../../core/settings.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";

const KEY = "security_policy";
/**
 * Read on every login and request: cached briefly per database (other instances see a change within this
 * time). Pass the database, not a transaction, to use the cache.
 */
const CACHE_MS = 10_000;
const cache = new WeakMap<object, { policy: SecurityPolicy; at: number }>();

export async function getPolicy(db: Queryable): Promise<SecurityPolicy> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const policy = { ...DEFAULT_SECURITY_POLICY, ...((row?.value as Partial<SecurityPolicy>) ?? {}) };
  cache.set(db, { policy, at: Date.now() });
  return policy;
}

export async function updatePolicy(ctx: Ctx, next: SecurityPolicy): Promise<SecurityPolicy> {
  await ctx.db.transaction(async (tx) => {
    const before = await getPolicy(tx);
    await tx
      .insert(settings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "security.policy_update",
      entity: "setting",
      entityId: KEY,
      summary: "修改安全策略",
      changes: diff(before, next),
    });
  });
  cache.delete(ctx.db);
  return getPolicy(ctx.db);
}

/** The security policy is a group of 参数设置, changed by the security administrator (through updatePolicy). */
const f = securityPolicy.shape;
registerSettingGroup<SecurityPolicy>({
  key: KEY,
  name: "密码与会话策略",
  permission: "security:manage",
  defaults: DEFAULT_SECURITY_POLICY,
  save: updatePolicy,
  fields: {
    minLength: { label: "密码最小长度", unit: "位", help: "新密码至少包含的字符数。", schema: f.minLength },
    minClasses: {
      label: "字符类别数",
      unit: "类",
      help: "大写字母、小写字母、数字、符号四类字符中，新密码至少包含的类别数。",
      schema: f.minClasses,
    },
    expiryDays: {
      label: "密码有效期",
      unit: "天",
      help: "超过有效期后，用户登录时须先修改密码；0 表示不过期。",
      schema: f.expiryDays,
    },
    historyCount: {
      label: "历史密码次数",
      unit: "次",
      help: "新密码不能与最近使用过的这几个密码相同。",
      schema: f.historyCount,
    },
    lockThreshold: {
      label: "锁定前失败次数",
      unit: "次",
      help: "连续输错密码达到该次数后，账号被临时锁定。",
      schema: f.lockThreshold,
    },
    captchaAfter: {
      label: "验证码前失败次数",
      unit: "次",
      help: "同一终端（网络地址）连续登录失败达到该次数后，登录须同时填写图形验证码（读屏用户可改用文字题）。",
      schema: f.captchaAfter,
    },
    lockMinutes: {
      label: "锁定时长",
      unit: "分钟",
      help: "锁定期满自动解锁；安全管理员也可在用户管理中提前解锁。",
      schema: f.lockMinutes,
    },
    idleMinutes: {
      label: "空闲超时",
      unit: "分钟",
      help: "超过该时长没有任何操作，会话自动失效，须重新登录。",
      schema: f.idleMinutes,
    },
    absoluteHours: {
      label: "会话最长时长",
      unit: "小时",
      help: "无论是否有操作，登录超过该时长后须重新登录。",
      schema: f.absoluteHours,
    },
    tokenMaxDays: {
      label: "API 令牌最长有效期",
      unit: "天",
      help: "新建令牌的有效天数不能超过该值；调低后，已有令牌自创建起超过该天数也立即失效。",
      schema: f.tokenMaxDays,
    },
  },
});
