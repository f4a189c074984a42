/** The indicator-set editor's form values and the unsaved draft it keeps in this browser until saved. */
import { useEffect, useState } from "react";
import { DEFAULT_GRADE_SCALE, type IndicatorSetInput, type IndicatorSetView } from "../../../contracts/evaluation";
import type { SetMeta } from "./SetMetaForm";
import { fromView, type Tree, toInput } from "./treeModel";

/** The address (and draft key) of a set not saved yet. */
export const NEW = "new";

export function metaOf(view: IndicatorSetView | null): SetMeta {
  return {
    name: view?.name ?? "",
    versionLabel: view?.versionLabel ?? "",
    description: view?.description ?? "",
    categories: view?.categories ?? [],
    levels: view?.levels ?? [],
    total: view?.total ?? 100,
    passLine: view?.passLine ?? 90,
    gradeScale: view?.gradeScale ?? { ...DEFAULT_GRADE_SCALE },
  };
}

/** What a save sends. */
export function inputOf(meta: SetMeta, tree: Tree): IndicatorSetInput {
  return {
    name: (meta.name ?? "").trim(),
    versionLabel: (meta.versionLabel ?? "").trim(),
    ...(meta.description?.trim() ? { description: meta.description.trim() } : {}),
    categories: meta.categories ?? [],
    levels: meta.levels ?? [],
    total: meta.total ?? 0,
    passLine: meta.passLine ?? 0,
    gradeScale: meta.gradeScale,
    nodes: toInput(tree),
  };
}

/** Unsaved edits of one set (or of a new one), kept in localStorage. */
export type Backup = { at: string; meta: SetMeta; nodes: IndicatorSetInput["nodes"] };

function readBackup(key: string, baseline: string): Backup | null {
  try {
    const b = JSON.parse(localStorage.getItem(key) ?? "null") as Backup | null;
    if (!b?.meta || !Array.isArray(b.nodes)) return null;
    // Nothing to offer when it is what the server already has.
    if (JSON.stringify(inputOf(b.meta, fromView(b.nodes))) === baseline) return null;
    return b;
  } catch {
    return null;
  }
}

function writeBackup(key: string, b: Backup) {
  try {
    localStorage.setItem(key, JSON.stringify(b));
  } catch {
    // Storage full or disabled: the editor works without the backup.
  }
}

/**
 * The draft of `setId`: offered back once when the editor opens (`backup`), written a moment after each unsaved
 * edit while none is on offer, dropped on save (`forget`) or when the user declines it (`dismiss`).
 */
export function useDraftBackup(opts: {
  setId: string;
  enabled: boolean;
  baseline: string;
  dirty: boolean;
  meta: SetMeta;
  tree: Tree;
}) {
  const key = `shiliu.indicatorDraft.${opts.setId}`;
  const [backup, setBackup] = useState<Backup | null>(() => (opts.enabled ? readBackup(key, opts.baseline) : null));
  const { dirty, meta, tree } = opts;
  useEffect(() => {
    if (!dirty || backup) return;
    const h = setTimeout(() => writeBackup(key, { at: new Date().toISOString(), meta, nodes: toInput(tree) }), 800);
    return () => clearTimeout(h);
  }, [dirty, backup, key, meta, tree]);
  return {
    backup,
    /** The offer is taken (its content is now in the editor). */
    taken: () => setBackup(null),
    dismiss: () => {
      localStorage.removeItem(key);
      setBackup(null);
    },
    forget: () => localStorage.removeItem(key),
  };
}
