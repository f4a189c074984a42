import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { Milestone, NodeKind, PlanNodeView, PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { FormDrawer, useServerForm } from "../../../app/components/FormDrawer";
import { t } from "../../../app/i18n";
import { label } from "../labels";
import { nodeLabel, planKeys, refreshPlan } from "../planApi";
import { applyNestedErrors } from "../shared/nestedErrors";
import { UnitsSelect } from "../shared/UnitsSelect";
import { CHILD_KINDS } from "./tree";

type Values = {
  kind: NodeKind;
  number: string;
  title: string;
  text: string;
  orgIds: string[];
  leadOrgId?: string | null;
  weight: number;
  deadline: Dayjs | null;
  milestones: { year?: number; content?: string; percent?: number | null }[];
  metricName?: string;
  metricUnit?: string;
  baseline?: number | null;
  targetValue?: number | null;
};

/** Opening the form: a new node under `parent` (null: the top level), or editing `node`. */
export type NodeFormTarget =
  | { mode: "create"; parent: PlanNodeView | null }
  | { mode: "edit"; node: PlanNodeView; parentKind: NodeKind | null };

const f = (key: string) => t(`plans.node.fields.${key}`);
const blank = (v: string | undefined) => (v ?? "").trim() || null;

function initialValues(target: NodeFormTarget): Values {
  if (target.mode === "edit") {
    const n = target.node;
    return {
      kind: n.kind,
      number: n.number,
      title: n.title,
      text: n.text,
      orgIds: n.units.map((u) => u.orgId),
      leadOrgId: n.leadOrgId,
      weight: n.weight,
      deadline: n.deadline ? dayjs(n.deadline) : null,
      milestones: n.milestones.map((m) => ({ ...m })),
      metricName: n.metricName ?? "",
      metricUnit: n.metricUnit ?? "",
      baseline: n.baseline,
      targetValue: n.targetValue,
    };
  }
  const allowed = CHILD_KINDS[target.parent?.kind ?? "root"];
  return {
    kind: allowed.includes("task") ? "task" : allowed[0],
    number: "",
    title: "",
    text: "",
    orgIds: [],
    leadOrgId: null,
    weight: 1,
    deadline: null,
    milestones: [],
  };
}

function bodyOf(v: Values, isTask: boolean) {
  const milestones: Milestone[] = (v.milestones ?? [])
    .filter((m) => m.year && (m.content ?? "").trim())
    .map((m) => ({ year: m.year as number, content: (m.content ?? "").trim(), percent: m.percent ?? null }));
  return {
    kind: v.kind,
    number: (v.number ?? "").trim(),
    title: v.title.trim(),
    text: (v.text ?? "").trim(),
    ...(isTask
      ? {
          orgIds: v.orgIds ?? [],
          leadOrgId: v.leadOrgId ?? null,
          weight: v.weight ?? 1,
          deadline: v.deadline ? v.deadline.format("YYYY-MM-DD") : null,
          milestones,
          metricName: blank(v.metricName),
          metricUnit: blank(v.metricUnit),
          baseline: v.baseline ?? null,
          targetValue: v.targetValue ?? null,
        }
      : {}),
  };
}

/** The task's own attributes: units with the lead, weight, deadline, yearly milestones and a quantitative target. */
function TaskFields({ plan, node }: { plan: PlanView; node: PlanNodeView | null }) {
  const form = Form.useFormInstance<Values>();
  const orgIds = Form.useWatch("orgIds", form) ?? [];
  const [names, setNames] = useState((node?.units ?? []).map((u) => ({ value: u.orgId, label: u.orgName })));
  const leadOptions = orgIds.map((id) => names.find((n) => n.value === id) ?? { value: id, label: id });
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t("plans.node.unitsSection")}
      </Divider>
      <Form.Item name="orgIds" label={f("units")} extra={t("plans.node.unitsHint")}>
        <UnitsSelect
          regionCode={plan.regionCode}
          known={names}
          onNames={(chosen) => {
            setNames((prev) => [...prev.filter((p) => !chosen.some((c) => c.value === p.value)), ...chosen]);
            const lead = form.getFieldValue("leadOrgId");
            if (lead && !chosen.some((c) => c.value === lead))
              form.setFieldValue("leadOrgId", chosen[0]?.value ?? null);
            if (!lead && chosen.length) form.setFieldValue("leadOrgId", chosen[0].value);
          }}
        />
      </Form.Item>
      <Form.Item name="leadOrgId" label={f("lead")}>
        <Select allowClear options={leadOptions} placeholder={t("plans.node.leadPlaceholder")} />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t("plans.node.scheduleSection")}
      </Divider>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item name="weight" label={f("weight")} tooltip={t("plans.node.weightHint")}>
            <InputNumber min={0} max={1000} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="deadline" label={f("deadline")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <Form.Item label={f("milestones")} extra={t("plans.node.milestonesHint")}>
            <Space orientation="vertical" style={{ width: "100%" }}>
              {fields.map((field) => (
                <div key={field.key} style={{ display: "flex", gap: 8, alignItems: "flex-start", flexWrap: "wrap" }}>
                  <Form.Item name={[field.name, "year"]} noStyle rules={[{ required: true, message: f("year") }]}>
                    <InputNumber
                      min={plan.periodStart}
                      max={plan.periodEnd}
                      precision={0}
                      placeholder={f("year")}
                      style={{ width: 96 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "content"]} noStyle>
                    <Input placeholder={f("milestoneContent")} maxLength={500} style={{ flex: "1 1 200px" }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "percent"]} noStyle>
                    <InputNumber
                      min={0}
                      max={100}
                      precision={0}
                      suffix="%"
                      placeholder={f("milestonePercent")}
                      style={{ width: 110 }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t("common.delete")}
                  />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ year: plan.periodStart })} block>
                {t("plans.node.addMilestone")}
              </Button>
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Divider titlePlacement="start" plain>
        {t("plans.node.metricSection")}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="metricName" label={f("metricName")}>
            <Input maxLength={50} placeholder={t("plans.node.metricNamePlaceholder")} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="metricUnit" label={f("metricUnit")}>
            <Input maxLength={20} placeholder={t("plans.node.metricUnitPlaceholder")} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="baseline" label={f("baseline")}>
            <InputNumber style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="targetValue" label={f("targetValue")}>
            <InputNumber style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/**
 * 新增 / 编辑 a node of the task tree in a side drawer. The kinds offered are those allowed at that place; the
 * server's errors (a kind not allowed, a unit outside the plan's region …) land on their fields.
 * Mount with a new key per opening.
 */
const applyMilestoneErrors = (form: FormInstance, e: unknown) => applyNestedErrors(form, e, ["milestones"]);

export function NodeForm({
  plan,
  target,
  onClose,
  onSaved,
}: {
  plan: PlanView;
  target: NodeFormTarget | null;
  onClose: () => void;
  onSaved: (nodeId: string) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const { saving, error, run, clearError } = useServerForm(form, applyMilestoneErrors);
  if (!target) return null;

  const node = target.mode === "edit" ? target.node : null;
  // The kinds allowed where the node is (or goes); the server also checks the node's children fit a new kind.
  const parentKind = target.mode === "create" ? (target.parent?.kind ?? null) : target.parentKind;
  const kinds = CHILD_KINDS[parentKind ?? "root"];

  const submit = (v: Values) =>
    run(async () => {
      const body = bodyOf(v, v.kind === "task");
      const res = node
        ? await api.patch<{ nodeId: string; plan: PlanView }>(`/api/plans/${plan.id}/nodes/${node.id}`, body)
        : await api.post<{ nodeId: string; plan: PlanView }>(`/api/plans/${plan.id}/nodes`, {
            ...body,
            parentNodeId: target.mode === "create" ? (target.parent?.id ?? null) : null,
          });
      queryClient.setQueryData(planKeys.plan(plan.id), res.plan);
      await refreshPlan(queryClient, plan.id);
      message.success(t(node ? "plans.node.updated" : "plans.node.created", { title: v.title.trim() }));
      onSaved(res.nodeId);
    });

  const title = node
    ? t("plans.node.editTitle", { label: nodeLabel(node) })
    : target.mode === "create" && target.parent
      ? t("plans.node.createUnder", { label: nodeLabel(target.parent) })
      : t("plans.node.createTop");

  return (
    <FormDrawer
      open
      onClose={onClose}
      title={title}
      form={form}
      saving={saving}
      error={error}
      submitTestId="node-form-submit"
    >
      <Form<Values>
        name="planNode"
        form={form}
        layout="vertical"
        initialValues={initialValues(target)}
        onFinish={submit}
        onValuesChange={clearError}
      >
        <Row gutter={16}>
          <Col xs={12} md={8}>
            <Form.Item name="kind" label={f("kind")} rules={[{ required: true }]}>
              <Select options={kinds.map((k) => ({ value: k, label: label("kind", k) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="number" label={f("number")}>
              <Input maxLength={30} placeholder={t("plans.node.numberPlaceholder")} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="title"
              label={f("title")}
              rules={[{ required: true, whitespace: true, message: t("common.required", { field: f("title") }) }]}
            >
              <Input maxLength={300} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="text" label={f("text")}>
              <Input.TextArea maxLength={20000} autoSize={{ minRows: 3, maxRows: 12 }} />
            </Form.Item>
          </Col>
        </Row>
        {kind === "task" && <TaskFields plan={plan} node={node} />}
      </Form>
    </FormDrawer>
  );
}
