import { z } from "zod";
import { listQuery, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";
import { NAMING_LEVEL_LABELS, type NamingLevel, namingLevel } from "./evaluation.js";

/**
 * 教育基地 (PRODUCT §2.8): the registry of bases, their public 数字教育基地 pages, group-visit booking with
 * capacity and approval, check-in and the monthly 参观人数 reports.
 */
export const BASE_KIND_DICT = "base_kind";
export const BASE_KINDS = [
  ["unity_progress", "民族团结进步教育基地"],
  ["patriotism", "爱国主义教育基地"],
  ["community_research", "铸牢中华民族共同体意识研究基地"],
  ["community_practice", "铸牢中华民族共同体意识实践基地"],
  ["community_cultivation", "铸牢中华民族共同体意识培育基地"],
  ["demo_site", "示范点位"],
] as const;

export { NAMING_LEVEL_LABELS as BASE_LEVEL_LABELS, type NamingLevel as BaseLevel };

export const BASE_STATUSES = ["active", "reviewing", "revoked"] as const;
export type BaseStatus = (typeof BASE_STATUSES)[number];
export const BASE_STATUS_LABELS: Record<BaseStatus, string> = {
  active: "在册",
  reviewing: "复核中",
  revoked: "已撤销",
};

export const PAGE_STATUSES = ["draft", "submitted", "returned", "published", "archived"] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];
export const PAGE_STATUS_LABELS: Record<PageStatus, string> = {
  draft: "草稿",
  submitted: "待审核",
  returned: "已退回",
  published: "已发布",
  archived: "历史版本",
};

export const BOOKING_STATUSES = ["pending", "approved", "declined", "cancelled", "checked_in", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  pending: "待审核",
  approved: "已通过",
  declined: "已拒绝",
  cancelled: "已取消",
  checked_in: "已签到",
  no_show: "未到",
};

export const REPORT_STATUSES = ["pending", "confirmed", "accepted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  pending: "待确认",
  confirmed: "已确认",
  accepted: "已接收",
};
/** A month's report is due by this day of the following month. */
export const REPORT_DUE_DAY = 10;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "日期格式应为 YYYY-MM-DD" });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "时间格式应为 HH:MM" });
export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "月份格式应为 YYYY-MM" });
const phone = z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: "请填写手机号码或带区号的固定电话" });

// ---- registry

export const baseInput = z.strictObject({
  name: safeText(100),
  kind: safeText(40),
  level: namingLevel,
  operatingOrgId: uuid,
  regionCode,
  address: safeText(200).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  namedOn: isoDate,
  termYears: z.number().int().min(1).max(10).default(3),
  namedBy: safeText(100).nullish(),
  openingHours: safeText(200).nullish(),
  closedDays: safeText(200).nullish(),
  contactPhone: phone.nullish(),
  photoIds: z.array(uuid).max(30).default([]),
  documentIds: z.array(uuid).max(30).default([]),
  description: safeLongText(2000).nullish(),
});
export type BaseInput = z.input<typeof baseInput>;

export const baseListQuery = listQuery.extend({
  kind: safeText(40).optional(),
  level: namingLevel.optional(),
  regionCode: regionCode.optional(),
  status: z.enum(BASE_STATUSES).optional(),
  reviewDue: z.enum(["true", "false"]).optional(),
  sort: sortParam(["name", "namedOn", "termEndsOn"]),
});
export type BaseListQuery = z.infer<typeof baseListQuery>;

export const baseView = z.object({
  id: uuid,
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  level: namingLevel,
  operatingOrgId: uuid,
  operatingOrgName: z.string(),
  supervisingOrgId: uuid,
  supervisingOrgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  namedOn: z.string(),
  namedBy: z.string().nullable(),
  termYears: z.number().int(),
  termEndsOn: z.string(),
  reviewDue: z.boolean(),
  status: z.enum(BASE_STATUSES),
  revokeReason: z.string().nullable(),
  openingHours: z.string().nullable(),
  closedDays: z.string().nullable(),
  contactPhone: z.string().nullable(),
  photoIds: z.array(uuid),
  documentIds: z.array(uuid),
  description: z.string().nullable(),
  hasPublishedPage: z.boolean(),
  /** What the caller may do: 主管部门 (supervise), the base's own staff (operate), or read only. */
  access: z.enum(["supervise", "operate", "read"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BaseView = z.infer<typeof baseView>;

export const revokeInput = z.strictObject({ reason: safeLongText(500).pipe(z.string().min(1)) });
export const renewInput = z.strictObject({ renewedOn: isoDate, termYears: z.number().int().min(1).max(10).default(3) });

// ---- digital page

export const hotspot = z.strictObject({
  id: safeText(40),
  yaw: z.number().min(-180).max(360),
  pitch: z.number().min(-90).max(90),
  title: safeText(60),
  exhibitId: safeText(40).nullish(),
});
export const exhibit = z.strictObject({
  id: safeText(40),
  title: safeText(100),
  text: safeLongText(5000).default(""),
  imageIds: z.array(uuid).max(20).default([]),
  audioId: uuid.nullish(),
  videoUrl: z
    .url({ protocol: /^https$/, message: "视频链接应为 https 地址" })
    .max(500)
    .nullish(),
  videoId: uuid.nullish(),
});
export const pageContent = z.strictObject({
  intro: safeLongText(10000).default(""),
  /** 蒙古文名称 / 蒙古文介绍 (optional, reviewed and published with the page): the portal shows them to visitors who
   * chose Mongolian, else the base's Chinese name and the Chinese introduction. */
  nameMn: safeText(200, 0).optional(),
  introMn: safeLongText(10000).optional(),
  galleryIds: z.array(uuid).max(60).default([]),
  exhibits: z.array(exhibit).max(100).default([]),
  panorama: z.strictObject({ imageId: uuid, hotspots: z.array(hotspot).max(50).default([]) }).nullish(),
});
export type PageContent = z.infer<typeof pageContent>;
export type Exhibit = z.infer<typeof exhibit>;

export const pageVersionView = z.object({
  id: uuid,
  baseId: uuid,
  version: z.number().int(),
  status: z.enum(PAGE_STATUSES),
  content: pageContent,
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type PageVersionView = z.infer<typeof pageVersionView>;
export const pageReturnInput = z.strictObject({ reason: safeLongText(500).pipe(z.string().min(1)) });

// ---- sessions and bookings

export const sessionInput = z.strictObject({
  date: isoDate,
  startTime: hhmm,
  endTime: hhmm,
  capacity: z.number().int().min(1).max(10000),
  maxPerGroup: z.number().int().min(1).max(10000),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  note: safeText(200).nullish(),
});
export type SessionInput = z.infer<typeof sessionInput>;
export const sessionView = z.object({
  id: uuid,
  baseId: uuid,
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  remaining: z.number().int(),
  maxPerGroup: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  note: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;
export const sessionListQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const bookingInput = z.strictObject({
  bookerOrgName: safeText(100),
  groupSize: z.number().int().min(1).max(10000),
  contactName: safeText(30),
  contactPhone: phone,
  note: safeLongText(500).nullish(),
});
export type BookingInput = z.infer<typeof bookingInput>;
export const bookingView = z.object({
  id: uuid,
  baseId: uuid,
  baseName: z.string(),
  sessionId: uuid,
  sessionDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  bookerOrgName: z.string(),
  groupSize: z.number().int(),
  contactName: z.string(),
  contactPhone: z.string(),
  trackingCode: z.string(),
  status: z.enum(BOOKING_STATUSES),
  reason: z.string().nullable(),
  actualCount: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type BookingView = z.infer<typeof bookingView>;
export const bookingListQuery = listQuery.extend({
  status: z.enum(BOOKING_STATUSES).optional(),
  sessionId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const bookingCodeParams = z.object({
  code: z.string().regex(/^[A-Z2-9]{10}$/, { message: "预约码应为 10 位字母或数字" }),
});
export const declineInput = z.strictObject({ reason: safeLongText(500).pipe(z.string().min(1)) });
export const checkInInput = z.strictObject({
  code: bookingCodeParams.shape.code,
  actualCount: z.number().int().min(0),
});
export const bookingReceipt = z.object({ trackingCode: z.string(), status: z.enum(BOOKING_STATUSES) });
export const publicBookingView = z.object({
  trackingCode: z.string(),
  baseId: uuid,
  baseName: z.string(),
  sessionDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  bookerOrgName: z.string(),
  groupSize: z.number().int(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: z.enum(BOOKING_STATUSES),
  statusLabel: z.string(),
  reason: z.string().nullable(),
});

// ---- walk-ins and monthly reports

export const walkInInput = z.strictObject({ date: isoDate, count: z.number().int().min(0).max(1_000_000) });
export const walkInView = z.object({ date: z.string(), count: z.number().int() });
export const reportView = z.object({
  id: uuid,
  baseId: uuid,
  baseName: z.string(),
  month: z.string(),
  groupVisitors: z.number().int(),
  groupCount: z.number().int(),
  walkInVisitors: z.number().int(),
  total: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  dueOn: z.string(),
  late: z.boolean(),
  confirmedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export type ReportView = z.infer<typeof reportView>;
export const reportParams = z.object({ id: uuid, month: monthParam });
export const reportListQuery = z.object({ month: monthParam, regionCode: regionCode.optional() });
/** A base's line in a month's overview: its report, or none (missing). */
export const reportOverviewRow = z.object({
  baseId: uuid,
  baseName: z.string(),
  regionName: z.string(),
  report: reportView.nullable(),
  missing: z.boolean(),
  late: z.boolean(),
});

export const statsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  regionCode: regionCode.optional(),
});
const statLine = z.object({ key: z.string(), label: z.string(), visitors: z.number().int(), bases: z.number().int() });
export const statsView = z.object({
  year: z.number().int(),
  total: z.number().int(),
  byRegion: z.array(statLine),
  byLevel: z.array(statLine),
  byKind: z.array(statLine),
  byMonth: z.array(statLine),
});
export type StatsView = z.infer<typeof statsView>;

// ---- public portal

export const publicBaseQuery = listQuery.extend({
  kind: safeText(40).optional(),
  level: namingLevel.optional(),
  regionCode: regionCode.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});
export const publicBaseItem = z.object({
  id: uuid,
  name: z.string(),
  /** The published page's 蒙古文名称, "" when none. */
  nameMn: z.string(),
  kindLabel: z.string(),
  level: namingLevel,
  regionName: z.string(),
  address: z.string().nullable(),
  openingHours: z.string().nullable(),
  hasPage: z.boolean(),
  coverId: uuid.nullable(),
  distanceKm: z.number().nullable(),
});
export const publicBaseDirectory = z.object({
  items: z.array(publicBaseItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string(), count: z.number().int() })),
  kinds: z.array(z.object({ code: z.string(), label: z.string() })),
});
export const publicBasePage = z.object({
  id: uuid,
  name: z.string(),
  kindLabel: z.string(),
  level: namingLevel,
  levelLabel: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  openingHours: z.string().nullable(),
  closedDays: z.string().nullable(),
  contactPhone: z.string().nullable(),
  version: z.number().int(),
  publishedAt: z.string(),
  content: pageContent,
  files: z.array(z.object({ id: uuid, title: z.string(), mimeType: z.string() })),
  sessions: z.array(sessionView),
});
export const publicFileParams = z.object({ id: uuid, fileId: uuid });
export const exhibitParams = z.object({ id: uuid, exhibitId: safeText(40) });

export const BASE_LEVEL_OPTIONS = Object.entries(NAMING_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
