import { okResult } from "../../../contracts/common.js";
import {
  calendarDateParams,
  calendarQuery,
  calendarYear as calendarYearSchema,
  specialDay,
  specialDayUpsert,
  workingDayQuery as workingDayQuerySchema,
  workingDayResult,
} from "../../../contracts/system.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { calendarYear, deleteSpecialDay, upsertSpecialDay, workingDayQuery } from "./calendar.service.js";

/** 系统设置: the official working-day calendar (more settings join it here). */
export function systemRoutes(app: App, deps: Deps) {
  app.get(
    "/api/system/calendar",
    {
      config: { signedIn: true },
      schema: {
        tags: ["系统设置"],
        summary: "工作日历：某年的法定节假日和调休上班日",
        querystring: calendarQuery,
        response: { 200: calendarYearSchema },
      },
    },
    async (req) => calendarYear(deps.db, req.query.year),
  );
  app.get(
    "/api/system/calendar/working-day",
    {
      config: { signedIn: true },
      schema: {
        tags: ["系统设置"],
        summary: "按工作日历推算：某日之后第 N 个工作日，以及 N 个工作日的公示期",
        querystring: workingDayQuerySchema,
        response: { 200: workingDayResult },
      },
    },
    async (req) => workingDayQuery(deps.db, req.query.from, req.query.days),
  );
  app.put(
    "/api/system/calendar/:date",
    {
      config: { permission: "system:settings" },
      schema: {
        tags: ["系统设置"],
        summary: "新增或修改工作日历中的一天（放假或调休上班）",
        params: calendarDateParams,
        body: specialDayUpsert,
        response: { 200: specialDay },
      },
    },
    async (req) => upsertSpecialDay(ctxOf(deps, req), req.params.date, req.body),
  );
  app.delete(
    "/api/system/calendar/:date",
    {
      config: { permission: "system:settings" },
      schema: {
        tags: ["系统设置"],
        summary: "删除管理员录入的一天（恢复为普通工作日或周末）",
        params: calendarDateParams,
        response: { 200: okResult },
      },
    },
    async (req) => {
      await deleteSpecialDay(ctxOf(deps, req), req.params.date);
      return { ok: true as const };
    },
  );
}
