import { ApartmentOutlined, EnvironmentOutlined, UserOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { api } from "../api";
import { useAuth } from "../auth";
import { t } from "../i18n";
import { HomeTodos } from "./HomeTodos";

type Overview = { regions: number; orgs: number | null; users: number | null };

/** What exists now within the user's scope, and the scope itself in plain words. */
export default function HomePage() {
  const { me } = useAuth();
  const { data, isLoading, error } = useQuery({
    queryKey: ["overview"],
    queryFn: () => api.get<Overview>("/api/overview"),
  });
  if (!me) return null;
  const expires = me.passwordExpiresAt ? dayjs(me.passwordExpiresAt) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("home.welcome", { name: me.user.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t("home.org")}>{me.user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t("home.roles")}>
            {me.roles.map((r) => (
              <Tag key={r.id}>{r.name}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t("home.scope")}>
            <Typography.Text strong data-testid="scope-label">
              {me.dataScope.label}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        {expires && expires.diff(dayjs(), "day") < 14 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t("home.passwordExpires", { date: expires.format("YYYY年M月D日") })}
          />
        )}
      </Card>
      {error ? (
        <Alert type="error" showIcon title={(error as Error).message} />
      ) : isLoading || !data ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={`${t("home.regions")}（${t("home.inScope")}）`}
                value={data.regions}
                prefix={<EnvironmentOutlined />}
              />
            </Card>
          </Col>
          {data.orgs !== null && (
            <Col xs={24} md={8}>
              <Card>
                <Statistic
                  title={`${t("home.orgs")}（${t("home.inScope")}）`}
                  value={data.orgs}
                  prefix={<ApartmentOutlined />}
                />
              </Card>
            </Col>
          )}
          {data.users !== null && (
            <Col xs={24} md={8}>
              <Card>
                <Statistic
                  title={`${t("home.users")}（${t("home.inScope")}）`}
                  value={data.users}
                  prefix={<UserOutlined />}
                />
              </Card>
            </Col>
          )}
        </Row>
      )}
      <HomeTodos />
    </Space>
  );
}
