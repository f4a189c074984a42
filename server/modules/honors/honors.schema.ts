import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";

/*
 * 表彰 (PRODUCT §2.9): campaigns with quotas per lower region and kind, nominations going through 两审三公示,
 * the review panel's scores, and the honor register. Every table carries region_code for scope filters.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });
const created = () => ts("created_at").notNull().defaultNow();
const updated = () => ts("updated_at").notNull().defaultNow();

export const honorCampaigns = pgTable(
  "honor_campaigns",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    title: text("title").notNull(),
    year: integer("year").notNull(),
    /** The organizing department and its region (the level that makes the decision). */
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    kinds: text("kinds").array().notNull(),
    eligibility: text("eligibility").notNull().default(""),
    /** The optional sensitive items the campaign's form asks (民族, 政治面貌); never 宗教信仰. */
    formFields: text("form_fields").array().notNull().default(sql`'{}'::text[]`),
    noticeDays: integer("notice_days").notNull().default(5),
    nominateDeadline: day("nominate_deadline"),
    countyDeadline: day("county_deadline"),
    finalDeadline: day("final_deadline"),
    status: text("status", { enum: ["draft", "open", "closed", "decided"] })
      .notNull()
      .default("draft"),
    decisionNo: text("decision_no"),
    decisionTitle: text("decision_title"),
    decidedOn: day("decided_on"),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index("honor_campaigns_region_idx").on(t.regionCode, t.year)],
);

/** 名额: campaign × lower region × kind → count. Locked FOR UPDATE by every step that uses a place. */
export const honorQuotas = pgTable(
  "honor_quotas",
  {
    campaignId: uuid("campaign_id").notNull(),
    regionCode: text("region_code").notNull(),
    kind: text("kind").notNull(),
    quota: integer("quota").notNull(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.regionCode, t.kind] })],
);

/** The review panel (评审委员会) of a campaign. */
export const honorPanelMembers = pgTable(
  "honor_panel_members",
  {
    campaignId: uuid("campaign_id").notNull(),
    userId: uuid("user_id").notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
);

export const honorNominations = pgTable(
  "honor_nominations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    campaignId: uuid("campaign_id").notNull(),
    kind: text("kind").notNull(),
    /** The nominating unit and its region; `quotaRegion` is the campaign's lower region whose quota it uses. */
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    quotaRegion: text("quota_region").notNull(),
    /** A collective: the organization nominated. */
    nomineeOrgId: uuid("nominee_org_id"),
    /** An individual: SM4-encrypted personal fields. */
    nameEnc: text("name_enc"),
    genderEnc: text("gender_enc"),
    positionEnc: text("position_enc"),
    unitEnc: text("unit_enc"),
    /** The optional items the campaign's form asks, as encrypted JSON. */
    sensitiveEnc: text("sensitive_enc"),
    consentPublish: boolean("consent_publish").notNull().default(false),
    consentNote: text("consent_note"),
    consentAt: ts("consent_at"),
    summary: text("summary").notNull(),
    deeds: text("deeds").notNull(),
    materialIds: uuid("material_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: text("status", {
      enum: [
        "draft",
        "notice1",
        "county_review",
        "county_passed",
        "notice2",
        "final_review",
        "final_passed",
        "notice3",
        "proposed",
        "awarded",
        "returned",
        "withdrawn",
        "removed",
      ],
    })
      .notNull()
      .default("draft"),
    /** The reason of the last return, withdrawal or removal. */
    statusReason: text("status_reason"),
    noticeId: uuid("notice_id"),
    search: tsvector("search"),
    createdBy: uuid("created_by").notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index("honor_nominations_campaign_idx").on(t.campaignId, t.status, t.createdAt),
    // The nominations list of a campaign, newest first, and its count: read from the index alone (the filter
    // columns are in it), never the wide rows (their search column).
    index("honor_nominations_campaign_list_idx").on(
      t.campaignId,
      t.createdAt.desc().nullsFirst(),
      t.id,
      t.status,
      t.orgId,
      t.regionCode,
      t.kind,
    ),
    index("honor_nominations_quota_idx").on(t.campaignId, t.quotaRegion, t.kind),
    index("honor_nominations_region_idx").on(t.regionCode),
    index("honor_nominations_org_idx").on(t.orgId),
    index("honor_nominations_search_idx").using("gin", t.search),
  ],
);

/** 评审委员会的评分或表决 of a nomination in 复审. */
export const honorReviews = pgTable(
  "honor_reviews",
  {
    nominationId: uuid("nomination_id").notNull(),
    reviewerId: uuid("reviewer_id").notNull(),
    score: numeric("score", { precision: 5, scale: 1, mode: "number" }),
    vote: text("vote", { enum: ["agree", "disagree", "abstain"] }).notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.reviewerId] })],
);

/** 荣誉名录: one awarded collective or individual, its decision and certificate; revocable with reason. */
export const honorAwards = pgTable(
  "honor_awards",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    campaignId: uuid("campaign_id").notNull(),
    nominationId: uuid("nomination_id").notNull(),
    kind: text("kind").notNull(),
    /** The honoree as announced by the decision (a public document). */
    honoreeName: text("honoree_name").notNull(),
    honoreeUnit: text("honoree_unit").notNull().default(""),
    /** The organization the honor belongs to (the collective, or the individual's nominating unit). */
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    decisionNo: text("decision_no").notNull(),
    certificateNo: text("certificate_no").notNull(),
    awardedOn: day("awarded_on").notNull(),
    summary: text("summary").notNull(),
    publicFields: jsonb("public_fields").$type<{ label: string; value: string }[]>().notNull().default([]),
    materialIds: uuid("material_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: text("status", { enum: ["active", "revoked"] })
      .notNull()
      .default("active"),
    revokedReason: text("revoked_reason"),
    revokedDocNo: text("revoked_doc_no"),
    revokedAt: ts("revoked_at"),
    search: tsvector("search"),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    uniqueIndex("honor_awards_nomination_uq").on(t.nominationId),
    uniqueIndex("honor_awards_certificate_uq").on(t.certificateNo),
    index("honor_awards_region_idx").on(t.regionCode, t.awardedOn),
    index("honor_awards_org_idx").on(t.orgId),
    index("honor_awards_search_idx").using("gin", t.search),
  ],
);
