import { FullscreenOutlined } from "@ant-design/icons";
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Progress,
  Row,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { DashboardFigure, DashboardKey, DashboardRegion, DashboardView } from "../../../contracts/insights";
import { formatTime } from "../../app/format";
import { EChart, trendOption } from "./dashboard/Chart";
import { GeoMap } from "./dashboard/GeoMap";
import { TileMap } from "./dashboard/TileMap";
import { FIGURE_SHORT, fmt, isRate, useDashboard } from "./dashboardApi";

const RISK_COLOR: Record<string, string> = { major: "red", serious: "orange", general: "blue" };

function FigureCard({ f }: { f: DashboardFigure }) {
  const navigate = useNavigate();
  const open = f.href ? () => navigate(f.href as string) : undefined;
  return (
    <Card
      size="small"
      hoverable={!!open}
      onClick={open}
      data-testid={`figure-${f.key}`}
      role={open ? "link" : undefined}
      aria-label={`${f.label} ${fmt(f.value, f.key)}${isRate(f.key) ? "" : f.unit}，查看明细`}
      style={{ height: "100%", cursor: open ? "pointer" : undefined }}
    >
      <Typography.Text type="secondary">{f.label}</Typography.Text>
      <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3 }}>
        <span data-testid="figure-value">{f.value === null ? "—" : f.value}</span>
        <span style={{ fontSize: 14, fontWeight: 400, marginLeft: 4 }}>{f.unit}</span>
      </div>
      {f.target !== null && f.value !== null && (
        <Progress
          size="small"
          percent={Math.min(100, Math.round((f.value / Math.max(1, f.target)) * 100))}
          format={() => `目标 ${f.target}`}
        />
      )}
      {isRate(f.key) && f.value !== null && <Progress size="small" percent={f.value} showInfo={false} />}
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ fontSize: 12, margin: 0 }}>
        {f.note}
      </Typography.Paragraph>
    </Card>
  );
}

function Ranking({ view, drill }: { view: DashboardView; drill: (r: DashboardRegion) => void }) {
  const narrow = !Grid.useBreakpoint().md;
  const columns = [
    {
      key: "region",
      title: "区划",
      fixed: narrow ? undefined : ("left" as const),
      width: 150,
      render: (_: unknown, r: DashboardRegion) =>
        r.lower ? (
          <Typography.Link onClick={() => drill(r)}>{r.regionName}</Typography.Link>
        ) : (
          <span>{r.regionName}</span>
        ),
    },
    ...view.regionKeys.map((k: DashboardKey) => ({
      key: k,
      title: FIGURE_SHORT[k],
      width: 110,
      align: "right" as const,
      sorter: (a: DashboardRegion, b: DashboardRegion) => (a.values[k] ?? -1) - (b.values[k] ?? -1),
      render: (_: unknown, r: DashboardRegion) => {
        const href = r.hrefs[k];
        const text = fmt(r.values[k], k);
        return href ? <Link to={href}>{text}</Link> : text;
      },
    })),
  ];
  return (
    <Table<DashboardRegion>
      rowKey="regionCode"
      size="small"
      pagination={false}
      scroll={{ x: 150 + view.regionKeys.length * 110 }}
      dataSource={view.regions}
      columns={columns}
      locale={{ emptyText: "没有下级区划" }}
      showSorterTooltip={false}
      footer={() => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          点击区划名称进入下级；点击数字打开对应的记录列表。
        </Typography.Text>
      )}
    />
  );
}

/**
 * 驾驶舱: one level's figures (each opening the records behind it), open disputes by risk, monthly trends, and the
 * lower regions as a ranking and a tile map; a region's name or tile drills into it, the breadcrumb goes back up.
 */
export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const regionCode = params.get("regionCode") ?? undefined;
  // At the province (or above) the ranking may list all 旗县 instead of the 盟市.
  const allCounties = params.get("rank") === "county" && (regionCode ?? "").length <= 2;
  const q = useDashboard(regionCode, { rankLevel: allCounties ? "county" : undefined });
  const view = q.data;
  const [mapKey, setMapKey] = useState<DashboardKey | undefined>();
  const key = mapKey && view?.regionKeys.includes(mapKey) ? mapKey : view?.regionKeys[0];
  const drill = (r: { regionCode: string }) => setParams({ regionCode: r.regionCode });
  const trend = useMemo(() => (view ? trendOption(view.trends.months, view.trends.series) : null), [view]);
  const navigate = useNavigate();
  // A month's point opens the list behind it (that month, this level's region).
  const openMonth = useMemo(
    () => (p: { seriesIndex?: number; dataIndex?: number }) => {
      const href = view?.trends.series[p.seriesIndex ?? -1]?.hrefs[p.dataIndex ?? -1];
      if (href) navigate(href);
    },
    [view, navigate],
  );

  if (q.error) return <Alert type="error" showIcon message={(q.error as Error).message} />;
  if (!view) return <Spin style={{ display: "block", margin: 48 }} />;
  const crumbs = [
    ...view.path.map((p) => ({
      title: (
        <Typography.Link
          onClick={() => setParams(p.regionCode === view.path[0]?.regionCode ? {} : { regionCode: p.regionCode })}
        >
          {p.regionName}
        </Typography.Link>
      ),
    })),
    { title: <span>{view.regionName}</span> },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="dashboard">
      <Card
        size="small"
        title={
          <Space wrap>
            <span>驾驶舱</span>
            <Breadcrumb items={crumbs} />
          </Space>
        }
        extra={
          <Link to={`/insights/bigscreen${regionCode ? `?regionCode=${regionCode}` : ""}`}>
            <Button icon={<FullscreenOutlined />}>大屏</Button>
          </Link>
        }
      >
        <Typography.Text type="secondary">
          {view.year}年 · 数据截至 {formatTime(view.asOf)} · 点击任一数字查看对应记录
        </Typography.Text>
      </Card>
      {view.figures.length === 0 ? (
        <Empty description="您的账号没有可查看的统计数据" />
      ) : (
        <Row gutter={[12, 12]}>
          {view.figures.map((f) => (
            <Col key={f.key} xs={12} sm={8} lg={6} xxl={4}>
              <FigureCard f={f} />
            </Col>
          ))}
        </Row>
      )}
      <Row gutter={[12, 12]}>
        {view.risk.length > 0 && (
          <Col xs={24} lg={8}>
            <Card size="small" title="在办矛盾纠纷（按风险等级）" style={{ height: "100%" }}>
              <Space direction="vertical" style={{ width: "100%" }}>
                {view.risk.map((r) => (
                  <Link key={r.key} to={r.href ?? "#"} data-testid={`risk-${r.key}`}>
                    <Space style={{ justifyContent: "space-between", width: "100%" }}>
                      <Tag color={RISK_COLOR[r.key]}>{r.label}</Tag>
                      <span style={{ fontSize: 20, fontWeight: 600 }}>{r.value} 件</span>
                    </Space>
                  </Link>
                ))}
              </Space>
            </Card>
          </Col>
        )}
        {view.trends.series.length > 0 && trend && (
          <Col xs={24} lg={view.risk.length ? 16 : 24}>
            <Card
              size="small"
              title="近12个月趋势"
              extra={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  点击折线上的点查看当月记录
                </Typography.Text>
              }
            >
              <EChart option={trend} height={260} onClick={openMonth} />
            </Card>
          </Col>
        )}
      </Row>
      {view.regionKeys.length > 0 && view.regions.length > 0 && key && (
        <Card
          size="small"
          title={
            (view.regionCode.length <= 2 && (
              <Segmented
                size="small"
                value={allCounties ? "county" : "next"}
                onChange={(v) => {
                  const next = new URLSearchParams(params);
                  if (v === "county") next.set("rank", "county");
                  else next.delete("rank");
                  setParams(next);
                }}
                options={[
                  { value: "next", label: "下级区划" },
                  { value: "county", label: "全部旗县排名" },
                ]}
                data-testid="rank-level"
              />
            )) ||
            "下级区划"
          }
          extra={
            <Segmented
              size="small"
              value={key}
              onChange={(v) => setMapKey(v as DashboardKey)}
              options={view.regionKeys.map((k) => ({ value: k, label: FIGURE_SHORT[k] }))}
              style={{ maxWidth: "100%", overflowX: "auto" }}
            />
          }
        >
          {view.map ? (
            <GeoMap map={view.map} regions={view.regions} figure={key} onDrill={drill} />
          ) : (
            <TileMap regions={view.regions} figure={key} onDrill={drill} />
          )}
          <Ranking view={view} drill={drill} />
        </Card>
      )}
    </Space>
  );
}
