import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Form, Input, Modal, Select, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import type { PlanNodeView, PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { applyServerErrors } from "../../../app/components/serverErrors";
import { t } from "../../../app/i18n";
import { nodeLabel, planKeys, refreshPlan } from "../planApi";
import { isWithin, kindAllowed, type TreeIndex } from "./tree";

type EditResult = { nodeId: string; newNodeId?: string; plan: PlanView };

/** Sends one tree edit, puts the returned plan in the cache and refreshes what depends on it. */
function useTreeEdit(plan: PlanView) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (send: () => Promise<EditResult>, done: string) => {
    const res = await send();
    queryClient.setQueryData(planKeys.plan(plan.id), res.plan);
    await refreshPlan(queryClient, plan.id);
    message.success(done);
    return res;
  };
}

/** A modal form that sends one edit; server field errors land on the fields, others above them. */
function EditModal<V extends object>({
  title,
  form,
  onCancel,
  onSubmit,
  children,
  okText,
  testId,
}: {
  title: string;
  form: ReturnType<typeof Form.useForm<V>>[0];
  onCancel: () => void;
  onSubmit: (v: V) => Promise<void>;
  children: React.ReactNode;
  okText?: string;
  testId: string;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      okText={okText ?? t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      width={640}
      mask={{ closable: false }}
      okButtonProps={{ "data-testid": testId }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<V>
        form={form}
        layout="vertical"
        onValuesChange={() => error && setError(null)}
        onFinish={async (v) => {
          setSaving(true);
          setError(null);
          try {
            await onSubmit(v);
          } catch (e) {
            setError(applyServerErrors(form, e));
          } finally {
            setSaving(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}

type SplitValues = { title: string; text: string; newTitle: string; newText: string; newNumber: string };

/** 拆分: the task keeps part of its text, and a new task (same units and weight) takes the rest right after it. */
export function SplitModal({
  plan,
  node,
  onClose,
  onDone,
}: {
  plan: PlanView;
  node: PlanNodeView;
  onClose: () => void;
  onDone: (newNodeId?: string) => void;
}) {
  const [form] = Form.useForm<SplitValues>();
  const edit = useTreeEdit(plan);
  const required = (key: string) => [
    { required: true, whitespace: true, message: t("common.required", { field: t(`plans.split.${key}`) }) },
  ];
  return (
    <EditModal<SplitValues>
      title={t("plans.split.title", { label: nodeLabel(node) })}
      form={form}
      onCancel={onClose}
      okText={t("plans.split.ok")}
      testId="split-submit"
      onSubmit={async (v) => {
        const res = await edit(
          () =>
            api.post<EditResult>(`/api/plans/${plan.id}/nodes/${node.id}/split`, {
              title: v.title.trim(),
              text: (v.text ?? "").trim(),
              newTitle: v.newTitle.trim(),
              newText: (v.newText ?? "").trim(),
              ...(v.newNumber?.trim() ? { newNumber: v.newNumber.trim() } : {}),
            }),
          t("plans.split.done"),
        );
        onDone(res.newNodeId);
      }}
    >
      <Typography.Paragraph type="secondary">{t("plans.split.hint")}</Typography.Paragraph>
      <Form.Item
        name="title"
        label={t("plans.split.keepTitle")}
        initialValue={node.title}
        rules={required("keepTitle")}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="text" label={t("plans.split.keepText")} initialValue={node.text}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20000} />
      </Form.Item>
      <Form.Item name="newNumber" label={t("plans.split.newNumber")} initialValue="">
        <Input maxLength={30} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="newTitle" label={t("plans.split.newTitle")} rules={required("newTitle")}>
        <Input maxLength={300} data-testid="split-new-title" />
      </Form.Item>
      <Form.Item name="newText" label={t("plans.split.newText")} initialValue="">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={20000} />
      </Form.Item>
    </EditModal>
  );
}

type MoveValues = { parentNodeId: string; after: string };
const ROOT = "__root__";
const FIRST = "__first__";

type ParentOption = { value: string; title: string; disabled?: boolean; children?: ParentOption[] };

/** 移动: choose the new parent (only places where the node's kind is allowed) and where among its children. */
export function MoveModal({
  plan,
  node,
  index,
  onClose,
  onDone,
}: {
  plan: PlanView;
  node: PlanNodeView;
  index: TreeIndex;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<MoveValues>();
  const edit = useTreeEdit(plan);
  const parentId = Form.useWatch("parentNodeId", form) ?? node.parentId ?? ROOT;

  const parents = useMemo(() => {
    const build = (nodes: PlanNodeView[]): ParentOption[] =>
      nodes
        // A node cannot go inside itself; items and what lies under them are not places for headings.
        .filter((n) => !isWithin(index, n.id, node.id))
        .map((n) => ({
          value: n.id,
          title: nodeLabel(n),
          disabled: !kindAllowed(n.kind, node.kind),
          children: build(n.children),
        }));
    return [
      {
        value: ROOT,
        title: t("plans.move.root"),
        disabled: !kindAllowed(null, node.kind),
        children: build(plan.nodes),
      },
    ];
  }, [plan.nodes, index, node]);

  const siblings = index.childrenOf(parentId === ROOT ? null : parentId).filter((n) => n.id !== node.id);
  const currentSiblings = index.childrenOf(node.parentId).filter((n) => n.id !== node.id);
  const currentAt = index.childrenOf(node.parentId).findIndex((n) => n.id === node.id);
  const initialAfter = currentAt > 0 ? currentSiblings[currentAt - 1].id : FIRST;

  return (
    <EditModal<MoveValues>
      title={t("plans.move.title", { label: nodeLabel(node) })}
      form={form}
      onCancel={onClose}
      okText={t("plans.move.ok")}
      testId="move-submit"
      onSubmit={async (v) => {
        const target = v.parentNodeId === ROOT ? null : v.parentNodeId;
        const sibs = index.childrenOf(target).filter((n) => n.id !== node.id);
        const position = v.after === FIRST ? 0 : sibs.findIndex((n) => n.id === v.after) + 1;
        await edit(
          () => api.post<EditResult>(`/api/plans/${plan.id}/nodes/${node.id}/move`, { parentNodeId: target, position }),
          t("plans.move.done"),
        );
        onDone();
      }}
    >
      <Form.Item
        name="parentNodeId"
        label={t("plans.move.parent")}
        initialValue={node.parentId ?? ROOT}
        rules={[{ required: true }]}
      >
        <TreeSelect
          treeData={parents}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: "title" }}
          popupMatchSelectWidth={false}
          styles={{ popup: { root: { maxHeight: 420, overflow: "auto", maxWidth: "90vw" } } }}
          onChange={() => form.setFieldValue("after", FIRST)}
          data-testid="move-parent"
        />
      </Form.Item>
      <Form.Item name="after" label={t("plans.move.position")} initialValue={initialAfter}>
        <Select
          options={[
            { value: FIRST, label: t("plans.move.first") },
            ...siblings.map((s) => ({ value: s.id, label: t("plans.move.after", { label: nodeLabel(s) }) })),
          ]}
          data-testid="move-position"
        />
      </Form.Item>
    </EditModal>
  );
}

type MergeValues = { title: string; text: string };

/** 合并: the first chosen task survives with the units of all; the others' reports move to it where they fit. */
export function MergeModal({
  plan,
  nodes,
  onClose,
  onDone,
}: {
  plan: PlanView;
  nodes: PlanNodeView[];
  onClose: () => void;
  onDone: (nodeId: string) => void;
}) {
  const [form] = Form.useForm<MergeValues>();
  const edit = useTreeEdit(plan);
  return (
    <EditModal<MergeValues>
      title={t("plans.merge.title", { count: nodes.length })}
      form={form}
      onCancel={onClose}
      okText={t("plans.merge.ok")}
      testId="merge-submit"
      onSubmit={async (v) => {
        const res = await edit(
          () =>
            api.post<EditResult>(`/api/plans/${plan.id}/nodes/merge`, {
              nodeIds: nodes.map((n) => n.id),
              title: v.title.trim(),
              text: (v.text ?? "").trim(),
            }),
          t("plans.merge.done"),
        );
        onDone(res.nodeId);
      }}
    >
      <Typography.Paragraph type="secondary">{t("plans.merge.hint")}</Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20, marginBottom: 16 }}>
        {nodes.map((n, i) => (
          <li key={n.id}>
            <Typography.Text strong={i === 0}>
              {nodeLabel(n)}
              {i === 0 ? t("plans.merge.keeps") : ""}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <Form.Item
        name="title"
        label={t("plans.merge.mergedTitle")}
        initialValue={nodes[0]?.title}
        rules={[
          { required: true, whitespace: true, message: t("common.required", { field: t("plans.merge.mergedTitle") }) },
        ]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t("plans.merge.mergedText")}
        initialValue={nodes
          .map((n) => n.text)
          .filter(Boolean)
          .join("\n")}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={40000} />
      </Form.Item>
    </EditModal>
  );
}
