/** Saving, publishing and exporting an indicator set from its editor. */
import { useQueryClient } from "@tanstack/react-query";
import { App, type FormInstance } from "antd";
import { type RefObject, useState } from "react";
import { useNavigate } from "react-router";
import type { IndicatorSetView } from "../../../contracts/evaluation";
import { ApiError, api, download } from "../../app/api";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { inputOf } from "./editorDraft";
import { SET_LIST_ID, setKey } from "./evaluationDicts";
import type { SetMeta } from "./SetMetaForm";
import type { Derived, Problem, Tree } from "./treeModel";

/** What the server lists in an INDICATOR_SET_INVALID error (scoring.ts IndicatorProblem). */
type ServerProblem = { code: string | null; field?: string; message: string };

/** Server problems (INDICATOR_SET_INVALID) onto the nodes they name, by code. */
function serverProblems(e: unknown, derived: Derived): Problem[] | null {
  if (!(e instanceof ApiError) || e.code !== "INDICATOR_SET_INVALID") return null;
  const list = (e.details?.problems ?? []) as ServerProblem[];
  const byCode = new Map([...derived.code].map(([uid, code]) => [code, uid]));
  return list.map((p) => ({
    uid: p.code ? (byCode.get(p.code) ?? null) : null,
    field: (p.field ?? "tree") as Problem["field"],
    message: p.message,
  }));
}

export function useSetSave(opts: {
  view: IndicatorSetView | null;
  form: FormInstance<SetMeta>;
  meta: SetMeta;
  tree: Tree;
  derived: Derived;
  dirty: boolean;
  /** Set before moving to a new set's own address, so the unsaved-changes guard lets it go. */
  leaving: RefObject<boolean>;
  /** After a save: the new baseline (what the server now has). */
  onSaved: (body: string) => void;
  /** Problems to show: the server's (on the nodes they name), or the form's basics to unfold. */
  onServerProblems: (problems: Problem[]) => void;
  onFormProblem: () => void;
  onLocalProblems: () => void;
}) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { view, form, derived } = opts;

  const save = async () => {
    setSaveError(null);
    try {
      await form.validateFields();
    } catch {
      opts.onFormProblem();
      return;
    }
    if (derived.problems.length) {
      message.error(t("evaluation.messages.fixFirst", { count: derived.problems.length }));
      opts.onLocalProblems();
      return;
    }
    setSaving(true);
    const body = inputOf(opts.meta, opts.tree);
    try {
      const saved = view
        ? await api.put<IndicatorSetView>(`/api/indicator-sets/${view.id}`, body)
        : await api.post<IndicatorSetView>("/api/indicator-sets", body);
      qc.setQueryData(setKey(saved.id), saved);
      qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
      opts.onSaved(JSON.stringify(body));
      if (view) message.success(t("evaluation.messages.saved"));
      else {
        message.success(t("evaluation.messages.created", { name: saved.name }));
        // Saved: on to the set's own address (the unsaved-changes guard has not seen the save yet).
        opts.leaving.current = true;
        navigate(`/evaluation/indicator-sets/${saved.id}`, { replace: true });
      }
    } catch (e) {
      const fromServer = serverProblems(e, derived);
      if (fromServer) {
        opts.onServerProblems(fromServer);
        setSaveError(t("evaluation.messages.serverProblems"));
      } else {
        setSaveError(applyServerErrors(form, e));
        opts.onFormProblem();
      }
    } finally {
      setSaving(false);
    }
  };

  const publish = async () => {
    if (!view) return;
    if (opts.dirty) {
      message.warning(t("evaluation.messages.saveFirst"));
      return;
    }
    setPublishing(true);
    try {
      const saved = await api.post<IndicatorSetView>(`/api/indicator-sets/${view.id}/publish`);
      qc.setQueryData(setKey(saved.id), saved);
      qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
      message.success(t("evaluation.messages.published", { name: saved.name }));
    } catch (e) {
      const fromServer = serverProblems(e, derived);
      if (fromServer) opts.onServerProblems(fromServer);
      message.error({ content: (e as Error).message, duration: 6 });
    } finally {
      setPublishing(false);
    }
  };

  const exportXlsx = () =>
    view &&
    download(`/api/indicator-sets/${view.id}/export`, undefined, `${view.name}.xlsx`).catch((e: Error) =>
      message.error(t("evaluation.messages.exportFailed", { message: e.message })),
    );

  return { save, publish, exportXlsx, saving, publishing, saveError };
}
