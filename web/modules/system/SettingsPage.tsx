import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Drawer, Form, Input, InputNumber, Space, Switch, Typography } from "antd";
import { useState } from "react";
import type { SettingFieldView, SettingGroupView } from "../../../contracts/system";
import { api } from "../../app/api";
import { AuditPanel } from "../../app/components/AuditPanel";
import { applyServerErrors } from "../../app/components/serverErrors";
import { t } from "../../app/i18n";
import { systemKeys } from "./systemApi";

const s = (key: string, params?: Record<string, string | number>) => t(`system.settings.${key}`, params);

/**
 * 参数设置: every group of settings the signed-in administrator may change (the system administrator's platform
 * settings, the security administrator's password and session policy), with help, defaults and history.
 */
export default function SettingsPage() {
  const groups = useQuery({
    queryKey: systemKeys.settings,
    queryFn: () => api.get<SettingGroupView[]>("/api/system/settings"),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {groups.data?.length === 0 && <Card>{s("none")}</Card>}
      {(groups.data ?? []).map((g) => (
        <SettingGroupCard key={g.key} group={g} />
      ))}
    </Space>
  );
}

function fieldInput(f: SettingFieldView) {
  if (f.type === "boolean") return <Switch />;
  if (f.type === "number")
    return <InputNumber min={f.min ?? undefined} max={f.max ?? undefined} addonAfter={f.unit ?? undefined} />;
  return <Input />;
}

function SettingGroupCard({ group }: { group: SettingGroupView }) {
  const [form] = Form.useForm();
  const [history, setHistory] = useState(false);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.put(`/api/system/settings/${group.key}`, v),
    onSuccess: async () => {
      message.success(s("saved"));
      await qc.invalidateQueries({ queryKey: systemKeys.settings });
      await qc.invalidateQueries({ queryKey: ["history"] });
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e);
      if (rest) message.error(rest);
    },
  });
  const initial = Object.fromEntries(group.fields.map((f) => [f.name, f.value]));
  return (
    <Card
      title={group.name}
      data-testid={`settings-${group.key}`}
      extra={
        <Button type="link" onClick={() => setHistory(true)}>
          {t("common.history")}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        key={JSON.stringify(initial)}
      >
        {group.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            valuePropName={f.type === "boolean" ? "checked" : "value"}
            extra={`${f.help}${s("default", { value: `${f.default}${f.unit ?? ""}` })}`}
            rules={[{ required: f.type !== "boolean" }]}
          >
            {fieldInput(f)}
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t("common.save")}
        </Button>
      </Form>
      <Drawer
        open={history}
        title={`${group.name} · ${t("common.history")}`}
        onClose={() => setHistory(false)}
        size="large"
      >
        {history && <AuditPanel url={`/api/system/settings/${group.key}/history`} />}
      </Drawer>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {s("effect")}
      </Typography.Paragraph>
    </Card>
  );
}
