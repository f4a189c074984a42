import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";

/*
 * 公示 and 异议 as one shared capability: a notice lists items of an owning module (表彰's nominations, later
 * the bases' and other lists) for N working days; the public objects to the notice or to one listed item; staff
 * investigate and answer; an upheld objection calls the owner's effect (the owner removes the item). The owner
 * (`owner` = module code: `creation`, `honors`; `ownerRef` = its batch/campaign) keeps its own access policy and
 * calls these services through the module's index.ts.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });
const created = () => ts("created_at").notNull().defaultNow();
const updated = () => ts("updated_at").notNull().defaultNow();

export const publicityNotices = pgTable(
  "publicity_notices",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    owner: text("owner").notNull(),
    ownerRef: uuid("owner_ref").notNull(),
    /** The owner's stage code (表彰: unit / county / final), shown as the notice's level. */
    stage: text("stage").notNull(),
    title: text("title").notNull(),
    /** 蒙古文标题: optional, "" when none; the portal shows it to visitors who chose Mongolian. */
    titleMn: text("title_mn").notNull().default(""),
    body: text("body").notNull().default(""),
    status: text("status", { enum: ["draft", "published"] })
      .notNull()
      .default("draft"),
    workingDays: integer("working_days").notNull(),
    startsOn: day("starts_on"),
    endsOn: day("ends_on"),
    publishedAt: ts("published_at"),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
    /** 公示标题 for full-text search (core/search.ts). */
    search: tsvector("search"),
  },
  (t) => [
    index("publicity_notices_published_idx").on(t.status, t.publishedAt),
    index("publicity_notices_owner_idx").on(t.owner, t.ownerRef),
    index("publicity_notices_region_idx").on(t.regionCode),
    index("publicity_notices_search_idx").using("gin", t.search),
  ],
);

/** A listed item: the owner's id and what the public sees of it (fixed when listed; consent already applied). */
export const publicityNoticeItems = pgTable(
  "publicity_notice_items",
  {
    noticeId: uuid("notice_id").notNull(),
    itemId: uuid("item_id").notNull(),
    sort: integer("sort").notNull().default(0),
    label: text("label").notNull(),
    detail: jsonb("detail").$type<{ label: string; value: string }[]>().notNull().default([]),
    /** Set when an upheld objection took the item off the list. */
    removedAt: ts("removed_at"),
    removedReason: text("removed_reason"),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.itemId] }), index("publicity_notice_items_item_idx").on(t.itemId)],
);

/** 异议: the objector's name and phone SM4-encrypted; the outcome upheld (成立) or dismissed (不成立). */
export const publicityObjections = pgTable(
  "publicity_objections",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    noticeId: uuid("notice_id").notNull(),
    itemId: uuid("item_id"),
    owner: text("owner").notNull(),
    nameEnc: text("name_enc").notNull(),
    phoneEnc: text("phone_enc").notNull(),
    content: text("content").notNull(),
    status: text("status", { enum: ["pending", "investigating", "answered"] })
      .notNull()
      .default("pending"),
    investigation: text("investigation"),
    reply: text("reply"),
    outcome: text("outcome", { enum: ["upheld", "dismissed"] }),
    /** The owner's finer effect of the answer where it has one (示范创建: none / withdraw / reject). */
    effect: text("effect"),
    trackingCode: text("tracking_code").notNull(),
    handledBy: uuid("handled_by"),
    answeredAt: ts("answered_at"),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("publicity_objections_tracking_uq").on(t.trackingCode),
    index("publicity_objections_notice_idx").on(t.noticeId, t.status),
    index("publicity_objections_item_idx").on(t.itemId),
    index("publicity_objections_region_idx").on(t.owner, t.regionCode, t.createdAt),
  ],
);
