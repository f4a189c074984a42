import { Alert, Button, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { api } from "../api";
import { t } from "../i18n";
import { applyServerErrors } from "./serverErrors";

/** TOTP enrolment: get a secret (shown as a QR code and as text), confirm it with a code from the app. */
export function TotpEnrol({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm();
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    try {
      const s = await api.post<{ secret: string; otpauthUrl: string }>("/api/auth/totp/setup");
      const QRCode = await import("qrcode");
      setSetup({ secret: s.secret, qr: await QRCode.toDataURL(s.otpauthUrl, { width: 200, margin: 1 }) });
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <div>
      <Typography.Paragraph type="secondary">{t("auth.enrolReason")}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!setup ? (
        <Button type="primary" onClick={start} block>
          {t("auth.enrolStart")}
        </Button>
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }} align="center">
          <img src={setup.qr} alt={t("auth.enrolTitle")} width={200} height={200} />
          <Typography.Text copyable={{ text: setup.secret }} data-testid="totp-secret">
            {t("auth.secret")}：{setup.secret}
          </Typography.Text>
          <Form
            form={form}
            layout="vertical"
            style={{ width: "100%" }}
            onFinish={async (v) => {
              setError(null);
              try {
                await api.post("/api/auth/totp/enable", { totp: v.totp });
                onDone();
              } catch (e) {
                setError(applyServerErrors(form, e));
              }
            }}
          >
            <Form.Item
              name="totp"
              label={t("auth.totp")}
              rules={[{ required: true, message: t("common.required", { field: t("auth.totp") }) }]}
            >
              <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t("common.confirm")}
            </Button>
          </Form>
        </Space>
      )}
    </div>
  );
}
