import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * An echarts instance in a div: created once, given the option on each change (replacing the last one, so
 * nothing accumulates on a screen that refreshes for days), resized with its box, disposed on unmount.
 */
export function EChart({
  option,
  height,
  onClick,
}: {
  option: echarts.EChartsCoreOption;
  height: number | string;
  /** A click on a data item (a trend's point, a map's region); one handler, replaced when it changes. */
  onClick?: (params: { name?: string; seriesIndex?: number; dataIndex?: number }) => void;
}) {
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
  useEffect(() => {
    const el = box.current;
    const chart = el ? echarts.getInstanceByDom(el) : undefined;
    if (!chart || !onClick) return;
    chart.on("click", onClick as never);
    return () => {
      chart.off("click", onClick as never);
    };
  }, [onClick]);
  return <div ref={box} style={{ height, width: "100%" }} />;
}

const COLORS = ["#c8102e", "#2471a3", "#d35400", "#1e8449"];

/** The monthly trends as lines, one per series. */
export function trendOption(
  months: string[],
  series: { label: string; values: number[] }[],
  dark = false,
): echarts.EChartsCoreOption {
  const text = dark ? "#cfe3ff" : "#333";
  return {
    color: dark ? ["#4fc3f7", "#ffb74d", "#ef5350", "#81c784"] : COLORS,
    animation: !dark,
    tooltip: { trigger: "axis" },
    legend: { top: 0, textStyle: { color: text, fontSize: dark ? 20 : 12 } },
    grid: { left: 8, right: 16, top: dark ? 48 : 32, bottom: 8, containLabel: true },
    xAxis: {
      type: "category",
      data: months.map((m) => `${Number(m.slice(5))}月`),
      axisLabel: { color: text, fontSize: dark ? 18 : 12 },
    },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: text, fontSize: dark ? 18 : 12 } },
    series: series.map((s) => ({ type: "line", name: s.label, data: s.values, smooth: false, symbolSize: 6 })),
  };
}
