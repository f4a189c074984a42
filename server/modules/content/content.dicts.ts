import { eq, sql } from "drizzle-orm";
import {
  NEWS_CATEGORIES,
  NEWS_CATEGORY_DICT,
  POLICY_LEVEL_DICT,
  POLICY_LEVELS,
  POLICY_TOPIC_DICT,
  POLICY_TOPICS,
} from "../../../contracts/content.js";
import { registerDictType, registerDictUsage, seedDict } from "../../core/dict.js";
import type { Queryable } from "../../db/client.js";
import { contentNews, contentPolicies } from "./content.schema.js";

registerDictType(NEWS_CATEGORY_DICT, { name: "新闻栏目", module: "门户内容" });
registerDictType(POLICY_TOPIC_DICT, { name: "政策主题分类", module: "门户内容" });
registerDictType(POLICY_LEVEL_DICT, { name: "政策效力级别", module: "门户内容" });
const count = async (
  db: Queryable,
  where: ReturnType<typeof eq>,
  table: typeof contentNews | typeof contentPolicies,
) => {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return r.n;
};
registerDictUsage(NEWS_CATEGORY_DICT, (db, code) => count(db, eq(contentNews.category, code), contentNews));
registerDictUsage(POLICY_TOPIC_DICT, (db, code) => count(db, eq(contentPolicies.topic, code), contentPolicies));
registerDictUsage(POLICY_LEVEL_DICT, (db, code) => count(db, eq(contentPolicies.level, code), contentPolicies));

/** The dictionaries of 门户内容, seeded at start (bootstrap's prepareDatabase). */
export async function seedContentDicts(db: Queryable) {
  await seedDict(db, NEWS_CATEGORY_DICT, NEWS_CATEGORIES);
  await seedDict(db, POLICY_TOPIC_DICT, POLICY_TOPICS);
  await seedDict(db, POLICY_LEVEL_DICT, POLICY_LEVELS);
}
