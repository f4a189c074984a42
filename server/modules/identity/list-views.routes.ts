import { okResult } from "../../../contracts/common.js";
import {
  listIdParams,
  listPrefs,
  listSettings,
  listView,
  listViewParams,
  listViewSave,
} from "../../../contracts/identity.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { deleteListView, listSettingsOf, saveListPrefs, saveListView } from "./list-views.service.js";

const tags = ["个人设置"];

/** 保存的视图 and 列设置: the signed-in user's own settings of each console list (never another's). */
export function listViewRoutes(app: App, deps: Deps) {
  app.get(
    "/api/me/lists/:listId",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "本人在某列表的列设置与保存的视图",
        params: listIdParams,
        response: { 200: listSettings },
      },
    },
    async (req) => listSettingsOf(ctxOf(deps, req), req.params.listId),
  );
  app.put(
    "/api/me/lists/:listId/prefs",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "保存本人的列设置（显示的列与列宽）",
        params: listIdParams,
        body: listPrefs,
        response: { 200: listPrefs },
      },
    },
    async (req) => saveListPrefs(ctxOf(deps, req), req.params.listId, req.body),
  );
  app.post(
    "/api/me/lists/:listId/views",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "保存视图（筛选条件、排序、每页条数与列；同名覆盖）",
        params: listIdParams,
        body: listViewSave,
        response: { 200: listView },
      },
    },
    async (req) => saveListView(ctxOf(deps, req), req.params.listId, req.body.name, req.body.state),
  );
  app.delete(
    "/api/me/lists/:listId/views/:id",
    {
      config: { signedIn: true },
      schema: { tags, summary: "删除本人保存的视图", params: listViewParams, response: { 200: okResult } },
    },
    async (req) => {
      await deleteListView(ctxOf(deps, req), req.params.listId, req.params.id);
      return { ok: true as const };
    },
  );
}
