import { z } from "zod";
import { listQuery, safeText, sortParam, uuid } from "./common.js";

/** Every permission, grouped by module, with its Chinese label. Routes declare one of these. */
export const PERMISSIONS = {
  "region:read": { module: "org", label: "查看行政区划" },
  "org:read": { module: "org", label: "查看组织机构" },
  "org:create": { module: "org", label: "新增组织机构" },
  "org:update": { module: "org", label: "修改组织机构" },
  "org:disable": { module: "org", label: "停用/启用组织机构" },
  "org:import": { module: "org", label: "导入组织机构" },
  "org:export": { module: "org", label: "导出组织机构" },
  "user:read": { module: "identity", label: "查看用户" },
  "user:create": { module: "identity", label: "新增用户" },
  "user:update": { module: "identity", label: "修改用户信息" },
  "user:disable": { module: "identity", label: "停用/启用用户" },
  "user:reset_password": { module: "identity", label: "重置用户密码" },
  "user:reset_admin_password": { module: "identity", label: "重置另外两员（三员）账号的密码" },
  "user:grant": { module: "identity", label: "授权：为用户分配角色（含数据范围）" },
  "user:unlock": { module: "identity", label: "解锁用户" },
  "user:reveal": { module: "identity", label: "查看用户完整个人信息" },
  "role:read": { module: "identity", label: "查看角色" },
  "role:manage": { module: "identity", label: "管理角色与权限" },
  "security:manage": { module: "identity", label: "管理安全策略" },
  "session:manage": { module: "identity", label: "查看和结束在线会话" },
  "material:read": { module: "materials", label: "查看和下载材料" },
  "material:upload": { module: "materials", label: "上传材料" },
  "material:update": { module: "materials", label: "修改材料信息" },
  "material:archive": { module: "materials", label: "归档/恢复材料" },
  "evaluation:read": { module: "evaluation", label: "查看测评指标体系" },
  "evaluation:manage": { module: "evaluation", label: "制定、发布测评指标体系" },
  "evaluation:score": { module: "evaluation", label: "填写自评和专家评分表" },
  "evaluation:review": { module: "evaluation", label: "审阅、退回评分表" },
  "creation:read": { module: "creation", label: "查看示范创建（批次、申报、命名、目标、覆盖）" },
  "creation:apply": { module: "creation", label: "本单位申报、年度自查、复验自查" },
  "creation:review": { module: "creation", label: "逐级推荐、退回、受理申报" },
  "creation:manage": { module: "creation", label: "管理批次、专家、公示、异议、命名、撤销、目标" },
  "creation:export": { module: "creation", label: "导出命名单位、申报、命名决定和证书" },
  "plan:read": { module: "plans", label: "查看规划与任务" },
  "plan:manage": { module: "plans", label: "导入、编辑规划，督查督办" },
  "plan:report": { module: "plans", label: "报送任务进度、落实整改" },
  "plan:export": { module: "plans", label: "导出规划评估报告和数据" },
  "base:read": { module: "bases", label: "查看教育基地" },
  "base:operate": { module: "bases", label: "运营本单位的教育基地：数字展馆、场次、预约、签到、月报" },
  "base:supervise": { module: "bases", label: "登记、审核发布、复核、撤销教育基地，接收参观月报" },
  "base:export": { module: "bases", label: "导出教育基地名录和参观统计" },
  "audit:read": { module: "audit", label: "查看审计日志" },
  "audit:export": { module: "audit", label: "导出审计日志" },
  "loginlog:read": { module: "audit", label: "查看登录日志" },
  "system:settings": { module: "system", label: "维护系统参数、工作日历与单位简称词典" },
  "system:metrics": { module: "system", label: "查看运行指标（监控）" },
  "honor:read": { module: "honors", label: "查看表彰活动、推荐对象和荣誉名录" },
  "honor:nominate": { module: "honors", label: "本单位推荐表彰对象、单位公示" },
  "honor:review": { module: "honors", label: "初审推荐对象、发布初审公示、上报" },
  "honor:manage": { module: "honors", label: "组织表彰活动、分配名额、复审、公示、异议处理、表彰决定、撤销荣誉" },
  "honor:score": { module: "honors", label: "作为评审委员会成员评审推荐对象" },
  "honor:export": { module: "honors", label: "导出推荐审批表、表彰名单" },
  "activity:read": { module: "activities", label: "查看活动记录、计划、七个一、结对与统计" },
  "activity:record": { module: "activities", label: "登记、修改、提交本单位的活动，关联七个一" },
  "activity:confirm": { module: "activities", label: "确认或退回下级单位提交的活动" },
  "activity:manage": { module: "activities", label: "制定年度活动计划，管理结对" },
  "service:read": { module: "services", label: "查看服务台（服务申请、窗口、联络员、联系会议、统计）" },
  "service:receive": { module: "services", label: "窗口受理、转办、答复和办结服务申请" },
  "service:handle": { module: "services", label: "部门接收、拒收、转交和答复转办的服务申请" },
  "service:reveal": { module: "services", label: "查看服务对象的完整个人信息（逐项说明理由，留痕）" },
  "service:file": { module: "services", label: "经本人同意建立和管理服务档案" },
  "service:manage": { module: "services", label: "维护服务窗口、联络员和联系会议" },
  "service:export": { module: "services", label: "导出服务申请（个人信息脱敏）" },
  "disputes:read": { module: "disputes", label: "查看矛盾纠纷、预警、排查、零报告、应急预案和舆情事件" },
  "disputes:record": { module: "disputes", label: "登记矛盾纠纷（网格员）" },
  "disputes:handle": { module: "disputes", label: "调解、办结、回访、转办和上报矛盾纠纷" },
  "disputes:review": { module: "disputes", label: "认定或撤销“涉及民族因素”标记" },
  "disputes:reveal": { module: "disputes", label: "查看矛盾纠纷当事人完整信息" },
  "disputes:report": { module: "disputes", label: "报送零报告、季报和排查情况" },
  "disputes:manage": { module: "disputes", label: "管理排查活动、报告单位、应急预案、舆情事件和风险防范设置" },
  "disputes:export": { module: "disputes", label: "导出风险防范数据和季报" },
  "announcement:publish": { module: "notify", label: "向本级及下级工作人员发布内部通知，查看阅读情况" },
  "news:write": { module: "content", label: "撰写本单位的新闻稿并提交审核" },
  "news:review": { module: "content", label: "审核、发布、撤回本级及下级的新闻" },
  "policy:manage": { module: "content", label: "录入、修改政策法规文件" },
  "assessment:read": { module: "insights", label: "查看考核评价（组织的轮次、本单位或本地区的考核结果）" },
  "assessment:manage": { module: "insights", label: "组织考核评价：建立轮次、生成快照、处理异议、发布排名和通报" },
  "assessment:participate": { module: "insights", label: "作为被考核单位填报指标、对计算指标提出异议" },
  "assessment:score": { module: "insights", label: "作为评审人员为填报指标评分" },
} as const;
export type Permission = keyof typeof PERMISSIONS;

/**
 * Permissions that belong to the three admin roles (三员分立) and may not be put into any other role, so a
 * custom role can never merge two admins' duties or let an admin read what another guards.
 */
export const RESERVED_PERMISSIONS: Partial<Record<Permission, readonly ("system" | "security" | "audit")[]>> = {
  "user:reset_admin_password": ["system", "security"],
  "role:manage": ["security"],
  "security:manage": ["security"],
  "session:manage": ["security"],
  "audit:read": ["audit"],
  "audit:export": ["audit"],
  "loginlog:read": ["audit"],
  "system:settings": ["system"],
};
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];
export const MODULE_LABELS: Record<string, string> = {
  org: "组织机构",
  identity: "用户与权限",
  materials: "材料库",
  audit: "审计",
  creation: "示范创建",
  plans: "规划实施",
  system: "系统设置",
  bases: "教育基地",
  honors: "表彰",
  services: "服务台",
  disputes: "风险防范",
  content: "门户内容",
  insights: "考核与分析",
};

export const dataScope = z.enum(["self", "org", "region", "region_tree", "all"]);
export type DataScope = z.infer<typeof dataScope>;
export const DATA_SCOPE_LABELS: Record<DataScope, string> = {
  self: "本人",
  org: "本单位",
  region: "本级区划",
  region_tree: "本级及下级区划",
  all: "全部",
};
export const ADMIN_KIND_LABELS = { system: "系统管理员", security: "安全管理员", audit: "审计管理员" } as const;

export const loginBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-zA-Z0-9_.@-]+$/, { message: "只能包含字母、数字、下划线、点、@ 或横线" }),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/, { message: "应为 6 位数字" })
    .optional(),
  /** Asked after repeated failures from one client (see GET /api/auth/captcha). */
  captchaId: z.uuid({ message: "验证码已失效，请换一张" }).optional(),
  captcha: z.string().trim().max(16).optional(),
});

export const captchaQuery = z.strictObject({ mode: z.enum(["image", "text"]).optional() });
export const captchaSchema = z.object({
  id: z.string(),
  /** A PNG data URL (the picture mode). */
  image: z.string().optional(),
  /** The text alternative for screen readers. */
  question: z.string().optional(),
  expiresInSeconds: z.number(),
});

export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    totpEnabled: z.boolean(),
  }),
  roles: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), dataScope, adminKind: z.string().nullable() }),
  ),
  permissions: z.array(z.string()),
  /** For each permission held, the widest data scope the user's roles give it (menus hide region-wide pages from a unit). */
  scopes: z.record(z.string(), dataScope),
  /** Per permission, the widest data scope the user's roles give, in words and as a region code root. */
  dataScope: z.object({ kind: dataScope, label: z.string(), regionCode: z.string(), regionName: z.string() }),
  stage: z.enum(["full", "change_password", "enrol_totp"]),
  passwordExpiresAt: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const changePasswordBody = z.strictObject({
  oldPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const totpEnableBody = z.strictObject({ totp: z.string().regex(/^\d{6}$/, { message: "应为 6 位数字" }) });

const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { message: "应为 11 位手机号码" });

export const userCreate = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { message: "应为 3-32 位字母、数字、下划线、点或横线，以字母开头" }),
  displayName: safeText(30),
  orgId: uuid,
  phone: phone.nullish().or(z.literal("").transform(() => null)),
  roleIds: z.array(uuid).max(10).default([]),
  password: z.string().min(1).max(128).optional(),
});

export const userUpdate = z.strictObject({
  displayName: safeText(30).optional(),
  orgId: uuid.optional(),
  phone: phone.nullish().or(z.literal("").transform(() => null)),
});

/** 授权: the user's whole set of roles (each role carries its data scope). */
export const userRolesBody = z.strictObject({ roleIds: z.array(uuid).max(10) });

/** What the signed-in user may do to one account, decided by the server (三员分立 and scope). */
export const USER_ACTIONS = [
  "update",
  "set_status",
  "unlock",
  "reset_password",
  "reset_admin_password",
  "grant",
  "reveal",
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(["active", "disabled"]),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  roles: z.array(z.object({ id: z.string(), name: z.string(), adminKind: z.string().nullable() })),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(USER_ACTIONS)),
});
export type User = z.infer<typeof userSchema>;

export const userListQuery = listQuery.extend({
  orgId: uuid.optional(),
  regionCode: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, { message: "应为 2、4、6、9 或 12 位数字的行政区划代码" })
    .optional(),
  status: z.enum(["active", "disabled"]).optional(),
  roleId: uuid.optional(),
  sort: sortParam(["username", "displayName", "createdAt", "lastLoginAt"]),
});

/**
 * A reset's temporary password, shown once to whoever reset it. `totpRequired`: the account signs in only with
 * its owner's dynamic code as well (always so for a 三员 account), so the resetter cannot use the password.
 */
export const resetPasswordResult = z.object({ temporaryPassword: z.string(), totpRequired: z.boolean() });

export const revealQuery = z.object({ field: z.enum(["phone"]) });

export const roleSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  dataScope,
  adminKind: z.string().nullable(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
  userCount: z.number(),
});
export type Role = z.infer<typeof roleSchema>;

export const roleCreate = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: "应为 2-32 位小写字母、数字或下划线，以字母开头" }),
  name: safeText(30),
  description: safeText(200).nullish(),
  dataScope,
  permissions: z
    .array(z.enum(PERMISSION_CODES))
    .max(200)
    .refine((ps) => ps.every((p) => !(p in RESERVED_PERMISSIONS)), {
      message: "不能包含三员专属权限（角色管理、重置三员密码、安全策略、会话管理、审计日志）",
    }),
});
export const roleUpdate = roleCreate.omit({ code: true }).partial().strict();

export const securityPolicy = z.strictObject({
  minLength: z.number().int().min(8).max(64),
  minClasses: z.number().int().min(3).max(4),
  expiryDays: z.number().int().min(0).max(365),
  historyCount: z.number().int().min(1).max(24),
  lockThreshold: z.number().int().min(3).max(10),
  /** Failed logins from one client address before the login asks for a captcha too. */
  captchaAfter: z.number().int().min(1).max(10),
  lockMinutes: z.number().int().min(5).max(1440),
  idleMinutes: z.number().int().min(5).max(120),
  absoluteHours: z.number().int().min(1).max(24),
  /** The longest lifetime of a personal API token; also caps tokens made before it was lowered. */
  tokenMaxDays: z.number().int().min(1).max(365),
});
export type SecurityPolicy = z.infer<typeof securityPolicy>;
export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 8,
  minClasses: 3,
  expiryDays: 90,
  historyCount: 5,
  lockThreshold: 5,
  captchaAfter: 3,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
  tokenMaxDays: 90,
};

export const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});

export const tokenCreate = z.strictObject({
  name: safeText(50),
  /** At most the security policy's tokenMaxDays; absent = that maximum, or 90 days if it is longer. */
  expiresInDays: z.number().int().min(1).max(365).optional(),
  /** Limit the token to these of the owner's permissions; absent or null = all of them. */
  permissions: z
    .array(z.enum(PERMISSION_CODES))
    .min(1, { message: "至少选择一项权限" })
    .max(PERMISSION_CODES.length)
    .nullish(),
  /** A read-only token may only read (GET). */
  readOnly: z.boolean().default(false),
});
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  permissions: z.array(z.string()).nullable(),
  readOnly: z.boolean(),
});
export type ApiToken = z.infer<typeof tokenSchema>;
export const tokenOptions = z.object({ maxDays: z.number(), defaultDays: z.number() });

/**
 * Whether a permission administers accounts or their rights (creating, changing, resetting, unlocking users,
 * granting roles, defining roles, setting security policy): under SHILIU_MFA=admins a role holding any of them
 * requires TOTP, like the three admins. A new user:* or role:* permission is covered unless it only reads.
 */
export function isAdministrativePermission(p: string): boolean {
  if (p === "security:manage" || p === "session:manage") return true;
  return /^(user|role):/.test(p) && !["user:read", "user:reveal", "role:read"].includes(p);
}

export const userSort = sortParam(["username"]);
export { listQuery };

// ---- A user's own list settings: saved views (保存的视图) and column choice and widths (列设置) ----

/** A list's id as the console names it (`creation-applications`, `audit-log` …). */
export const listIdParams = z.object({
  listId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/, { message: "列表标识格式不正确" }),
});
export const listViewParams = listIdParams.extend({ id: uuid });
const columnKey = safeText(60);
/** What a saved view restores: the filters as the list sends them, its sort, page size and hidden columns. */
export const listViewState = z.strictObject({
  filters: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { message: "筛选项名称格式不正确" }),
      z.union([safeText(200), z.number(), z.boolean()]),
    )
    .refine((o) => Object.keys(o).length <= 30, { message: "筛选项最多 30 个" }),
  sort: safeText(60).optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
  hidden: z.array(columnKey).max(60).optional(),
});
export type ListViewState = z.infer<typeof listViewState>;
export const listViewSave = z.strictObject({ name: safeText(30), state: listViewState });
export const listView = z.object({ id: uuid, name: z.string(), state: listViewState, updatedAt: z.string() });
export type ListView = z.infer<typeof listView>;
export const listPrefs = z.strictObject({
  hidden: z.array(columnKey).max(60),
  widths: z
    .record(columnKey, z.number().int().min(40).max(1200))
    .refine((o) => Object.keys(o).length <= 60, { message: "列宽最多记录 60 列" }),
});
export type ListPrefs = z.infer<typeof listPrefs>;
export const listSettings = z.object({ prefs: listPrefs.nullable(), views: z.array(listView) });
export type ListSettings = z.infer<typeof listSettings>;
/** How many views one user may save for one list. */
export const MAX_LIST_VIEWS = 20;
