import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from "antd";
import { useState } from "react";
import type { RequestDetail } from "../../../contracts/services";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { refreshServices, useDepartments, useServiceOptions } from "./servicesApi";

type Step = "refer" | "transfer" | "receive" | "decline" | "answer" | "reply" | "close";
const TITLES: Record<Step, string> = {
  refer: "转办至责任部门",
  transfer: "转交其他部门",
  receive: "接收转办",
  decline: "拒收",
  answer: "当场答复",
  reply: "答复办理结果",
  close: "办结",
};

/** The steps the caller may take now: window steps under service:receive, department steps while it is with their org. */
function stepsFor(r: RequestDetail, can: (p: string) => boolean, orgId: string | undefined): Step[] {
  const steps: Step[] = [];
  if (can("service:receive")) {
    if (r.status === "accepted" || r.status === "declined") steps.push("refer");
    if (r.status === "accepted") steps.push("answer");
    if (r.status === "answered") steps.push("close");
  }
  if (can("service:handle") && r.deptOrgId && r.deptOrgId === orgId) {
    if (r.status === "referred") steps.push("receive", "decline");
    if (r.status === "received") steps.push("reply", "transfer");
  }
  return steps;
}

type Values = {
  toOrgId?: string;
  days?: number;
  note?: string;
  reason?: string;
  responsibleOrgId?: string;
  answer?: string;
};

/** The workflow buttons of a request, each with its small form (转办 with working days, 拒收 naming who is responsible…). */
export function RequestActions({ r }: { r: RequestDetail }) {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const options = useServiceOptions();
  const departments = useDepartments();
  const deptOptions = (departments.data ?? []).map((o) => ({ value: o.id, label: o.name }));
  const [step, setStep] = useState<Step | null>(null);
  const [form] = Form.useForm<Values>();
  const run = useMutation({
    mutationFn: (v: Values) => {
      const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ""));
      return api.post(`/api/services/requests/${r.id}/${step}`, clean);
    },
    onSuccess: async () => {
      message.success(`${TITLES[step as Step]}完成`);
      setStep(null);
      form.resetFields();
      await refreshServices(qc, r.id);
    },
    onError: (e: Error) => message.error(e.message),
  });
  const steps = stepsFor(r, can, me?.user.orgId);
  if (!steps.length) return null;
  const limit = options.data?.timeLimits[r.category];
  // After a decline, the re-referral starts at the department the decliner named (its own option
  // when the departments list does not hold it, so the select shows a name, never an id).
  const last = r.status === "declined" ? r.referrals.at(-1) : undefined;
  const suggested = last?.responsibleOrgId ?? undefined;
  const deptChoices =
    suggested && !deptOptions.some((o) => o.value === suggested)
      ? [{ value: suggested, label: last?.responsibleOrgName ?? "" }, ...deptOptions]
      : deptOptions;
  const pick = (placeholder: string) => (
    <Select showSearch optionFilterProp="label" placeholder={placeholder} options={deptChoices} />
  );
  const initial = (s: Step | null): Values =>
    s === "refer" ? { days: limit, toOrgId: suggested } : s === "transfer" ? { days: limit } : {};
  const open = (s: Step) => {
    form.resetFields();
    setStep(s);
  };
  return (
    <>
      <Space wrap>
        {steps.map((s) => (
          <Button
            key={s}
            type={s === "decline" ? "default" : "primary"}
            danger={s === "decline"}
            onClick={() => open(s)}
          >
            {TITLES[s]}
          </Button>
        ))}
      </Space>
      <Modal
        title={step ? TITLES[step] : ""}
        open={!!step}
        onCancel={() => setStep(null)}
        okText="确定"
        confirmLoading={run.isPending}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initial(step)} onFinish={(v) => run.mutate(v)}>
          {(step === "refer" || step === "transfer") && (
            <>
              {r.status === "declined" && r.referrals.at(-1)?.responsibleOrgName && (
                <p>上一部门认为应由 {r.referrals.at(-1)?.responsibleOrgName} 办理。</p>
              )}
              <Form.Item name="toOrgId" label="责任部门" rules={[{ required: true, message: "请选择责任部门" }]}>
                {pick("输入部门名称搜索")}
              </Form.Item>
              <Form.Item name="days" label="答复时限（工作日，按工作日历计算）" rules={[{ required: true }]}>
                <InputNumber min={1} max={60} style={{ width: "100%" }} />
              </Form.Item>
            </>
          )}
          {step === "decline" && (
            <>
              <Form.Item name="reason" label="拒收理由" rules={[{ required: true, message: "请选择拒收理由" }]}>
                <Select
                  options={(options.data?.declineReasons ?? []).map((d) => ({ value: d.code, label: d.label }))}
                />
              </Form.Item>
              <Form.Item
                name="responsibleOrgId"
                label="应由哪个单位办理"
                rules={[{ required: true, message: "请选择应承办的单位" }]}
              >
                {pick("输入单位名称搜索")}
              </Form.Item>
            </>
          )}
          {(step === "answer" || step === "reply") && (
            <Form.Item name="answer" label="答复内容" rules={[{ required: true, message: "请填写答复内容" }]}>
              <Input.TextArea rows={5} maxLength={2000} />
            </Form.Item>
          )}
          {step !== "answer" && step !== "reply" && (
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
