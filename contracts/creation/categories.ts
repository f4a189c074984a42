import { z } from "zod";
import type { NamingLevel } from "../evaluation.js";

/** The dictionary (dict_items.dict_type) of creation categories ("8+N进"); configurable, seeded at start. */
export const CREATION_CATEGORY_DICT = "creation_category";

export const CATEGORY_GROUPS = ["area", "unit"] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];
export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, string> = { area: "示范区", unit: "示范单位" };

/** The default "8+N进" categories: code, label, group. Codes match the indicator sets' `categories`. */
export const DEFAULT_CREATION_CATEGORIES: [code: string, label: string, group: CategoryGroup][] = [
  ["area_city", "示范区（盟市）", "area"],
  ["area_county", "示范区（旗县）", "area"],
  ["area_town", "示范区（苏木乡镇/街道）", "area"],
  ["organ", "机关", "unit"],
  ["enterprise", "企业", "unit"],
  ["village", "嘎查村/社区", "unit"],
  ["school", "学校", "unit"],
  ["military", "连队", "unit"],
  ["religious_site", "宗教活动场所", "unit"],
  ["network", "网络", "unit"],
  ["hospital", "医院", "unit"],
  ["scenic_area", "景区", "unit"],
  ["other", "其他", "unit"],
];
/** A category added to the dictionary later (the "N") is a 示范单位 unless its code starts with "area_". */
export const categoryGroupOf = (code: string): CategoryGroup => (code.startsWith("area_") ? "area" : "unit");

export const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, { message: "类别编码不正确" });

/** 命名级别 → the length of the organising department's region code (national naming is recommended by the region). */
export const LEVEL_REGION_LENGTH: Record<NamingLevel, number> = { national: 2, region: 2, city: 4, county: 6 };
/** 命名级别 → the code used in certificate numbers. */
export const LEVEL_CERT_CODES: Record<NamingLevel, string> = {
  national: "GJ",
  region: "ZZQ",
  city: "MS",
  county: "QX",
};
/** The level one below, for "the lower title is a prerequisite". */
export const LOWER_LEVEL: Record<NamingLevel, NamingLevel | null> = {
  national: "region",
  region: "city",
  city: "county",
  county: null,
};

/** Region code length → the name of that level of review. */
export const REVIEW_LEVEL_LABELS: Record<number, string> = {
  2: "自治区",
  4: "盟市",
  6: "旗县",
  9: "苏木乡镇（街道）",
};

// ---------------------------------------------------------------------------------------------------------
// Categories

export const categorySchema = z.object({
  code: z.string(),
  label: z.string(),
  group: z.enum(CATEGORY_GROUPS),
  groupLabel: z.string(),
  sort: z.number(),
});
export type Category = z.infer<typeof categorySchema>;
