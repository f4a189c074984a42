import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Drawer, Form, Input, Select } from "antd";
import { useNavigate } from "react-router";
import { CHANNEL_LABELS, LEGAL_AID, type RequestView } from "../../../contracts/services";
import { api } from "../../app/api";
import { refreshServices, useServiceOptions, useWindows } from "./servicesApi";

type Values = {
  windowId: string;
  category: string;
  channel: "window" | "hotline";
  language: string;
  description: string;
  name: string;
  phone?: string;
  idNumber?: string;
  legalBasis?: string;
};

/** The window's fast entry: one column, large controls, usable on a phone. Personal fields are encrypted by the server. */
export function RequestEntry({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const options = useServiceOptions();
  const windows = useWindows();
  const category = Form.useWatch("category", form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<RequestView>(
        "/api/services/requests",
        Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== "")),
      ),
    onSuccess: async (r) => {
      message.success(`已受理，查询码 ${r.trackingCode}`);
      form.resetFields();
      await refreshServices(qc);
      onClose();
      navigate(`/services/requests/${r.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });
  const mine = windows.data ?? [];
  return (
    <Drawer title="受理服务申请" open={open} onClose={onClose} size="large" placement="bottom">
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ channel: "window", language: "汉语", windowId: mine.length === 1 ? mine[0].id : undefined }}
      >
        <Form.Item name="windowId" label="受理窗口" rules={[{ required: true, message: "请选择受理窗口" }]}>
          <Select options={mine.map((w) => ({ value: w.id, label: w.name }))} loading={windows.isLoading} />
        </Form.Item>
        <Form.Item name="category" label="服务类别" rules={[{ required: true, message: "请选择服务类别" }]}>
          <Select options={(options.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
        {category === LEGAL_AID && (
          <div style={{ color: "#389e0d", marginBottom: 12 }}>法律援助走绿色通道：优先受理，答复时限更短。</div>
        )}
        <Form.Item name="channel" label="受理渠道">
          <Select
            options={(["window", "hotline"] as const).map((value) => ({ value, label: CHANNEL_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item name="language" label="服务语言">
          <Select options={(options.data?.languages ?? ["汉语"]).map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item name="description" label="诉求内容" rules={[{ required: true, message: "请填写诉求内容" }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="name" label="服务对象姓名" rules={[{ required: true, message: "请填写姓名" }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号（办理确需时填写）">
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="legalBasis" label="处理个人信息的依据">
          <Input maxLength={200} placeholder="默认：本人申请服务（履行法定职责所必需）" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          受理
        </Button>
      </Form>
    </Drawer>
  );
}
