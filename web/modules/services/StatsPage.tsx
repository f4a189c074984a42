import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table } from "antd";
import type { Dayjs } from "dayjs";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";
import type { StatsView } from "../../../contracts/services";
import { download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { useServiceStats } from "./servicesApi";

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Group = StatsView["byMonth"][number];

/** One echarts figure (bars of totals and on-time answers, or the satisfaction pie). */
function Figure({ option }: { option: echarts.EChartsCoreOption }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} style={{ height: 260 }} />;
}

const bars = (groups: Group[]): echarts.EChartsCoreOption => ({
  tooltip: { trigger: "axis" },
  legend: { bottom: 0 },
  grid: { left: 40, right: 16, top: 16, bottom: 64 },
  xAxis: { type: "category", data: groups.map((g) => g.label), axisLabel: { rotate: groups.length > 6 ? 30 : 0 } },
  yAxis: { type: "value" },
  series: [
    { type: "bar", name: "申请数", data: groups.map((g) => g.total), itemStyle: { color: "#c0392b" } },
    { type: "bar", name: "按期办结", data: groups.map((g) => g.onTime), itemStyle: { color: "#27ae60" } },
  ],
});

const groupColumns = (title: string) => [
  { title, dataIndex: "label" },
  {
    title: "申请数",
    dataIndex: "total",
    align: "right" as const,
    render: (v: number | null, g: Group) => (g.suppressed ? "不足 5 件" : v),
  },
  { title: "办结", dataIndex: "closed", align: "right" as const, render: (v: number | null) => v ?? "—" },
  { title: "超期未办", dataIndex: "overdueOpen", align: "right" as const, render: (v: number | null) => v ?? "—" },
  {
    title: "按期办结率",
    dataIndex: "onTimeRate",
    align: "right" as const,
    render: (v: number | null) => (v === null ? "—" : `${v}%`),
  },
];

function GroupTable({ title, rows }: { title: string; rows: Group[] }) {
  return (
    <Table<Group>
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 420 }}
      dataSource={rows}
      columns={groupColumns(title)}
    />
  );
}

/** 服务统计: on-time rate = 按期办结 ÷ (办结 + 超期未办); by category, channel, region (small groups hidden), month, department. */
export default function StatsPage() {
  const { can } = useAuth();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const q = {
    from: range?.[0]?.format("YYYY-MM-DD"),
    to: range?.[1]?.format("YYYY-MM-DD"),
  };
  const { data: s } = useServiceStats(q);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card
        title="服务统计"
        extra={
          <Space wrap>
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
            {can("service:export") && (
              <>
                <Button
                  type="primary"
                  onClick={() => download("/api/services/stats/export", { from: q.from, to: q.to }, "服务台统计.xlsx")}
                >
                  导出统计
                </Button>
                <Button
                  onClick={() =>
                    download("/api/services/requests/export", { createdFrom: q.from, createdTo: q.to }, "服务申请.xlsx")
                  }
                >
                  导出明细（脱敏）
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}>
            <Statistic title="申请总数" value={s?.total ?? "—"} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="已办结" value={s?.closed ?? "—"} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="超期未办" value={s?.openOverdue ?? "—"} valueStyle={{ color: "#cf1322" }} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="按期办结率" value={s?.onTimeRate ?? "—"} suffix={s?.onTimeRate == null ? "" : "%"} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="平均接收用时（小时）" value={s?.avgAcceptHours ?? "—"} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="平均答复用时（天）" value={s?.avgAnswerDays ?? "—"} />
          </Col>
        </Row>
      </Card>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={16}>
            <Card title="按月">
              <Figure option={bars(s.byMonth)} />
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card title={`满意度（部分解决 ${s.partlySolved} 件）`}>
              <Figure
                option={{
                  tooltip: {},
                  legend: { bottom: 0 },
                  series: [
                    {
                      type: "pie",
                      radius: ["35%", "65%"],
                      data: s.satisfaction.map((x) => ({ name: x.label, value: x.count })),
                    },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title="按类别">
              <GroupTable title="类别" rows={s.byCategory} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title="按承办部门">
              <GroupTable title="部门" rows={s.byDepartment} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title="按地区">
              <GroupTable title="地区" rows={s.byRegion} />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title="按渠道">
              <GroupTable title="渠道" rows={s.byChannel} />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
