import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Popconfirm, Row, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../api";
import { useAuth } from "../auth";
import { PasswordChangeForm } from "../components/PasswordChangeForm";
import { applyServerErrors } from "../components/serverErrors";
import { TotpEnrol } from "../components/TotpEnrol";
import { formatTime } from "../format";
import { t } from "../i18n";

type Token = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

/** 个人设置: change password, bind TOTP, personal API tokens. */
export default function ProfilePage() {
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [created, setCreated] = useState<string | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api.get<Token[]>("/api/auth/tokens") });
  if (!me) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t("auth.changePasswordTitle")}>
          <PasswordChangeForm onDone={() => message.success(t("auth.passwordChanged"))} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={t("auth.enrolTitle")}
          extra={
            me.user.totpEnabled ? (
              <Tag color="green">{t("auth.totpEnabled")}</Tag>
            ) : (
              <Tag>{t("auth.totpNotEnabled")}</Tag>
            )
          }
        >
          <TotpEnrol
            onDone={() => {
              message.success(t("auth.enrolDone"));
              refresh();
            }}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t("auth.tokens")}>
          {created && (
            <Alert
              type="success"
              showIcon
              closable
              onClose={() => setCreated(null)}
              style={{ marginBottom: 16 }}
              title={
                <span>
                  {t("auth.tokenCreated")}{" "}
                  <Typography.Text code copyable>
                    {created}
                  </Typography.Text>
                </span>
              }
            />
          )}
          {tokenError && <Alert type="error" showIcon title={tokenError} style={{ marginBottom: 16 }} />}
          <Form
            form={form}
            layout="inline"
            initialValues={{ name: "", expiresInDays: 90 }}
            style={{ marginBottom: 16 }}
            onFinish={async (v) => {
              setTokenError(null);
              try {
                const res = await api.post<Token & { token: string }>("/api/auth/tokens", v);
                setCreated(res.token);
                form.resetFields();
                qc.invalidateQueries({ queryKey: ["tokens"] });
              } catch (e) {
                setTokenError(applyServerErrors(form, e));
              }
            }}
          >
            <Form.Item
              name="name"
              label={t("auth.tokenName")}
              rules={[{ required: true, message: t("common.required", { field: t("auth.tokenName") }) }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t("auth.tokenDays")}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t("common.create")}
            </Button>
          </Form>
          <Table
            rowKey="id"
            size="small"
            loading={tokens.isLoading}
            dataSource={tokens.data ?? []}
            pagination={false}
            columns={[
              { title: t("auth.tokenName"), dataIndex: "name" },
              {
                title: t("auth.tokenPrefix"),
                dataIndex: "prefix",
                render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
              },
              { title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime },
              { title: t("auth.tokenExpires"), dataIndex: "expiresAt", render: formatTime },
              { title: t("auth.tokenLastUsed"), dataIndex: "lastUsedAt", render: formatTime },
              {
                title: t("common.actions"),
                render: (_, r: Token) => (
                  <Popconfirm
                    title={t("auth.revokeConfirm")}
                    onConfirm={async () => {
                      await api.delete(`/api/auth/tokens/${r.id}`);
                      qc.invalidateQueries({ queryKey: ["tokens"] });
                    }}
                  >
                    <Button type="link" danger size="small">
                      {t("auth.revoke")}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
