import { App, Button, Card, Checkbox, Form, List, Space, Switch, Tag, Typography } from "antd";
import { useEffect } from "react";
import { NOTIFY_CHANNEL_LABELS, NOTIFY_CHANNELS, type NotifySettings } from "../../../contracts/notify";
import { ApiError } from "../../app/api";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { useNotifySettings, useSaveNotifySettings } from "./notifyApi";

/** 提醒设置: the daily digest and its channels, with the latest deliveries (what went out, or why not). */
export function NotifySettingsCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<NotifySettings>();
  const q = useNotifySettings();
  const save = useSaveNotifySettings();
  useEffect(() => {
    if (q.data) form.setFieldsValue({ digest: q.data.digest, channels: q.data.channels });
  }, [q.data, form]);

  const submit = async (v: NotifySettings) => {
    try {
      await save.mutateAsync({ digest: v.digest ?? false, channels: v.channels ?? [] });
      message.success(t("notify.settings.saved"));
    } catch (e) {
      if (e instanceof ApiError && e.fields?.length)
        form.setFields(e.fields.map((f) => ({ name: f.field as keyof NotifySettings, errors: [f.message] })));
      else message.error((e as Error).message);
    }
  };

  return (
    <Card title={t("notify.settings.title")} loading={q.isLoading} data-testid="notify-settings">
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 480 }}>
        <Form.Item
          name="digest"
          label={t("notify.settings.digest")}
          valuePropName="checked"
          extra={t("notify.settings.digestHelp")}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="channels" label={t("notify.settings.channels")} extra={t("notify.settings.adapterNote")}>
          <Checkbox.Group options={NOTIFY_CHANNELS.map((c) => ({ value: c, label: NOTIFY_CHANNEL_LABELS[c] }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t("notify.settings.save")}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("notify.settings.deliveries")}
      </Typography.Title>
      <List
        size="small"
        dataSource={q.data?.deliveries ?? []}
        locale={{ emptyText: t("notify.settings.noDeliveries") }}
        rowKey="id"
        renderItem={(d) => (
          <List.Item>
            <Space wrap>
              <span>{formatTime(d.createdAt)}</span>
              <Tag>{NOTIFY_CHANNEL_LABELS[d.channel as keyof typeof NOTIFY_CHANNEL_LABELS] ?? d.channel}</Tag>
              <span>{d.subject}</span>
              {d.status === "sent" ? (
                <Tag color="success">{t("notify.settings.sent")}</Tag>
              ) : (
                <Tag color="error">{`${t("notify.settings.failed")}：${d.error ?? ""}`}</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
