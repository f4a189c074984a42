import { useQuery } from "@tanstack/react-query";
import { Spin, Typography } from "antd";
import { MapChart } from "echarts/charts";
import { TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { useMemo } from "react";
import type { DashboardKey, DashboardRegion, DashboardView } from "../../../../contracts/insights";
import { api } from "../../../app/api";
import { FIGURE_SHORT, fmt, isRate } from "../dashboardApi";
import { EChart } from "./Chart";
import { TileMap } from "./TileMap";

echarts.use([MapChart, VisualMapComponent, TooltipComponent]);

type Map = NonNullable<DashboardView["map"]>;

/**
 * The licensed boundaries of the lower regions (loaded by the system administrator, 地图数据), fetched when the
 * dashboard names them — never bundled — and registered with ECharts once per version (the URL carries it, so
 * a replaced file is a new name and the big screen's rotations reuse the one registration).
 */
const useGeoJson = (url: string) =>
  useQuery({
    queryKey: ["insights.map", url],
    queryFn: async () => {
      const geo = await api.get<{ type: "FeatureCollection"; features: unknown[] }>(url);
      if (!echarts.getMap(url)) echarts.registerMap(url, geo as never);
      return url;
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60 * 60_000,
  });

/**
 * The lower regions on the licensed map, shaded by the chosen figure; a lower region drills into it. The 审图号
 * and source stay under the map, as the licence asks. Until the boundaries arrive (or if they cannot be read),
 * the tile view stands in.
 */
export function GeoMap({
  map,
  regions,
  figure,
  onDrill,
  dark = false,
  height = 420,
}: {
  map: Map;
  regions: DashboardRegion[];
  figure: DashboardKey;
  onDrill?: (r: DashboardRegion) => void;
  dark?: boolean;
  height?: number;
}) {
  const geo = useGeoJson(map.url);
  const text = dark ? "#cfe3ff" : "#333";
  const option = useMemo(() => {
    const lower = regions.filter((r) => r.lower);
    const values = lower.map((r) => r.values[figure] ?? 0);
    const high = figure === "servicesOverdue" || figure === "disputesOpen";
    return {
      animation: !dark,
      tooltip: {
        trigger: "item",
        formatter: (p: { name: string; data?: { value: number | null } }) =>
          `${p.name}：${FIGURE_SHORT[figure]} ${fmt(p.data?.value ?? null, figure)}`,
      },
      visualMap: {
        min: 0,
        max: isRate(figure) ? 100 : Math.max(1, ...values),
        left: 8,
        bottom: 8,
        calculable: false,
        text: ["高", "低"],
        textStyle: { color: text, fontSize: dark ? 18 : 12 },
        inRange: { color: high ? ["#fde0dd", "#c8102e"] : dark ? ["#12305c", "#4fc3f7"] : ["#e3eef8", "#2471a3"] },
      },
      series: [
        {
          type: "map",
          map: map.url,
          // The server names each feature by the division tree, as the regions are named here.
          nameProperty: "name",
          roam: false,
          selectedMode: false,
          label: { show: true, color: dark ? "#fff" : "#222", fontSize: dark ? 18 : 11, formatter: "{b}" },
          itemStyle: { borderColor: dark ? "rgba(160,200,255,.6)" : "#fff", areaColor: dark ? "#0b2347" : "#f0f0f0" },
          emphasis: { label: { color: dark ? "#fff" : "#000" }, itemStyle: { areaColor: "#ffb74d" } },
          data: lower.map((r) => ({ name: r.regionName, value: r.values[figure] ?? null })),
        },
      ],
    };
  }, [regions, figure, map.url, dark, text]);
  const byName = useMemo(() => new globalThis.Map(regions.map((r) => [r.regionName, r])), [regions]);
  const onClick = useMemo(
    () =>
      onDrill
        ? (p: { name?: string }) => {
            const r = p.name ? byName.get(p.name) : undefined;
            if (r?.lower) onDrill(r);
          }
        : undefined,
    [onDrill, byName],
  );
  const credit = (
    <Typography.Text
      data-testid="map-approval"
      style={{ display: "block", fontSize: dark ? 18 : 12, color: dark ? "#8fb3d9" : undefined }}
      type={dark ? undefined : "secondary"}
    >
      审图号：{map.approvalNo}　来源：{map.source}
    </Typography.Text>
  );
  if (geo.isError)
    return (
      <>
        <TileMap regions={regions} figure={figure} onDrill={onDrill} dark={dark} big={dark} />
        <Typography.Text type="warning">地图数据读取失败，暂以方块图显示</Typography.Text>
      </>
    );
  if (!geo.data) return <Spin style={{ display: "block", margin: 48 }} />;
  return (
    <div data-testid="geo-map" role="img" aria-label={`下级区划${FIGURE_SHORT[figure]}分布地图`}>
      <EChart option={option} height={height} onClick={onClick} />
      {credit}
    </div>
  );
}
