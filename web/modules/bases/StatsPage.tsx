import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, DatePicker, InputNumber, Row, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import type { StatsView } from "../../../contracts/bases";
import { api, download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { BulkBar } from "../../app/components/BulkBar";
import { useStats } from "./basesApi";
import { REPORT_STATUS_LABELS, STATUS_COLORS } from "./labels";
import { basesZh as z } from "./zh-CN";

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

function Bars({ lines }: { lines: StatsView["byMonth"] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption({
      tooltip: {},
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      xAxis: {
        type: "category",
        data: lines.map((l) => l.label),
        axisLabel: { interval: 0, rotate: lines.length > 6 ? 30 : 0 },
      },
      yAxis: { type: "value" },
      series: [
        { type: "bar", name: z.stats.visitors, data: lines.map((l) => l.visitors), itemStyle: { color: "#c0392b" } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [lines]);
  return <div ref={box} style={{ height: 260 }} />;
}

const lineColumns = (title: string) => [
  { title, dataIndex: "label" },
  { title: z.stats.visitors, dataIndex: "visitors", align: "right" as const },
  { title: z.stats.bases, dataIndex: "bases", align: "right" as const },
];

/** 参观统计: visitors of accepted monthly reports in the caller's scope, and a month's reports (late, missing). */
export default function StatsPage() {
  const { can } = useAuth();
  const [year, setYear] = useState(dayjs().year());
  const [month, setMonth] = useState(dayjs().subtract(1, "month"));
  const { data } = useStats(year);
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const mayAccept = can("base:supervise");
  const overview = useQuery({
    queryKey: ["bases.overview", month.format("YYYY-MM")],
    queryFn: () =>
      api.get<
        {
          baseId: string;
          baseName: string;
          regionName: string;
          missing: boolean;
          late: boolean;
          report: { total: number; status: keyof typeof REPORT_STATUS_LABELS } | null;
        }[]
      >("/api/bases/reports", { month: month.format("YYYY-MM") }),
  });
  const s = z.stats;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card
        title={`${s.total}：${data?.total ?? "—"}`}
        extra={
          <Space>
            {s.year}
            <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
            {can("base:export") && (
              <Button onClick={() => download("/api/bases/stats/export", { year })}>{s.export}</Button>
            )}
          </Space>
        }
      >
        <Bars lines={data?.byMonth ?? []} />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={data?.byRegion ?? []}
              columns={lineColumns(s.byRegion)}
            />
          </Col>
          <Col xs={24} md={8}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={data?.byLevel ?? []}
              columns={lineColumns(s.byLevel)}
            />
          </Col>
          <Col xs={24} md={8}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={data?.byKind ?? []}
              columns={lineColumns(s.byKind)}
            />
          </Col>
        </Row>
      </Card>
      <Card
        title={z.menu.reports}
        extra={
          <DatePicker
            picker="month"
            value={month}
            onChange={(v) => {
              if (!v) return;
              setMonth(v);
              setSelected([]);
            }}
          />
        }
      >
        {mayAccept && (
          <BulkBar
            selected={selected}
            onClear={() => setSelected([])}
            onDone={() => {
              setSelected([]);
              void qc.invalidateQueries({ queryKey: ["bases.overview"] });
              void qc.invalidateQueries({ queryKey: ["bases.stats"] });
            }}
            actions={[
              {
                key: "accept",
                label: z.reports.bulkAccept,
                url: "/api/bases/reports/bulk/accept",
                extra: { month: month.format("YYYY-MM") },
              },
            ]}
          />
        )}
        <Table
          size="small"
          rowKey="baseId"
          rowSelection={
            mayAccept
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  // Only reports the base has confirmed wait for the department.
                  getCheckboxProps: (r) => ({ disabled: r.report?.status !== "confirmed", name: r.baseName }),
                }
              : undefined
          }
          dataSource={overview.data ?? []}
          scroll={{ x: "max-content" }}
          columns={[
            { title: z.fields.name, render: (_, r) => <Link to={`/bases/${r.baseId}`}>{r.baseName}</Link> },
            { title: z.fields.region, dataIndex: "regionName" },
            { title: z.reports.total, render: (_, r) => r.report?.total ?? "—" },
            {
              title: z.reports.status,
              render: (_, r) => (
                <>
                  {r.report ? (
                    <Tag color={STATUS_COLORS[r.report.status]}>{REPORT_STATUS_LABELS[r.report.status]}</Tag>
                  ) : (
                    <Tag>{z.reports.missing}</Tag>
                  )}
                  {r.late && <Tag color="red">{z.reports.late}</Tag>}
                </>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
