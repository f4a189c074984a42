import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { RISK_LABELS } from "../../../contracts/disputes";
import { useAuth } from "../../app/auth";
import { sendOrQueue, useFormDraft } from "../../app/outbox";
import { disputeKeys } from "./disputesApi";

const SOURCES = [
  ["grid", "网格员上报"],
  ["screening", "排查"],
  ["visit", "来访"],
  ["referral", "转交"],
  ["window", "服务窗口"],
];
const CATEGORIES = [
  ["family", "婚姻家庭"],
  ["neighbour", "邻里"],
  ["land", "土地/草牧场"],
  ["labour", "劳资"],
  ["debt", "债务"],
  ["expropriation", "征地拆迁"],
  ["other", "其他"],
];
const opts = (rows: string[][]) => rows.map(([value, label]) => ({ value, label }));

type Values = {
  source: string;
  category: string;
  occurredOn: Dayjs;
  partyCount: number;
  summary: string;
  riskLevel: "general" | "serious" | "major";
  partyName?: string;
  partyPhone?: string;
};

/** The grid worker's entry: one column, large controls, for a phone-sized screen. */
export function CaseEntry({ open, onClose, regionCode }: { open: boolean; onClose: () => void; regionCode: string }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { me } = useAuth();
  // The entry is kept on this device while it is filled (weak networks), without the party's name and phone:
  // personal data is not left on a shared phone; it travels only in a send waiting for the network.
  const draft = useFormDraft<Values>(form, open && me ? `dispute.${me.user.id}` : null, (v) => ({
    ...v,
    occurredOn: dayjs(v.occurredOn),
  }));
  const save = useMutation({
    // "always": offline, the send must run to be queued (React Query would otherwise pause it until online).
    networkMode: "always",
    mutationFn: (v: Values) =>
      sendOrQueue(`矛盾纠纷登记：${v.summary.slice(0, 20)}`, "POST", "/api/disputes/cases", {
        source: v.source,
        category: v.category,
        regionCode,
        occurredOn: v.occurredOn.format("YYYY-MM-DD"),
        partyCount: v.partyCount,
        summary: v.summary,
        riskLevel: v.riskLevel,
        parties: v.partyName ? [{ name: v.partyName, ...(v.partyPhone ? { phone: v.partyPhone } : {}) }] : [],
      }),
    onSuccess: (sent) => {
      message.success(
        sent.sent ? "已登记" : "当前没有网络，已保存在本机“待发送”中，网络恢复后自动提交（不会重复登记）",
      );
      draft.clear();
      form.resetFields();
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Drawer
      title="登记矛盾纠纷"
      open={open}
      onClose={onClose}
      size="large"
      placement="bottom"
      styles={{ body: { paddingBottom: 24 } }}
    >
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed, all) => draft.save(changed, { ...all, partyName: undefined, partyPhone: undefined })}
        initialValues={{ source: "grid", partyCount: 2, riskLevel: "general" }}
      >
        <Form.Item name="source" label="来源" rules={[{ required: true }]}>
          <Select options={opts(SOURCES)} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: "请选择类别" }]}>
          <Select options={opts(CATEGORIES)} />
        </Form.Item>
        <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: "请选择日期" }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="partyCount" label="当事人数" rules={[{ required: true }]}>
          <InputNumber min={1} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="riskLevel" label="风险等级" rules={[{ required: true }]}>
          <Select options={Object.entries(RISK_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="summary" label="事实摘要" rules={[{ required: true, message: "请填写事实摘要" }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="partyName" label="当事人姓名（仅在需要联系时填写）">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="partyPhone" label="当事人电话">
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          提交
        </Button>
      </Form>
    </Drawer>
  );
}
