import { ExclamationCircleFilled } from "@ant-design/icons";
import { Tag, Tooltip, Tree, Typography } from "antd";
import type { DataNode, TreeProps } from "antd/es/tree";
import { memo, useCallback, useMemo, useSyncExternalStore } from "react";
import { t } from "../../app/i18n";
import "./IndicatorTree.css";
import { type Derived, fmtTenths, type Tree as Model } from "./treeModel";

/**
 * The editor's current tree and its checks, readable from outside React's props. Typing into a node changes
 * the tree on every keystroke; through this store only the rows showing that node (and its ancestors'
 * subtotals) re-render, never the whole antd Tree, so a set of several hundred indicators stays quick.
 */
export type TreeStore = {
  get: () => { tree: Model; derived: Derived };
  /** Takes the latest tree while the editor renders (so new rows read it), without telling anyone. */
  stage: (next: { tree: Model; derived: Derived }) => void;
  /** Tells the rows, after the editor has rendered. */
  notify: () => void;
  subscribe: (listener: () => void) => () => void;
};

export function createTreeStore(initial: { tree: Model; derived: Derived }): TreeStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    stage: (next) => {
      state = next;
    },
    notify: () => {
      for (const l of listeners) l();
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** The shape of the tree (ids and nesting only): the antd Tree is rebuilt only when this changes. */
export function shapeOf(tree: Model): string {
  const walk = (uid: string): string => {
    const c = tree.nodes[uid].children;
    return c.length ? `${uid}(${c.map(walk).join(",")})` : uid;
  };
  return tree.roots.map(walk).join(",");
}

const NodeTitle = memo(function NodeTitle({ uid, store }: { uid: string; store: TreeStore }) {
  const node = useSyncExternalStore(store.subscribe, () => store.get().tree.nodes[uid]);
  const code = useSyncExternalStore(store.subscribe, () => store.get().derived.code.get(uid) ?? "");
  const subtotal = useSyncExternalStore(store.subscribe, () => store.get().derived.sumTenths.get(uid) ?? 0);
  const problems = useSyncExternalStore(store.subscribe, () =>
    store
      .get()
      .derived.problemsOf.get(uid)
      ?.map((p) => p.message)
      .join("；"),
  );
  if (!node) return null;
  const leaf = node.children.length === 0;
  return (
    <div
      data-testid="indicator-node"
      data-code={code}
      style={{ display: "flex", alignItems: "center", gap: 6, minWidth: 0, lineHeight: "24px" }}
    >
      <Typography.Text type="secondary" style={{ fontFamily: "monospace", fontSize: 12, flex: "none" }}>
        {code}
      </Typography.Text>
      <span
        style={{ flex: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
        title={node.title}
      >
        {node.title.trim() || <Typography.Text type="secondary">{t("evaluation.editor.untitled")}</Typography.Text>}
      </span>
      {node.veto && (
        <Tag color="red" style={{ marginInlineEnd: 0, flex: "none" }}>
          {t("evaluation.fields.veto")}
        </Tag>
      )}
      {leaf && node.method && (
        <Tag style={{ marginInlineEnd: 0, flex: "none" }}>{t(`evaluation.methods.${node.method}`)}</Tag>
      )}
      <Typography.Text
        type={leaf ? undefined : "secondary"}
        style={{ flex: "none", fontSize: 12, minWidth: 44, textAlign: "right" }}
      >
        {leaf
          ? node.maxScore === null
            ? "—"
            : t("evaluation.units.points", { value: node.maxScore })
          : t("evaluation.units.subtotal", { value: fmtTenths(subtotal) })}
      </Typography.Text>
      {problems && (
        <Tooltip title={problems}>
          <ExclamationCircleFilled style={{ color: "#ff4d4f", flex: "none" }} data-testid="indicator-node-problem" />
        </Tooltip>
      )}
    </div>
  );
});

type Props = {
  store: TreeStore;
  /** shapeOf(tree) */
  shape: string;
  selected: string | null;
  onSelect: (uid: string) => void;
  expanded: string[];
  onExpand: (keys: string[]) => void;
  /** Drag and drop, when the set may be edited (a stable function). */
  onMove?: (uid: string, target: string, where: "before" | "after" | "inside" | "first") => void;
  height: number;
};

/** The indicator tree: virtual, codes by position, subtotals, problems marked; drag to move. */
export const IndicatorTree = memo(function IndicatorTree({
  store,
  shape,
  selected,
  onSelect,
  expanded,
  onExpand,
  onMove,
  height,
}: Props) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the shape changes, not on every edit
  const treeData = useMemo(() => {
    const { tree } = store.get();
    const build = (uid: string): DataNode => {
      const n = tree.nodes[uid];
      return { key: uid, isLeaf: n.children.length === 0, children: n.children.map(build) };
    };
    return tree.roots.map(build);
  }, [shape, store]);

  const titleRender = useCallback((d: DataNode) => <NodeTitle uid={String(d.key)} store={store} />, [store]);

  const onDrop: TreeProps["onDrop"] = (info) => {
    if (!onMove) return;
    const drag = String(info.dragNode.key);
    const target = String(info.node.key);
    const pos = info.node.pos.split("-");
    const rel = info.dropPosition - Number(pos[pos.length - 1]);
    if (!info.dropToGap) onMove(drag, target, "inside");
    else if (rel === 1 && info.node.expanded && (info.node.children?.length ?? 0) > 0) onMove(drag, target, "first");
    else onMove(drag, target, rel === -1 ? "before" : "after");
  };

  return (
    <Tree
      className="indicator-tree"
      blockNode
      showLine={{ showLeafIcon: false }}
      height={height}
      virtual
      treeData={treeData}
      titleRender={titleRender}
      selectedKeys={selected ? [selected] : []}
      expandedKeys={expanded}
      onExpand={(keys) => onExpand(keys.map(String))}
      onSelect={(keys) => {
        if (keys.length) onSelect(String(keys[0]));
      }}
      draggable={onMove ? { icon: false } : false}
      onDrop={onDrop}
      data-testid="indicator-tree"
    />
  );
});
