import { ReloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Button, Form, Input, Space, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api";
import { t } from "../i18n";

type Captcha = { id: string; image?: string; question?: string };

/**
 * The login captcha, shown once the server asks for one: a picture of 5 digits, or for screen-reader users a
 * sum written out in words. Sets the form's hidden `captchaId`; the answer goes in `captcha`. `nonce` changes
 * after every attempt, since a captcha is used once.
 */
export function CaptchaField({ nonce }: { nonce: number }) {
  const form = Form.useFormInstance();
  const [mode, setMode] = useState<"image" | "text">("image");
  const [captcha, setCaptcha] = useState<Captcha | null>(null);

  const load = useCallback(
    async (m: "image" | "text") => {
      setCaptcha(null);
      const c = await api.get<Captcha>(`/api/auth/captcha?mode=${m}`);
      setCaptcha(c);
      form.setFieldsValue({ captchaId: c.id, captcha: "" });
    },
    [form],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new captcha after every attempt (nonce)
  useEffect(() => {
    void load(mode);
  }, [mode, nonce, load]);

  return (
    <>
      <Form.Item name="captchaId" hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name="captcha"
        label={t("auth.captcha")}
        extra={mode === "image" ? t("auth.captchaImageHint") : undefined}
        rules={[{ required: true, message: t("common.required", { field: t("auth.captcha") }) }]}
      >
        <Input prefix={<SafetyCertificateOutlined />} inputMode="numeric" autoComplete="off" maxLength={8} />
      </Form.Item>
      <div style={{ marginTop: -8, marginBottom: 16 }} data-testid="captcha">
        {!captcha ? (
          <Typography.Text type="secondary">{t("auth.captchaLoading")}</Typography.Text>
        ) : captcha.image ? (
          <img
            src={captcha.image}
            alt={t("auth.captchaImageAlt")}
            width={150}
            height={50}
            style={{ border: "1px solid #d9d9d9" }}
          />
        ) : (
          <Typography.Text strong data-testid="captcha-question">
            {captcha.question}
          </Typography.Text>
        )}
        <Space wrap size={4} style={{ display: "flex" }}>
          <Button type="link" size="small" icon={<ReloadOutlined />} onClick={() => void load(mode)}>
            {t("auth.captchaRefresh")}
          </Button>
          <Button type="link" size="small" onClick={() => setMode(mode === "image" ? "text" : "image")}>
            {mode === "image" ? t("auth.captchaUseText") : t("auth.captchaUseImage")}
          </Button>
        </Space>
      </div>
    </>
  );
}
