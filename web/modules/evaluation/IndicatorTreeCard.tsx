import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Space, Typography } from "antd";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { t } from "../../app/i18n";
import { type Act, TreeToolbar } from "./EditorActions";
import { createTreeStore, IndicatorTree, shapeOf } from "./IndicatorTree";
import { descendants } from "./treeModel";
import { branchesOf, type useTreeEditing } from "./useTreeEditing";

/** The editor's tree card: expand/collapse, the toolbar, the (virtualised, draggable) tree or an empty state. */
export function IndicatorTreeCard({
  editing,
  editable,
  wide,
  act,
}: {
  editing: ReturnType<typeof useTreeEditing>;
  editable: boolean;
  wide: boolean;
  act: Act;
}) {
  const { tree, derived, sel, position, expanded, setExpanded } = editing;
  // The tree rows read the tree through this store, so typing re-renders only the rows it changes.
  const [store] = useState(() => createTreeStore({ tree, derived }));
  store.stage({ tree, derived });
  // biome-ignore lint/correctness/useExhaustiveDependencies: tell the rows whenever the tree or its checks change
  useLayoutEffect(() => store.notify(), [store, tree, derived]);
  const shape = useMemo(() => shapeOf(tree), [tree]);
  const nameRef = useRef("");
  nameRef.current = sel ? `${derived.code.get(sel.uid)} ${sel.title}`.trim() : "";
  const selectionName = useCallback(() => nameRef.current, []);

  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <span>{t("evaluation.editor.tree")}</span>
          <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
            {t("evaluation.summary.nodes", { count: derived.order.length })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setExpanded(expanded.length ? [] : branchesOf(tree))}>
            {expanded.length ? t("evaluation.actions.collapseAll") : t("evaluation.actions.expandAll")}
          </Button>
          {editable && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => act("addRoot")} data-testid="add-root">
              {t("evaluation.actions.addRoot")}
            </Button>
          )}
        </Space>
      }
      styles={{ body: { padding: 8 } }}
    >
      {editable && (
        <TreeToolbar
          wide={wide}
          hasSelection={!!sel}
          canUp={!!sel && position.index > 0}
          canDown={!!sel && position.index >= 0 && position.index < position.count - 1}
          canOutdent={!!sel && position.parent !== null}
          canIndent={!!sel && position.index > 0}
          canUndo={editing.canUndo}
          selectionName={selectionName}
          descendantCount={sel ? descendants(tree, sel.uid).length : 0}
          act={act}
        />
      )}
      {tree.roots.length ? (
        <IndicatorTree
          store={store}
          shape={shape}
          selected={editing.selected}
          onSelect={editing.setSelected}
          expanded={expanded}
          onExpand={setExpanded}
          onMove={editable ? editing.onMove : undefined}
          height={wide ? 560 : 380}
        />
      ) : (
        <Empty description={t("evaluation.editor.emptyTree")} image={Empty.PRESENTED_IMAGE_SIMPLE}>
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => act("addRoot")}>
              {t("evaluation.actions.addRoot")}
            </Button>
          )}
        </Empty>
      )}
      {editable && wide && tree.roots.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("evaluation.editor.dragHint")}
        </Typography.Text>
      )}
    </Card>
  );
}
