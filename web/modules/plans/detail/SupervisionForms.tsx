import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  TreeSelect,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo } from "react";
import type { RectificationView } from "../../../../contracts/plan-progress";
import type { PlanNodeView, PlanView } from "../../../../contracts/plans";
import { api } from "../../../app/api";
import { FormDrawer, FormErrorAlert, useServerForm } from "../../../app/components/FormDrawer";
import { OrgPicker } from "../../../app/components/OrgPicker";
import { t } from "../../../app/i18n";
import { flattenNodes, nodeLabel, refreshPlan } from "../planApi";
import { type Evidence, EvidenceField } from "../shared/EvidenceField";
import { applyNestedErrors } from "../shared/nestedErrors";

const s = (key: string, params?: Record<string, string | number>) => t(`plans.supervision.${key}`, params);
const required = (field: string) => [{ required: true, message: t("common.required", { field }) }];

type FindingValues = {
  finding: string;
  requirement?: string;
  nodeId?: string | null;
  ownerOrgId?: string;
  deadline?: Dayjs;
};

function findingBody(v: FindingValues) {
  return {
    finding: v.finding.trim(),
    requirement: (v.requirement ?? "").trim(),
    nodeId: v.nodeId ?? null,
    ownerOrgId: v.ownerOrgId,
    deadline: v.deadline?.format("YYYY-MM-DD"),
  };
}

type TaskOption = { value: string; title: string; selectable?: boolean; children?: TaskOption[] };

/** The plan's tree for picking the task a finding concerns: only tasks can be chosen, headings just group them. */
function useTaskOptions(plan: PlanView) {
  return useMemo(() => {
    const build = (nodes: PlanNodeView[]): TaskOption[] =>
      nodes
        .filter((n) => n.kind !== "item")
        .map((n) => ({
          value: n.id,
          title: nodeLabel(n),
          selectable: n.kind === "task",
          children: n.kind === "task" ? [] : build(n.children),
        }));
    return build(plan.nodes);
  }, [plan.nodes]);
}

/** The fields of one finding; `prefix` is the Form.List path when it is one of several. */
function FindingFields({ plan, prefix = [] }: { plan: PlanView; prefix?: (string | number)[] }) {
  const form = Form.useFormInstance();
  const tasks = useTaskOptions(plan);
  const byId = useMemo(() => new Map(flattenNodes(plan.nodes).map((n) => [n.id, n])), [plan.nodes]);
  const name = (field: string) => [...prefix, field];
  return (
    <Row gutter={12}>
      <Col span={24}>
        <Form.Item name={name("finding")} label={s("fields.finding")} rules={required(s("fields.finding"))}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="finding-text" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name("requirement")} label={s("fields.requirement")}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name("nodeId")} label={s("fields.task")} extra={s("taskHint")}>
          <TreeSelect
            allowClear
            treeData={tasks}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: "title" }}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxHeight: 400, overflow: "auto", maxWidth: "90vw" } } }}
            onChange={(id: string | undefined) => {
              // The task's lead unit is the usual owner of the rectification.
              const lead = id ? byId.get(id)?.leadOrgId : null;
              if (lead && !form.getFieldValue(name("ownerOrgId"))) form.setFieldValue(name("ownerOrgId"), lead);
            }}
            data-testid="finding-task"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={14}>
        <Form.Item name={name("ownerOrgId")} label={s("fields.owner")} rules={required(s("fields.owner"))}>
          <OrgPicker style={{ width: "100%" }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <Form.Item name={name("deadline")} label={s("fields.deadline")} rules={required(s("fields.deadline"))}>
          <DatePicker style={{ width: "100%" }} data-testid="finding-deadline" />
        </Form.Item>
      </Col>
    </Row>
  );
}

const applyNoListErrors = (form: FormInstance, e: unknown) => applyNestedErrors(form, e, []);
const applyFindingErrors = (form: FormInstance, e: unknown) => applyNestedErrors(form, e, ["findings"]);

type InspectionValues = {
  title: string;
  inspectedOn: Dayjs;
  description?: string;
  findings: FindingValues[];
};

/** 登记督查: the inspection and the problems found; each problem becomes a rectification with owner and deadline. */
export function InspectionForm({ plan, onClose }: { plan: PlanView; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InspectionValues>();
  const { saving, error, run, clearError } = useServerForm(form, applyFindingErrors);

  const submit = (v: InspectionValues) =>
    run(async () => {
      await api.post(`/api/plans/${plan.id}/inspections`, {
        title: v.title.trim(),
        inspectedOn: v.inspectedOn.format("YYYY-MM-DD"),
        description: (v.description ?? "").trim(),
        findings: (v.findings ?? []).map(findingBody),
      });
      message.success(s("inspectionSaved", { count: v.findings?.length ?? 0 }));
      await refreshPlan(queryClient, plan.id);
      onClose();
    });

  return (
    <FormDrawer
      open
      onClose={onClose}
      title={s("newInspection")}
      form={form}
      saving={saving}
      error={error}
      submitTestId="inspection-submit"
    >
      <Form<InspectionValues>
        name="planInspection"
        form={form}
        layout="vertical"
        initialValues={{ inspectedOn: dayjs(), findings: [{}] }}
        onFinish={submit}
        onValuesChange={clearError}
      >
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={s("fields.title")} rules={required(s("fields.title"))}>
              <Input maxLength={200} data-testid="inspection-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="inspectedOn" label={s("fields.inspectedOn")} rules={required(s("fields.inspectedOn"))}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={s("fields.description")}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Typography.Title level={5}>{s("findingsTitle")}</Typography.Title>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={12} style={{ width: "100%" }}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={s("findingN", { n: i + 1 })}
                  extra={
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t("common.delete")}
                    />
                  }
                >
                  <FindingFields plan={plan} prefix={[field.name]} />
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({})}>
                {s("addFinding")}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

/** 补充问题: one more finding for an inspection already recorded. */
export function FindingModal({
  plan,
  inspectionId,
  onClose,
}: {
  plan: PlanView;
  inspectionId: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FindingValues>();
  const { saving, error, run, clearError } = useServerForm(form, applyNoListErrors);
  return (
    <Modal
      open
      title={s("addFinding")}
      width={640}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      mask={{ closable: false }}
    >
      <FormErrorAlert error={error} />
      <Form<FindingValues>
        form={form}
        layout="vertical"
        onValuesChange={clearError}
        onFinish={(v) =>
          run(async () => {
            await api.post(`/api/plans/${plan.id}/inspections/${inspectionId}/findings`, findingBody(v));
            message.success(s("findingSaved"));
            await refreshPlan(queryClient, plan.id);
            onClose();
          })
        }
      >
        <FindingFields plan={plan} />
      </Form>
    </Modal>
  );
}

/** 提交整改: the owner unit says what it did, with evidence; the inspecting unit then verifies. */
export function CloseModal({ plan, item, onClose }: { plan: PlanView; item: RectificationView; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string; evidenceIds: Evidence[] }>();
  const { saving, error, run, clearError } = useServerForm(form, applyNoListErrors);
  return (
    <Modal
      open
      title={s("closeTitle")}
      width={600}
      onCancel={onClose}
      okText={s("closeOk")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      mask={{ closable: false }}
      okButtonProps={{ "data-testid": "rect-close-submit" }}
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">{s("fields.finding")}：</Typography.Text>
        {item.finding}
      </Typography.Paragraph>
      {item.requirement && (
        <Typography.Paragraph>
          <Typography.Text type="secondary">{s("fields.requirement")}：</Typography.Text>
          {item.requirement}
        </Typography.Paragraph>
      )}

      <FormErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ note: "", evidenceIds: [] }}
        onValuesChange={clearError}
        onFinish={(v) =>
          run(async () => {
            await api.post(`/api/plans/${plan.id}/rectifications/${item.id}/close`, {
              note: v.note.trim(),
              evidenceIds: v.evidenceIds.map((e) => e.id),
            });
            message.success(s("closed"));
            await refreshPlan(queryClient, plan.id);
            onClose();
          })
        }
      >
        <Form.Item name="note" label={s("fields.closureNote")} rules={required(s("fields.closureNote"))}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="rect-close-note" />
        </Form.Item>
        <Form.Item
          name="evidenceIds"
          label={s("fields.closureEvidence")}
          rules={[{ required: true, type: "array", min: 1, message: s("evidenceRequired") }]}
        >
          <EvidenceField tag={s("evidenceTag")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 核验: the inspecting unit accepts the rectification (销号) or returns it with the reason. */
export function VerifyModal({ plan, item, onClose }: { plan: PlanView; item: RectificationView; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ approved: boolean; note: string }>();
  const approved = Form.useWatch("approved", form);
  const { saving, error, run, clearError } = useServerForm(form, applyNoListErrors);
  return (
    <Modal
      open
      title={s("verifyTitle")}
      width={600}
      onCancel={onClose}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      mask={{ closable: false }}
      okButtonProps={{ "data-testid": "rect-verify-submit" }}
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">{s("fields.finding")}：</Typography.Text>
        {item.finding}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text type="secondary">{s("fields.closureNote")}：</Typography.Text>
        {item.closureNote ?? "—"}
      </Typography.Paragraph>

      <FormErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ approved: true, note: "" }}
        onValuesChange={clearError}
        onFinish={(v) =>
          run(async () => {
            await api.post(`/api/plans/${plan.id}/rectifications/${item.id}/verify`, {
              approved: v.approved,
              note: (v.note ?? "").trim(),
            });
            message.success(s(v.approved ? "verified" : "returned"));
            await refreshPlan(queryClient, plan.id);
            onClose();
          })
        }
      >
        <Form.Item name="approved" label={s("fields.verdict")}>
          <Radio.Group
            options={[
              { value: true, label: s("approve") },
              { value: false, label: s("reject") },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={s("fields.verifyNote")}
          rules={approved === false ? required(s("fields.verifyNote")) : []}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
