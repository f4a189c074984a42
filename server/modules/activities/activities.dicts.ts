import { seedDict } from "../../core/dict.js";
import type { Queryable } from "../../db/client.js";

/** The activities' dictionaries (configurable by administrators; codes stored on the records). */
export const ACTIVITY_TYPE_DICT = "activity_type";
export const ACTIVITY_DOMAIN_DICT = "activity_domain";
export const PARTICIPANT_GROUP_DICT = "activity_participant_group";
export const SEVEN_ITEMS_DICT = "school_seven_items";

export const ACTIVITY_TYPES = [
  ["publicity_month", "民族团结进步宣传月活动"],
  ["publicity_week", "民族团结进步宣传周活动"],
  ["school_seven", "学校“七个一”活动"],
  ["tongxin_camp", "“同心营”活动"],
  ["micro_activity", "交往交流交融“微活动”"],
  ["pairing_visit", "结对帮扶、结亲交友走访"],
  ["performance", "文艺演出"],
  ["cadre_training", "干部培训班"],
  ["mutual_visit", "互观互学"],
  ["onsite_meeting", "现场会"],
  ["lecture", "宣讲报告会"],
  ["other", "其他活动"],
] as const;

export const ACTIVITY_DOMAINS = [
  ["organ", "进机关"],
  ["enterprise", "进企业"],
  ["community", "进社区"],
  ["township", "进乡镇"],
  ["school", "进学校"],
  ["company", "进连队"],
  ["religious", "进宗教活动场所"],
  ["network", "进网络"],
  ["village", "进嘎查村"],
  ["family", "进家庭"],
  ["other", "其他"],
] as const;

export const PARTICIPANT_GROUPS = [
  ["cadre", "干部"],
  ["student", "学生"],
  ["teacher", "教师"],
  ["resident", "居民"],
  ["farmer", "农牧民"],
  ["worker", "职工"],
  ["religious", "宗教人士"],
  ["other", "其他"],
] as const;

export const SEVEN_ITEMS = [
  ["theme_class", "上好一堂民族团结主题班会课"],
  ["speech", "举办一次民族团结演讲（征文）比赛"],
  ["reading", "开展一次民族团结读书活动"],
  ["visit", "组织一次民族团结教育参观实践"],
  ["art", "举办一次民族团结文艺展演"],
  ["pairing", "开展一次各族学生结对交友活动"],
  ["parents", "召开一次民族团结家校共育活动"],
] as const;

export async function seedActivityDicts(db: Queryable) {
  await seedDict(db, ACTIVITY_TYPE_DICT, ACTIVITY_TYPES);
  await seedDict(db, ACTIVITY_DOMAIN_DICT, ACTIVITY_DOMAINS);
  await seedDict(db, PARTICIPANT_GROUP_DICT, PARTICIPANT_GROUPS);
  await seedDict(db, SEVEN_ITEMS_DICT, SEVEN_ITEMS);
}
