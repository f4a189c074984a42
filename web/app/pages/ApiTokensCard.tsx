import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { type ApiToken, PERMISSIONS, type Permission } from "../../../contracts/identity";
import { api } from "../api";
import { applyServerErrors } from "../components/serverErrors";
import { formatTime } from "../format";
import { t } from "../i18n";

type TokenForm = {
  name: string;
  expiresInDays: number;
  scope: "all" | "some";
  permissions?: Permission[];
  readOnly: boolean;
};

const label = (p: string) => PERMISSIONS[p as Permission]?.label ?? p;

/** 个人设置 → API 令牌: create (lifetime within the security policy, optionally limited and read-only), list, revoke. */
export function ApiTokensCard({ myPermissions }: { myPermissions: string[] }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<TokenForm>();
  const [created, setCreated] = useState<string | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api.get<ApiToken[]>("/api/auth/tokens") });
  const options = useQuery({
    queryKey: ["token-options"],
    queryFn: () => api.get<{ maxDays: number; defaultDays: number }>("/api/auth/tokens/options"),
  });
  const scope = Form.useWatch("scope", form);
  const maxDays = options.data?.maxDays ?? 365;
  if (!options.data) return <Card title={t("auth.tokens")} loading />;

  const onFinish = async ({ scope: s, permissions, ...rest }: TokenForm) => {
    setTokenError(null);
    try {
      const body = { ...rest, permissions: s === "some" ? permissions : null };
      const res = await api.post<ApiToken & { token: string }>("/api/auth/tokens", body);
      setCreated(res.token);
      form.resetFields();
      qc.invalidateQueries({ queryKey: ["tokens"] });
    } catch (e) {
      setTokenError(applyServerErrors(form, e));
    }
  };

  return (
    <Card title={t("auth.tokens")}>
      <Typography.Paragraph type="secondary">{t("auth.tokenIntro", { max: maxDays })}</Typography.Paragraph>
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
      <Form<TokenForm>
        form={form}
        layout="vertical"
        initialValues={{ name: "", expiresInDays: options.data.defaultDays, scope: "all", readOnly: false }}
        style={{ marginBottom: 16, maxWidth: 720 }}
        onFinish={onFinish}
      >
        <Space wrap align="start" size="large">
          <Form.Item
            name="name"
            label={t("auth.tokenName")}
            rules={[{ required: true, message: t("common.required", { field: t("auth.tokenName") }) }]}
          >
            <Input maxLength={50} style={{ width: 240 }} data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t("auth.tokenDays")} extra={t("auth.tokenDaysMax", { max: maxDays })}>
            <InputNumber min={1} max={maxDays} precision={0} data-testid="token-days" />
          </Form.Item>
          <Form.Item name="readOnly" label={t("auth.tokenAccess")} valuePropName="checked">
            <Checkbox data-testid="token-readonly">{t("auth.tokenReadOnly")}</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="scope" label={t("auth.tokenScope")}>
          <Radio.Group
            options={[
              { value: "all", label: t("auth.tokenScopeAll") },
              { value: "some", label: t("auth.tokenScopeSome") },
            ]}
          />
        </Form.Item>
        {scope === "some" && (
          <Form.Item
            name="permissions"
            rules={[{ required: true, message: t("auth.tokenPermissionsRequired") }]}
            extra={t("auth.tokenPermissionsHint")}
          >
            <Select
              mode="multiple"
              allowClear
              data-testid="token-permissions"
              placeholder={t("auth.tokenPermissionsPlaceholder")}
              optionFilterProp="label"
              options={myPermissions.map((p) => ({ value: p, label: label(p) }))}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" data-testid="token-create">
          {t("common.create")}
        </Button>
      </Form>
      <Table<ApiToken>
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
          {
            title: t("auth.tokenScope"),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.readOnly && <Tag color="blue">{t("auth.tokenReadOnly")}</Tag>}
                {r.permissions ? (
                  <Tooltip title={r.permissions.map(label).join("、")}>
                    <Tag>{t("auth.tokenPermissionCount", { n: r.permissions.length })}</Tag>
                  </Tooltip>
                ) : (
                  <Tag>{t("auth.tokenScopeAll")}</Tag>
                )}
              </Space>
            ),
          },
          { title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime },
          { title: t("auth.tokenExpires"), dataIndex: "expiresAt", render: formatTime },
          { title: t("auth.tokenLastUsed"), dataIndex: "lastUsedAt", render: formatTime },
          {
            title: t("common.actions"),
            render: (_, r) => (
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
  );
}
