import { z } from "zod";
import { safeLongText, uuid } from "../common.js";

export const dateString = z.iso.date({
  error: (iss) => (iss.input === undefined || iss.input === null ? "不能为空" : "应为 YYYY-MM-DD 格式的日期"),
});
export const unique = <T>(a: T[]) => new Set(a).size === a.length;
export const idList = (max: number, min = 0) => z.array(uuid).min(min).max(max).refine(unique, { message: "不能重复" });
/** A reason, opinion or reply that must be given. */
export const requiredText = (max: number) => safeLongText(max).pipe(z.string().min(1));
export const year = z.number().int().min(2000).max(2100);
export const queryYear = z.coerce.number().int().min(2000).max(2100);
