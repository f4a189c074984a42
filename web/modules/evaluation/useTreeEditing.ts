/** The indicator tree being edited: the tree, its checks, selection, open branches, undo, and every edit. */
import { useCallback, useMemo, useRef, useState } from "react";
import {
  addChild,
  addSibling,
  derive,
  duplicate,
  indent,
  moveNode,
  outdent,
  type Problem,
  removeNode,
  shift,
  type Tree,
} from "./treeModel";

export type MoveWhere = "before" | "after" | "inside" | "first";

/** The nodes with children: every branch open. */
export const branchesOf = (tree: Tree) =>
  Object.values(tree.nodes)
    .filter((n) => n.children.length)
    .map((n) => n.uid);

export function useTreeEditing(initial: () => Tree, total: number | null, passLine: number | null) {
  const [tree, setTree] = useState<Tree>(initial);
  const [undo, setUndo] = useState<Tree[]>([]);
  const lastEdit = useRef<{ key: string; at: number } | null>(null);
  const [selected, setSelected] = useState<string | null>(() => tree.roots[0] ?? null);
  const [expanded, setExpanded] = useState<string[]>(() => branchesOf(tree));
  // Problems the server found on the last save or publish, shown until the next edit.
  const [remote, setRemote] = useState<Problem[] | null>(null);
  const derived = useMemo(() => derive(tree, total, passLine), [tree, total, passLine]);

  /** One edit. Typing into the same field of the same node within a moment is one undo step. */
  const apply = (next: Tree, coalesce?: string) => {
    if (next === tree) return;
    const now = Date.now();
    const same = coalesce && lastEdit.current?.key === coalesce && now - lastEdit.current.at < 1500;
    if (!same) setUndo((u) => [...u.slice(-49), tree]);
    lastEdit.current = coalesce ? { key: coalesce, at: now } : null;
    setTree(next);
    setRemote(null);
  };
  const select = (uid: string | null, parentToOpen?: string | null) => {
    setSelected(uid);
    if (parentToOpen) setExpanded((e) => (e.includes(parentToOpen) ? e : [...e, parentToOpen]));
  };
  /** A whole other tree (a restored draft): one undo step, everything open, the first node selected. */
  const replace = (next: Tree) => {
    apply(next);
    setExpanded(branchesOf(next));
    setSelected(next.roots[0] ?? null);
  };
  /** Selects a node and opens the branches above it. */
  const reveal = (uid: string) => {
    const path: string[] = [];
    for (let p = derived.parent.get(uid) ?? null; p; p = derived.parent.get(p) ?? null) path.push(p);
    setExpanded((e) => [...new Set([...e, ...path])]);
    setSelected(uid);
  };

  const sel = selected && tree.nodes[selected] ? tree.nodes[selected] : null;
  const selParent = sel ? (derived.parent.get(sel.uid) ?? null) : null;
  const siblings = sel ? (selParent === null ? tree.roots : tree.nodes[selParent].children) : [];
  const index = sel ? siblings.indexOf(sel.uid) : -1;

  const ops = {
    addRoot: () => {
      const r = addChild(tree, null, { method: "score" });
      apply(r.tree);
      select(r.uid);
    },
    addChild: () => {
      if (!sel) return;
      const r = addChild(tree, sel.uid);
      apply(r.tree);
      select(r.uid, sel.uid);
    },
    addSibling: () => {
      if (!sel) return;
      const r = addSibling(tree, sel.uid);
      apply(r.tree);
      select(r.uid);
    },
    duplicate: () => {
      if (!sel) return;
      const r = duplicate(tree, sel.uid);
      apply(r.tree);
      select(r.uid);
    },
    up: () => sel && apply(shift(tree, sel.uid, -1)),
    down: () => sel && apply(shift(tree, sel.uid, 1)),
    indent: () => {
      if (!sel || index <= 0) return;
      apply(indent(tree, sel.uid));
      select(sel.uid, siblings[index - 1]);
    },
    outdent: () => sel && apply(outdent(tree, sel.uid)),
    remove: () => {
      if (!sel) return;
      const nextSel = siblings[index + 1] ?? siblings[index - 1] ?? selParent;
      apply(removeNode(tree, sel.uid));
      select(nextSel ?? null);
    },
    undo: () => {
      const prev = undo[undo.length - 1];
      if (!prev) return;
      setUndo((u) => u.slice(0, -1));
      lastEdit.current = null;
      setTree(prev);
      if (selected && !prev.nodes[selected]) setSelected(prev.roots[0] ?? null);
    },
  };

  const moveNow = (uid: string, target: string, where: MoveWhere) => {
    if (where === "first") {
      const first = tree.nodes[target].children[0];
      apply(first ? moveNode(tree, uid, first, "before") : moveNode(tree, uid, target, "inside"));
    } else apply(moveNode(tree, uid, target, where));
    if (where === "inside" || where === "first") select(uid, target);
    else select(uid);
  };
  // A stable drag-and-drop handler for the memoised tree, doing what the latest render would.
  const moveRef = useRef(moveNow);
  moveRef.current = moveNow;
  const onMove = useCallback(
    (uid: string, target: string, where: MoveWhere) => moveRef.current(uid, target, where),
    [],
  );

  return {
    tree,
    derived,
    problems: remote ?? derived.problems,
    setRemote,
    selected,
    setSelected,
    expanded,
    setExpanded,
    sel,
    /** Where the selection sits among its siblings, for the toolbar's enabled buttons. */
    position: { parent: selParent, index, count: siblings.length },
    canUndo: undo.length > 0,
    apply,
    replace,
    reveal,
    ops,
    onMove,
  };
}
