import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, DatePicker, Empty, InputNumber, List, Row, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";
import type { StatsView } from "../../../contracts/activities";
import { api, download } from "../../app/api";
import { t } from "../../app/i18n";
import { activityKeys } from "./activityApi";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type StatRow = StatsView["byType"][number];

/** Bars of one breakdown (activities), clicking a bar reports its key. */
function Bars({
  rows,
  title,
  onClick,
  height = 260,
}: {
  rows: StatRow[];
  title: string;
  onClick?: (key: string) => void;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "canvas" });
    chart.on("click", (p) => click.current?.(String((p.data as { key?: string })?.key ?? "")));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    echarts.getInstanceByDom(el)?.setOption(
      {
        color: ["#c0392b"],
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category",
          data: [...rows].reverse().map((r) => r.label),
          axisLabel: { width: 140, overflow: "truncate" },
        },
        series: [
          {
            type: "bar",
            name: "场次",
            data: [...rows].reverse().map((r) => ({ value: r.activities, key: r.key })),
            label: { show: true, position: "right" },
          },
        ],
      },
      true,
    );
  }, [rows]);
  // The canvas says nothing to a screen reader (nor to a test): its figures, in words.
  const words = `${title}：${rows.map((r) => t("activities.stats.barWords", { label: r.label, activities: r.activities, participants: r.participants })).join("；")}`;
  return rows.length ? (
    <div
      ref={box}
      style={{ height: Math.max(height, 26 * rows.length + 50) }}
      role="img"
      aria-label={words}
      data-testid="activity-stats-bars"
    />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
  );
}

function Calendar({ month, regionCode }: { month: Dayjs; regionCode?: string }) {
  const m = month.format("YYYY-MM");
  const q = useQuery({
    queryKey: [...activityKeys.stats, "calendar", m, regionCode],
    queryFn: () =>
      api.get<{ days: { date: string; items: { id: string; title: string; typeLabel: string; orgName: string }[] }[] }>(
        "/api/activity-stats/calendar",
        { month: m, regionCode },
      ),
  });
  return (
    <List
      size="small"
      loading={q.isLoading}
      dataSource={q.data?.days ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      renderItem={(d) => (
        <List.Item>
          <div>
            <Typography.Text strong>{d.date}</Typography.Text>
            {d.items.map((i) => (
              <div key={i.id}>
                {i.title}
                <Typography.Text type="secondary">
                  （{i.typeLabel} · {i.orgName}）
                </Typography.Text>
              </div>
            ))}
          </div>
        </List.Item>
      )}
    />
  );
}

/** 活动统计: counts by region (click to drill down), type, domain and month; the calendar; the 宣传月 report. */
export default function ActivityStatsPage() {
  const [year, setYear] = useState(dayjs().year());
  const [trail, setTrail] = useState<string[]>([]);
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf("month"));
  const regionCode = trail.at(-1);
  const q = useQuery({
    queryKey: [...activityKeys.stats, year, regionCode],
    queryFn: () => api.get<StatsView>("/api/activity-stats", { year, regionCode }),
  });
  const s = q.data;
  // 宣传月: what happened in September (the .docx report tells it in full).
  const september = s?.byMonth.find((r) => r.key === "9");
  const card = (title: string, rows: StatRow[] | undefined, onClick?: (k: string) => void) => (
    <Col xs={24} lg={12}>
      <Card size="small" title={title} loading={q.isLoading}>
        <Bars rows={rows ?? []} title={title} onClick={onClick} />
      </Card>
    </Col>
  );
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12}>
      <Card size="small">
        <Space wrap>
          {t("activities.stats.year")}
          <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
          {s && <Typography.Text strong>{s.regionName}</Typography.Text>}
          {trail.length > 0 && (
            <Button onClick={() => setTrail(trail.slice(0, -1))}>{t("activities.stats.back")}</Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              download("/api/activity-stats/publicity-month.docx", { year, regionCode }, "宣传月活动情况.docx")
            }
          >
            {t("activities.actions.report")}
          </Button>
        </Space>
        {s && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="activity-stats-total">
            {t("activities.stats.total", { year, ...s.total })}
          </Typography.Paragraph>
        )}
        {s && (
          <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }} data-testid="activity-stats-publicity">
            {t("activities.stats.publicityMonth", {
              activities: september?.activities ?? 0,
              participants: september?.participants ?? 0,
            })}
          </Typography.Paragraph>
        )}
      </Card>
      <Row gutter={[12, 12]}>
        {card(
          t("activities.stats.byRegion"),
          // Records placed at the chosen region itself (a 旗's own activities) are its 本级, not a child region.
          s?.byRegion.map((r) =>
            r.key === s.regionCode ? { ...r, label: t("activities.stats.ownLevel", { name: r.label }) } : r,
          ),
          (k) => k && k !== (regionCode ?? s?.regionCode) && setTrail([...trail, k]),
        )}
        {card(t("activities.stats.byType"), s?.byType)}
        {card(t("activities.stats.byDomain"), s?.byDomain)}
        {card(t("activities.stats.byMonth"), s?.byMonth)}
      </Row>
      <Card
        size="small"
        title={t("activities.stats.calendar")}
        extra={<DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />}
      >
        <Calendar month={month} regionCode={regionCode} />
      </Card>
    </Space>
  );
}
