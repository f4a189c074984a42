import { MergeCellsOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Drawer, Grid, Input, Row, Space, Tag, Tree, Typography } from "antd";
import type { DataNode, TreeProps } from "antd/es/tree";
import { useMemo, useState } from "react";
import type { PlanNodeView, PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { t } from "../../../app/i18n";
import { NodeKindTag, percentText } from "../labels";
import { flattenNodes, nodeLabel, planKeys, refreshPlan } from "../planApi";
import { ReportForm } from "../shared/ReportForm";
import { NodeForm, type NodeFormTarget } from "./NodeForm";
import { MergeModal, MoveModal, SplitModal } from "./NodeOps";
import { type NodeAction, NodePanel } from "./NodePanel";
import { filterTree, indexTree, isWithin, kindAllowed, type TreeIndex, taskStanding } from "./tree";

type TreeNode = DataNode & { key: string; node: PlanNodeView; children: TreeNode[] };

function toData(nodes: PlanNodeView[], merging: boolean): TreeNode[] {
  return nodes.map((n) => ({
    key: n.id,
    node: n,
    // In merge mode only tasks can be ticked.
    checkable: merging ? n.kind === "task" : undefined,
    children: toData(n.children, merging),
  }));
}

/** Headings and tasks with something below them start open; items inside tasks start folded. */
function defaultExpanded(nodes: PlanNodeView[]): string[] {
  return flattenNodes(nodes)
    .filter((n) => n.children.length > 0 && n.kind !== "task" && n.kind !== "item")
    .map((n) => n.id);
}

/** One row of the tree: kind, number and title, and how the task stands (or how many tasks a heading holds). */
function NodeTitle({ node, index }: { node: PlanNodeView; index: TreeIndex }) {
  const isTask = node.kind === "task";
  const standing = isTask ? taskStanding(node) : null;
  const lead = node.units.find((u) => u.role === "lead");
  return (
    <div style={{ display: "flex", gap: 8, alignItems: "flex-start", padding: "3px 0" }} data-testid="tree-node">
      <div style={{ flex: 1, minWidth: 0 }}>
        <NodeKindTag kind={node.kind} />
        <Typography.Text strong={!isTask && node.kind !== "item"} type={node.outlineOnly ? "secondary" : undefined}>
          {nodeLabel(node)}
        </Typography.Text>
        {node.own && (
          <Tag color="blue" style={{ marginInlineStart: 6 }}>
            {t("plans.tree.own")}
          </Tag>
        )}
        {lead && (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("plans.tree.lead", { name: lead.orgName })}
            </Typography.Text>
          </div>
        )}
      </div>
      <div style={{ flex: "none", display: "flex", gap: 4, alignItems: "center" }}>
        {standing?.lagging && <Tag color="error">{t("plans.labels.taskStatus.lagging")}</Tag>}
        {isTask && !node.outlineOnly && (
          <Typography.Text type={standing?.percent == null ? "secondary" : undefined} style={{ fontSize: 12 }}>
            {standing?.percent == null ? t("plans.labels.notReported") : percentText(standing.percent)}
          </Typography.Text>
        )}
        {!isTask && node.kind !== "item" && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("plans.tree.taskCount", { count: index.tasksUnder(node.id) })}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}

type Op =
  | { kind: "split"; node: PlanNodeView }
  | { kind: "move"; node: PlanNodeView }
  | { kind: "merge"; nodes: PlanNodeView[] };

/**
 * 任务分解: the plan's tree (virtual, so a long plan scrolls smoothly) with search and expand controls, and the
 * chosen node beside it (in a drawer on a phone). The issuing department edits here: add, edit, split, move
 * (drag or the 移动 dialog), merge and delete; a unit reports on its own tasks.
 */
export function TaskTreeTab({ plan }: { plan: PlanView }) {
  const wide = !!Grid.useBreakpoint().lg;
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canEdit = plan.access === "manage" && can("plan:manage");
  const index = useMemo(() => indexTree(plan.nodes), [plan.nodes]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [expanded, setExpanded] = useState<string[]>(() => defaultExpanded(plan.nodes));
  const [merging, setMerging] = useState(false);
  const [checked, setChecked] = useState<string[]>([]);
  const [nodeForm, setNodeForm] = useState<{ target: NodeFormTarget | null; key: number }>({ target: null, key: 0 });
  const [op, setOp] = useState<Op | null>(null);
  const [report, setReport] = useState<{ nodeId: string; period?: string; key: number } | null>(null);

  const shown = useMemo(() => filterTree(plan.nodes, search), [plan.nodes, search]);
  const data = useMemo(() => toData(shown, merging), [shown, merging]);
  const selected = selectedId ? (index.byId.get(selectedId) ?? null) : null;

  const openForm = (target: NodeFormTarget) => setNodeForm((s) => ({ target, key: s.key + 1 }));
  const onAction = (action: NodeAction, node: PlanNodeView, period?: string) => {
    if (action === "edit")
      openForm({
        mode: "edit",
        node,
        parentKind: node.parentId ? (index.byId.get(node.parentId)?.kind ?? null) : null,
      });
    if (action === "add") openForm({ mode: "create", parent: node });
    if (action === "split" || action === "move") setOp({ kind: action, node });
    if (action === "report") setReport((r) => ({ nodeId: node.id, period, key: (r?.key ?? 0) + 1 }));
  };
  const reveal = (id: string) => {
    setSelectedId(id);
    const n = index.byId.get(id);
    if (n?.parentId) setExpanded((e) => [...new Set([...e, n.parentId as string])]);
  };

  // Drag and drop: only where the node's kind is allowed, never into itself.
  const allowDrop: TreeProps<TreeNode>["allowDrop"] = ({ dragNode, dropNode, dropPosition }) => {
    const drag = dragNode.node;
    const target = dropNode.node;
    if (isWithin(index, target.id, drag.id)) return false;
    if (dropPosition === 0) return kindAllowed(target.kind, drag.kind);
    const parent = target.parentId ? index.byId.get(target.parentId) : null;
    return kindAllowed(parent?.kind ?? null, drag.kind);
  };
  const onDrop: TreeProps<TreeNode>["onDrop"] = async (info) => {
    const drag = info.dragNode.node;
    const target = info.node.node;
    let parentNodeId: string | null;
    let position: number;
    if (!info.dropToGap) {
      parentNodeId = target.id;
      position = 0;
    } else {
      parentNodeId = target.parentId;
      const siblings = index.childrenOf(parentNodeId).filter((n) => n.id !== drag.id);
      const at = siblings.findIndex((n) => n.id === target.id);
      const pos = info.node.pos.split("-");
      position = info.dropPosition - Number(pos[pos.length - 1]) === -1 ? at : at + 1;
    }
    try {
      const res = await api.post<{ plan: PlanView }>(`/api/plans/${plan.id}/nodes/${drag.id}/move`, {
        parentNodeId,
        position,
      });
      queryClient.setQueryData(planKeys.plan(plan.id), res.plan);
      await refreshPlan(queryClient, plan.id);
      message.success(t("plans.move.done"));
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const toolbar = (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 8, marginBottom: 12 }}>
      <Input.Search
        allowClear
        placeholder={t("plans.tree.searchPlaceholder")}
        onSearch={(v) => {
          setSearch(v);
          if (v.trim()) setExpanded(flattenNodes(filterTree(plan.nodes, v)).map((n) => n.id));
        }}
        style={{ flex: "1 1 220px", maxWidth: 360 }}
        data-testid="tree-search"
      />
      <Space wrap size={8}>
        <Button onClick={() => setExpanded(flattenNodes(plan.nodes).map((n) => n.id))}>
          {t("plans.tree.expandAll")}
        </Button>
        <Button onClick={() => setExpanded([])}>{t("plans.tree.collapseAll")}</Button>
        {canEdit && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => openForm({ mode: "create", parent: null })}>
              {t("plans.tree.addTop")}
            </Button>
            <Button
              icon={<MergeCellsOutlined />}
              type={merging ? "primary" : "default"}
              onClick={() => {
                setMerging((m) => !m);
                setChecked([]);
              }}
              data-testid="tree-merge-mode"
            >
              {t(merging ? "plans.tree.mergeCancel" : "plans.tree.merge")}
            </Button>
          </>
        )}
      </Space>
    </div>
  );

  const panel = <NodePanel plan={plan} node={selected} onAction={onAction} onDeleted={() => setSelectedId(null)} />;
  const chosen = flattenNodes(plan.nodes).filter((n) => checked.includes(n.id));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={11} xxl={10} style={{ minWidth: 0 }}>
        <Card styles={{ body: { padding: wide ? 16 : 12 } }}>
          {toolbar}
          {merging && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t("plans.tree.mergeHint")}
              action={
                <Button
                  type="primary"
                  size="small"
                  disabled={chosen.length < 2}
                  onClick={() => setOp({ kind: "merge", nodes: chosen })}
                  data-testid="tree-merge-go"
                >
                  {t("plans.tree.mergeGo", { count: chosen.length })}
                </Button>
              }
            />
          )}
          {data.length === 0 ? (
            <Typography.Text type="secondary">{t(search ? "plans.tree.noMatch" : "plans.tree.empty")}</Typography.Text>
          ) : (
            <Tree<TreeNode>
              treeData={data}
              height={wide ? 640 : 480}
              blockNode
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys as string[])}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId((keys[0] as string) ?? null)}
              checkable={merging}
              checkStrictly
              checkedKeys={{ checked, halfChecked: [] }}
              onCheck={(keys) => setChecked((keys as { checked: string[] }).checked)}
              draggable={canEdit && !merging && !search ? { icon: false } : false}
              allowDrop={allowDrop}
              onDrop={onDrop}
              titleRender={(d) => <NodeTitle node={d.node} index={index} />}
              data-testid="plan-tree"
            />
          )}
        </Card>
      </Col>
      {wide ? (
        <Col lg={13} xxl={14} style={{ minWidth: 0 }}>
          {panel}
        </Col>
      ) : (
        <Drawer
          open={!!selected}
          onClose={() => setSelectedId(null)}
          title={t("plans.tree.nodeDetail")}
          size="100%"
          styles={{ body: { padding: 8 } }}
        >
          {panel}
        </Drawer>
      )}

      <NodeForm
        key={`node-${nodeForm.key}`}
        plan={plan}
        target={nodeForm.target}
        onClose={() => setNodeForm((s) => ({ ...s, target: null }))}
        onSaved={(id) => {
          const parent = nodeForm.target?.mode === "create" ? nodeForm.target.parent : null;
          setNodeForm((s) => ({ ...s, target: null }));
          // A new node's parent opens so it shows; the index does not know the new node until the plan reloads.
          if (parent) setExpanded((e) => [...new Set([...e, parent.id])]);
          setSelectedId(id);
        }}
      />
      {op?.kind === "split" && (
        <SplitModal
          plan={plan}
          node={op.node}
          onClose={() => setOp(null)}
          onDone={(id) => {
            setOp(null);
            if (id) reveal(id);
          }}
        />
      )}
      {op?.kind === "move" && (
        <MoveModal plan={plan} node={op.node} index={index} onClose={() => setOp(null)} onDone={() => setOp(null)} />
      )}
      {op?.kind === "merge" && (
        <MergeModal
          plan={plan}
          nodes={op.nodes}
          onClose={() => setOp(null)}
          onDone={(id) => {
            setOp(null);
            setMerging(false);
            setChecked([]);
            reveal(id);
          }}
        />
      )}
      {report && (
        <ReportForm
          key={report.key}
          open
          planId={plan.id}
          nodeId={report.nodeId}
          period={report.period}
          onClose={() => setReport(null)}
          onSaved={() => setReport(null)}
        />
      )}
    </Row>
  );
}
