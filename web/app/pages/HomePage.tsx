import { ApartmentOutlined, EnvironmentOutlined, UserOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { lazy, Suspense } from "react";
import type { HomeView } from "../../../contracts/insights";
import { HomeAnnouncements } from "../../modules/notify/HomeAnnouncements";
import { api } from "../api";
import { useAuth } from "../auth";
import { t } from "../i18n";
import { HomeScoring } from "./HomeScoring";
import { HomeTodos } from "./HomeTodos";

type Overview = { regions: number; orgs: number | null; users: number | null };

// The charts (and echarts with them) load only once the home page has figures to draw.
const HomeFigures = lazy(() => import("./HomeFigures"));

/**
 * The console home page for the user's role: who they are and their scope, what they owe (to-dos with deadlines,
 * an expert's scoring tasks), the figures their role works with (each opening its list), and — for those who look
 * over a region — what exists in it.
 */
export default function HomePage() {
  const { me } = useAuth();
  const regionWide = !!me && ["region", "region_tree", "all"].includes(me.dataScope.kind);
  const overview = useQuery({
    queryKey: ["overview"],
    enabled: regionWide,
    queryFn: () => api.get<Overview>("/api/overview"),
  });
  const home = useQuery({ queryKey: ["home"], queryFn: () => api.get<HomeView>("/api/home") });
  if (!me) return null;
  const expires = me.passwordExpiresAt ? dayjs(me.passwordExpiresAt) : null;
  const data = overview.data;
  const stat = (title: string, value: number, icon: React.ReactNode) => (
    <Col xs={8}>
      <Statistic title={`${title}（${t("home.inScope")}）`} value={value} prefix={icon} />
    </Col>
  );
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
        {regionWide && data && (
          <Row gutter={[16, 16]} style={{ marginTop: 12 }} data-testid="home-counters">
            {stat(t("home.regions"), data.regions, <EnvironmentOutlined />)}
            {data.orgs !== null && stat(t("home.orgs"), data.orgs, <ApartmentOutlined />)}
            {data.users !== null && stat(t("home.users"), data.users, <UserOutlined />)}
          </Row>
        )}
        {expires && expires.diff(dayjs(), "day") < 14 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t("home.passwordExpires", { date: expires.format("YYYY年M月D日") })}
          />
        )}
      </Card>
      <HomeAnnouncements />
      <HomeScoring />
      <HomeTodos />
      {home.error ? (
        <Alert type="error" showIcon title={t("home.figuresFailed", { message: (home.error as Error).message })} />
      ) : home.isLoading || !home.data ? (
        <Skeleton active />
      ) : (
        home.data.figures.length > 0 && (
          <Suspense fallback={<Skeleton active />}>
            <HomeFigures figures={home.data.figures} />
          </Suspense>
        )
      )}
    </Space>
  );
}
