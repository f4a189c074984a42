import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Col, Form, InputNumber, Row, Select, Typography } from "antd";
import { type DisputeSettings, FREQUENCY_LABELS } from "../../../contracts/disputes";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { disputeKeys } from "./disputesApi";

const FREQUENCIES = Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }));

/**
 * 风险防范的时限和报告制度: everybody in the module sees them (they set the deadlines everyone works to); the
 * 自治区-level department changes them (the server holds the rule and says so to anyone else), audited.
 */
export function SettingsPanel() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<DisputeSettings>();
  const current = useQuery({
    queryKey: [...disputeKeys.all, "settings"],
    queryFn: () => api.get<DisputeSettings>("/api/disputes/settings"),
  });
  const editable = !!me?.permissions.includes("disputes:manage") && (me?.user.regionCode ?? "").length <= 2;
  const save = useMutation({
    mutationFn: (v: DisputeSettings) => api.put<DisputeSettings>("/api/disputes/settings", v),
    onSuccess: () => {
      message.success("已保存，立即生效");
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (!current.data) return null;
  const num = (min: number, max: number, unit: string) => (
    <InputNumber min={min} max={max} precision={0} addonAfter={unit} disabled={!editable} style={{ width: "100%" }} />
  );
  const required = [{ required: true, message: "请填写" }];
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={current.data}
      onFinish={(v) => save.mutate(v)}
      style={{ maxWidth: 760 }}
    >
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="以下时限和报告制度由自治区民族工作部门统一设置，这里仅供查看。"
        />
      )}
      <Typography.Title level={5}>重大案件和化解时限</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="majorReportHours" label="重大案件上报时限" rules={required}>
            {num(1, 168, "小时")}
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={["resolveDays", "general"]} label="一般案件化解时限" rules={required}>
            {num(1, 365, "天")}
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={["resolveDays", "serious"]} label="较大案件化解时限" rules={required}>
            {num(1, 365, "天")}
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={["resolveDays", "major"]} label="重大案件化解时限" rules={required}>
            {num(1, 365, "天")}
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>零报告和季报</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="zeroFrequency" label="零报告周期" rules={required}>
            <Select options={FREQUENCIES} disabled={!editable} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="quarterlyFrequency" label="季报周期" rules={required}>
            <Select options={FREQUENCIES} disabled={!editable} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="onTimeDays" label="期末后报送期限" rules={required}>
            {num(0, 60, "天")}
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="remindDays" label="截止前提醒" rules={required}>
            {num(0, 30, "天")}
          </Form.Item>
        </Col>
      </Row>
      {editable && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      )}
    </Form>
  );
}
