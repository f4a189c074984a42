import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import type { Me } from "../../../contracts/identity";
import { ApiError, api } from "../api";
import { useAuth } from "../auth";
import { CaptchaField } from "../components/CaptchaField";
import { PasswordChangeForm } from "../components/PasswordChangeForm";
import { applyServerErrors } from "../components/serverErrors";
import { TotpEnrol } from "../components/TotpEnrol";
import { t } from "../i18n";

/** Password, then TOTP where required; then a forced password change or TOTP enrolment when the server asks. */
export default function LoginPage() {
  const { me, setMe, refresh } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [needTotp, setNeedTotp] = useState(false);
  /** Set once the server asks for a captcha; counts attempts, since each captcha is used once. */
  const [captchaNonce, setCaptchaNonce] = useState(0);
  const [error, setError] = useState<string | null>(params.get("expired") ? t("auth.sessionExpired") : null);
  const [submitting, setSubmitting] = useState(false);
  const [typedPassword, setTypedPassword] = useState("");
  const next = params.get("next") || "/";

  // A client with repeated failures is asked for a captcha from the start (the server keeps the count).
  useEffect(() => {
    api
      .get<{ captchaRequired: boolean }>("/api/auth/login-state")
      .then((s) => s.captchaRequired && setCaptchaNonce((n) => Math.max(n, 1)))
      .catch(() => undefined);
  }, []);

  if (me?.stage === "full") return <Navigate to={next} replace />;

  const submit = async (v: {
    username: string;
    password: string;
    totp?: string;
    captchaId?: string;
    captcha?: string;
  }) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await api.post<Me>("/api/auth/login", v);
      setTypedPassword(v.password);
      setMe(res);
    } catch (e) {
      if (e instanceof ApiError && (e.details?.captchaRequired || captchaNonce > 0)) setCaptchaNonce((n) => n + 1);
      if (e instanceof ApiError && e.code === "TOTP_REQUIRED") {
        setNeedTotp(true);
        setError(null);
      } else {
        setError(applyServerErrors(form, e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const stage = me?.stage;
  const title =
    stage === "change_password"
      ? t("auth.changePasswordTitle")
      : stage === "enrol_totp"
        ? t("auth.enrolTitle")
        : t("auth.title");

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "linear-gradient(135deg, #fff5f5 0%, #f5f7fa 60%)",
        padding: 16,
      }}
    >
      <Card style={{ width: 400, maxWidth: "100%" }}>
        <div style={{ textAlign: "center", marginBottom: 24 }}>
          <div style={{ fontSize: 26, fontWeight: 700, letterSpacing: 4, color: "#c8102e" }}>{t("app.name")}</div>
          <Typography.Text type="secondary">{t("app.fullName")}</Typography.Text>
        </div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {stage === "change_password" ? (
          <>
            <Alert type="warning" showIcon title={t("auth.changePasswordReason")} style={{ marginBottom: 16 }} />
            <PasswordChangeForm oldPassword={typedPassword || undefined} onDone={() => refresh()} />
          </>
        ) : stage === "enrol_totp" ? (
          <TotpEnrol
            onDone={async () => {
              await refresh();
              navigate(next, { replace: true });
            }}
          />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ username: "", password: "" }}>
            {error && (
              <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
            )}
            <Form.Item
              name="username"
              label={t("auth.username")}
              rules={[{ required: true, message: t("common.required", { field: t("auth.username") }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t("auth.password")}
              rules={[{ required: true, message: t("common.required", { field: t("auth.password") }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            {needTotp && (
              <Form.Item
                name="totp"
                label={t("auth.totp")}
                extra={t("auth.totpHint")}
                rules={[{ required: true, message: t("common.required", { field: t("auth.totp") }) }]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  maxLength={6}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  autoFocus
                />
              </Form.Item>
            )}
            {captchaNonce > 0 && !needTotp && <CaptchaField nonce={captchaNonce} />}
            <Button type="primary" htmlType="submit" loading={submitting} block size="large">
              {t("auth.submit")}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
