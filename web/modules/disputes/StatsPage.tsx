import { Button, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";
import type { CaseStats } from "../../../contracts/disputes";
import { download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useStats } from "./disputesApi";

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

type StatRow = CaseStats["byCategory"][number];

/** An echarts instance in a div: drawn with the option, resized with its box, disposed on unmount. */
function Chart({ option, empty }: { option: echarts.EChartsCoreOption; empty: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "canvas" });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    const el = box.current;
    if (el) echarts.getInstanceByDom(el)?.setOption(option, true);
  }, [option]);
  return (
    <>
      <div ref={box} style={{ height: 260, display: empty ? "none" : "block" }} />
      {empty && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />}
    </>
  );
}

const bars = (rows: StatRow[], horizontal: boolean): echarts.EChartsCoreOption => {
  const cat = { type: "category", data: rows.map((r) => r.label), axisLabel: { width: 120, overflow: "truncate" } };
  const val = { type: "value", minInterval: 1 };
  return {
    color: ["#c0392b"],
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [
      {
        type: "bar",
        name: "件数",
        data: rows.map((r) => r.count),
        label: { show: true, position: horizontal ? "right" : "top" },
      },
    ],
  };
};
const pie = (rows: StatRow[]): echarts.EChartsCoreOption => ({
  color: ["#8c8c8c", "#fa8c16", "#cf1322"],
  tooltip: { trigger: "item", formatter: "{b}：{c} 件（{d}%）" },
  series: [
    {
      type: "pie",
      radius: ["40%", "70%"],
      data: rows.map((r) => ({ name: r.label, value: r.count })),
      label: { formatter: "{b} {c}" },
    },
  ],
});

/** The quarters offered for the 季报: the current one and the seven before it. */
function quarters(now: Dayjs) {
  const out: { value: string; label: string }[] = [];
  let y = now.year();
  let q = Math.floor(now.month() / 3) + 1;
  for (let i = 0; i < 8; i++) {
    out.push({ value: `${y}Q${q}`, label: `${y}年第${"一二三四"[q - 1]}季度` });
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** 统计分析: cases by category, risk level, region and month over a date range; exports to .xlsx and the 季报 .docx. */
export default function StatsPage() {
  const { me } = useAuth();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf("year"), dayjs()]);
  const qs = quarters(dayjs());
  const [quarter, setQuarter] = useState(qs[0].value);
  const q = { from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") };
  const stats = useStats(q);
  const s = stats.data;
  const mayExport = me?.permissions.includes("disputes:export");
  const card = (title: string, option: echarts.EChartsCoreOption, rows: StatRow[] | undefined) => (
    <Col xs={24} lg={12}>
      <Card size="small" title={title} loading={stats.isLoading}>
        <Chart option={option} empty={!rows?.length} />
      </Card>
    </Col>
  );
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12}>
      <Card size="small">
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
          {mayExport && (
            <Button onClick={() => download("/api/disputes/cases/export", q, "矛盾纠纷.xlsx")}>导出 .xlsx</Button>
          )}
          {mayExport && (
            <>
              <Select value={quarter} onChange={setQuarter} options={qs} style={{ width: 160 }} />
              <Button
                type="primary"
                data-testid="quarterly-docx"
                onClick={() => download("/api/disputes/reports/quarterly.docx", { period: quarter }, "季报.docx")}
              >
                生成季报 .docx
              </Button>
            </>
          )}
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="矛盾纠纷总数" value={s?.total ?? 0} suffix="件" />
          </Card>
        </Col>
        {(s?.byRisk ?? []).map((r) => (
          <Col xs={12} md={6} key={r.key}>
            <Card size="small">
              <Statistic title={r.label} value={r.count} suffix="件" />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        {card("按类别", bars(s?.byCategory ?? [], true), s?.byCategory)}
        {card("按风险等级", pie(s?.byRisk ?? []), s?.byRisk)}
        {card("按地区", bars(s?.byRegion ?? [], true), s?.byRegion)}
        {card("按月份", bars(s?.byMonth ?? [], false), s?.byMonth)}
      </Row>
    </Space>
  );
}
