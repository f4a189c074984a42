import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  InputNumber,
  Radio,
  Row,
  Skeleton,
  Space,
  Typography,
} from "antd";
import type { SecurityPolicy } from "../../../contracts/identity";
import { api } from "../../app/api";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";

type PolicyResponse = SecurityPolicy & { defaults: SecurityPolicy };
type Field = keyof SecurityPolicy;

/** Each field: its unit and the range the server accepts (contracts/identity.ts securityPolicy). */
const FIELDS: Record<Field, { unit: string; min: number; max: number }> = {
  minLength: { unit: "chars", min: 8, max: 64 },
  minClasses: { unit: "classes", min: 3, max: 4 },
  expiryDays: { unit: "days", min: 0, max: 365 },
  historyCount: { unit: "times", min: 1, max: 24 },
  lockThreshold: { unit: "times", min: 3, max: 10 },
  captchaAfter: { unit: "times", min: 1, max: 10 },
  lockMinutes: { unit: "minutes", min: 5, max: 1440 },
  idleMinutes: { unit: "minutes", min: 5, max: 120 },
  absoluteHours: { unit: "hours", min: 1, max: 24 },
  tokenMaxDays: { unit: "days", min: 1, max: 365 },
};

const SECTIONS: { key: string; fields: Field[] }[] = [
  { key: "password", fields: ["minLength", "minClasses", "expiryDays", "historyCount"] },
  { key: "lockout", fields: ["lockThreshold", "lockMinutes", "captchaAfter"] },
  { key: "session", fields: ["idleMinutes", "absoluteHours"] },
  { key: "tokens", fields: ["tokenMaxDays"] },
];

/** 安全策略 (security admin): password rules, lockout, session limits and the longest API token lifetime. */
export default function SecurityPolicyPage() {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecurityPolicy>();
  const policy = useQuery({
    queryKey: ["security-policy"],
    queryFn: () => api.get<PolicyResponse>("/api/security/policy"),
  });
  const save = useMutation({
    mutationFn: (v: SecurityPolicy) => api.put<SecurityPolicy>("/api/security/policy", v),
    onSuccess: (saved) => {
      message.success(t("identity.security.saved"));
      qc.setQueryData<PolicyResponse>(["security-policy"], (old) => (old ? { ...old, ...saved } : old));
      form.setFieldsValue(saved);
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e);
      if (rest) message.error(rest);
    },
  });

  if (policy.error) {
    return (
      <Card title={t("identity.security.title")}>
        <Alert
          type="error"
          showIcon
          title={t("common.loadFailed", { message: (policy.error as Error).message })}
          action={<Button onClick={() => policy.refetch()}>{t("common.retry")}</Button>}
        />
      </Card>
    );
  }
  if (!policy.data) {
    return (
      <Card title={t("identity.security.title")}>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  const { defaults, ...current } = policy.data;

  const help = (f: Field) => (
    <>
      {t(`identity.security.help.${f}`)}
      <br />
      {t("identity.security.range", {
        min: FIELDS[f].min,
        max: FIELDS[f].max,
        unit: t(`identity.security.units.${FIELDS[f].unit}`),
        default: defaults[f],
      })}
    </>
  );

  return (
    <Card
      title={t("identity.security.title")}
      extra={<Typography.Text type="secondary">{t("identity.security.subtitle")}</Typography.Text>}
    >
      <Alert type="info" showIcon style={{ marginBottom: 24 }} title={t("identity.security.effect")} />
      <Form<SecurityPolicy>
        form={form}
        layout="vertical"
        initialValues={current}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 960 }}
      >
        {SECTIONS.map((s, i) => (
          <div key={s.key}>
            {i > 0 && <Divider />}
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t(`identity.security.sections.${s.key}`)}
            </Typography.Title>
            <Row gutter={32}>
              {s.fields.map((f) => (
                <Col xs={24} md={12} key={f}>
                  <Form.Item
                    name={f}
                    label={t(`identity.security.fields.${f}`)}
                    extra={help(f)}
                    rules={[
                      { required: true, message: t("common.required", { field: t(`identity.security.fields.${f}`) }) },
                      {
                        type: "number",
                        min: FIELDS[f].min,
                        max: FIELDS[f].max,
                        message: t("identity.security.rangeError", { min: FIELDS[f].min, max: FIELDS[f].max }),
                      },
                    ]}
                  >
                    {f === "minClasses" ? (
                      <Radio.Group
                        options={[
                          { value: 3, label: t("identity.security.classes3") },
                          { value: 4, label: t("identity.security.classes4") },
                        ]}
                      />
                    ) : (
                      <InputNumber
                        min={FIELDS[f].min}
                        max={FIELDS[f].max}
                        precision={0}
                        style={{ width: 200 }}
                        suffix={t(`identity.security.units.${FIELDS[f].unit}`)}
                      />
                    )}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>
        ))}
        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
          <Button onClick={() => form.resetFields()}>{t("identity.security.undo")}</Button>
          <Button
            onClick={() =>
              modal.confirm({
                title: t("identity.security.defaultsTitle"),
                content: t("identity.security.defaultsContent"),
                okText: t("common.confirm"),
                cancelText: t("common.cancel"),
                onOk: () => form.setFieldsValue(defaults),
              })
            }
          >
            {t("identity.security.restoreDefaults")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
