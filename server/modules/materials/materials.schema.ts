import { sql } from "drizzle-orm";
import { bigint, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tsvector } from "../../core/search.js";

/**
 * The evidence library (材料库): a unit uploads a file once, with title, date and tags, and every other
 * module references it by id. The content sits in the file store under its SM3 hash, stored once.
 */
export const materials = pgTable(
  "materials",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orgId: uuid("org_id").notNull(),
    regionCode: text("region_code").notNull(),
    ownerId: uuid("owner_id").notNull(),
    title: text("title").notNull(),
    materialDate: date("material_date", { mode: "string" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    description: text("description"),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    mimeType: text("mime_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    status: text("status", { enum: ["active", "archived"] })
      .notNull()
      .default("active"),
    /** 标题、文件名、标签 for full-text search (core/search.ts), written by every writer of those columns. */
    search: tsvector("search"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("materials_region_idx").on(t.regionCode, t.createdAt),
    index("materials_org_idx").on(t.orgId, t.createdAt),
    // One organization keeps one record per content: uploading the same file again finds the first.
    uniqueIndex("materials_org_hash_uq").on(t.orgId, t.fileHash),
    index("materials_search_idx").using("gin", t.search),
  ],
);
