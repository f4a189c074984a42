import { Card, Col, Empty, Row, Typography } from "antd";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import { Link, useNavigate } from "react-router";
import type { HomeFigure } from "../../../contracts/insights";
import { t } from "../i18n";

// Only the charts and components the home page draws: keeps echarts' part of the bundle small.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

const DONE = /^已(提交|完成)/;
const COLORS = ["#c0392b", "#d35400", "#2471a3", "#1e8449", "#7d3c98", "#b7950b", "#5d6d7e"];

/**
 * An echarts instance in a div: drawn with the option, resized with its box, disposed on unmount. (echarts-for-react
 * imports tslib without declaring it, so the build cannot resolve it; this is the little of it the page needs.)
 */
function EChart({
  option,
  height,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  onClick: (name: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "canvas" });
    chart.on("click", (p) => click.current(String(p.name)));
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
  return <div ref={box} style={{ height, marginTop: 8 }} />;
}

function option(f: HomeFigure): echarts.EChartsCoreOption {
  const data = f.items.map((i) => ({ name: i.label, value: i.value }));
  if (f.chart === "pie") {
    // What is done is green, whatever else the figure holds.
    const slices = data.map((d, n) => ({ ...d, itemStyle: { color: DONE.test(d.name) ? "#1e8449" : COLORS[n] } }));
    return {
      color: COLORS,
      tooltip: { trigger: "item", formatter: `{b}：{c} ${f.unit}（{d}%）` },
      series: [{ type: "pie", radius: ["40%", "70%"], data: slices, label: { formatter: `{b}\n{c} ${f.unit}` } }],
    };
  }
  // Horizontal bars: long Chinese names (chapters, units, regions) read on the axis.
  const labels = [...data].reverse();
  return {
    color: [f.key === "overdue" ? "#c0392b" : "#2471a3"],
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number) => `${v} ${f.unit}` },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", max: f.unit === "%" ? 100 : undefined, minInterval: 1 },
    yAxis: {
      type: "category",
      data: labels.map((d) => d.name),
      axisLabel: { width: 140, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        data: labels.map((d) => d.value),
        barMaxWidth: 22,
        label: { show: true, position: "right", formatter: `{c}${f.unit === "%" ? "%" : ""}` },
      },
    ],
  };
}

/** One figure: its chart, each bar or slice opening the list behind it. */
function FigureCard({ f }: { f: HomeFigure }) {
  const navigate = useNavigate();
  const height = f.chart === "pie" ? 240 : Math.max(160, f.items.length * 34 + 24);
  const go = (href: string | null) => href && navigate(href);
  return (
    <Card
      title={f.title}
      size="small"
      data-testid={`figure-${f.key}`}
      extra={f.href && <Link to={f.href}>{t("home.figureAll")}</Link>}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.subtitle}
      </Typography.Text>
      {f.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("home.figureEmpty")} />
      ) : (
        <>
          <EChart
            option={option(f)}
            height={height}
            onClick={(name) => go(f.items.find((i) => i.label === name)?.href ?? null)}
          />
          {/* The same figures as links, for keyboards, screen readers and tests. */}
          <div style={{ display: "flex", flexWrap: "wrap", gap: "4px 12px", fontSize: 12 }}>
            {f.items.map((i) =>
              i.href ? (
                <Link key={i.label} to={i.href} data-testid="figure-link">
                  {i.label}：{i.value}
                  {f.unit === "%" ? "%" : ` ${f.unit}`}
                </Link>
              ) : (
                <span key={i.label}>
                  {i.label}：{i.value}
                </span>
              ),
            )}
          </div>
        </>
      )}
    </Card>
  );
}

/** The home page's charts (lazy-loaded with echarts). */
export default function HomeFigures({ figures }: { figures: HomeFigure[] }) {
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => (
        <Col key={f.key} xs={24} lg={12}>
          <FigureCard f={f} />
        </Col>
      ))}
    </Row>
  );
}
