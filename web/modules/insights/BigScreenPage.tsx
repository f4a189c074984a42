import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { DashboardKey, DashboardView } from "../../../contracts/insights";
import { EChart, trendOption } from "./dashboard/Chart";
import { GeoMap } from "./dashboard/GeoMap";
import { TileMap } from "./dashboard/TileMap";
import { FIGURE_SHORT, fmt, useDashboard } from "./dashboardApi";

const W = 1920;
const H = 1080;
const BG = "#04122b";
const PANEL: React.CSSProperties = {
  background: "rgba(16, 52, 104, 0.55)",
  border: "1px solid rgba(90, 160, 255, 0.35)",
  borderRadius: 8,
  padding: 24,
  boxSizing: "border-box",
};
const TITLE: React.CSSProperties = { fontSize: 28, color: "#8fd3ff", margin: "0 0 16px", fontWeight: 600 };

/** The scale that fits the 1920×1080 design into the window, kept with one resize listener. */
const fitScale = () => Math.min(window.innerWidth / W, window.innerHeight / H);

function useFit(): number {
  const [scale, setScale] = useState(fitScale);
  useEffect(() => {
    const on = () => setScale(fitScale());
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return scale;
}

/** One value that moves every `ms` (a single interval, cleared on unmount). */
function useTick(ms: number): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setN((x) => (x + 1) % 1_000_000), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return n;
}

function Clock() {
  useTick(1000);
  return <span>{new Date().toLocaleString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" })}</span>;
}

type Panel = { key: string; title: string; render: (v: DashboardView) => React.ReactNode };

function TrendPanel({ view }: { view: DashboardView }) {
  const option = useMemo(() => trendOption(view.trends.months, view.trends.series, true), [view]);
  return <EChart option={option} height={820} />;
}

function RankingPanel({ view, figure }: { view: DashboardView; figure: DashboardKey }) {
  const rows = [...view.regions]
    .filter((r) => r.lower)
    .sort((a, b) => (b.values[figure] ?? -1) - (a.values[figure] ?? -1))
    .slice(0, 12);
  const max = Math.max(1, ...rows.map((r) => r.values[figure] ?? 0));
  return (
    <ol style={{ listStyle: "none", margin: 0, padding: 0 }}>
      {rows.map((r, i) => (
        <li key={r.regionCode} style={{ display: "flex", alignItems: "center", height: 64, fontSize: 26 }}>
          <span style={{ width: 56, color: i < 3 ? "#ffb74d" : "#8fd3ff", fontWeight: 700 }}>{i + 1}</span>
          <span style={{ width: 300, whiteSpace: "nowrap", overflow: "hidden" }}>{r.regionName}</span>
          <span style={{ flex: 1, height: 20, background: "rgba(255,255,255,.08)", borderRadius: 10 }}>
            <span
              style={{
                display: "block",
                height: "100%",
                width: `${((r.values[figure] ?? 0) / max) * 100}%`,
                background: "linear-gradient(90deg,#1e88e5,#4fc3f7)",
                borderRadius: 10,
              }}
            />
          </span>
          <span style={{ width: 140, textAlign: "right", fontWeight: 600 }}>{fmt(r.values[figure], figure)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * 大屏: the dashboard for a command room at 1920×1080, scaled to any window, dark, no scroll bars; the figures stay
 * on the left while the right panel rotates (trends, map, ranking) every `rotate` seconds (default 15), and the
 * data refreshes each minute in place. Nothing accumulates: one interval per timer, the charts reuse their
 * instance, the query keeps only its latest answer.
 */
export default function BigScreenPage() {
  const [params] = useSearchParams();
  const regionCode = params.get("regionCode") ?? undefined;
  const rotate = Math.max(5, Number(params.get("rotate")) || 15) * 1000;
  const q = useDashboard(regionCode, { refetchInterval: 60_000 });
  const scale = useFit();
  const tick = useTick(rotate);
  useEffect(() => {
    const html = document.documentElement.style.overflow;
    const body = document.body.style.overflow;
    document.documentElement.style.overflow = "hidden";
    document.body.style.overflow = "hidden";
    return () => {
      document.documentElement.style.overflow = html;
      document.body.style.overflow = body;
    };
  }, []);

  const view = q.data;
  const keys = view?.regionKeys ?? [];
  const panels: Panel[] = [];
  if (view?.trends.series.length)
    panels.push({ key: "trend", title: "近12个月趋势", render: (v) => <TrendPanel view={v} /> });
  for (const k of keys.slice(0, 3))
    panels.push({
      key: `map-${k}`,
      title: `下级区划${FIGURE_SHORT[k]}分布`,
      render: (v) =>
        v.map ? (
          <GeoMap map={v.map} regions={v.regions} figure={k} dark height={800} />
        ) : (
          <TileMap regions={v.regions} figure={k} dark big />
        ),
    });
  if (keys[0])
    panels.push({
      key: "ranking",
      title: `下级区划排名（${FIGURE_SHORT[keys[0]]}）`,
      render: (v) => <RankingPanel view={v} figure={keys[0]} />,
    });
  const panel = panels.length ? panels[tick % panels.length] : null;

  return (
    <div
      data-testid="bigscreen"
      style={{ position: "fixed", inset: 0, zIndex: 2000, background: BG, overflow: "hidden", color: "#e8f1ff" }}
    >
      <div
        style={{
          position: "absolute",
          left: (window.innerWidth - W * scale) / 2,
          top: (window.innerHeight - H * scale) / 2,
          width: W,
          height: H,
          transform: `scale(${scale})`,
          transformOrigin: "0 0",
          display: "flex",
          flexDirection: "column",
          padding: 32,
          boxSizing: "border-box",
          fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif",
        }}
      >
        <header style={{ display: "flex", alignItems: "baseline", marginBottom: 24 }}>
          <h1 style={{ margin: 0, fontSize: 44, color: "#fff", letterSpacing: 4 }}>
            {view?.regionName ?? ""}民族团结进步创建驾驶舱
          </h1>
          <span style={{ flex: 1 }} />
          <span style={{ fontSize: 24, color: "#8fd3ff", marginRight: 32 }}>
            <Clock />
          </span>
          <Link
            to={`/insights/dashboard${regionCode ? `?regionCode=${regionCode}` : ""}`}
            style={{ color: "#8fd3ff", fontSize: 20 }}
          >
            退出大屏
          </Link>
        </header>
        {q.error && !view && <p style={{ fontSize: 28 }}>数据加载失败：{(q.error as Error).message}</p>}
        {view && (
          <div style={{ flex: 1, display: "flex", gap: 24, minHeight: 0 }}>
            <section style={{ ...PANEL, width: 720, display: "flex", flexDirection: "column" }}>
              <h2 style={TITLE}>主要指标</h2>
              <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16 }}>
                {view.figures.map((f) => (
                  <div key={f.key} data-testid={`big-${f.key}`} style={{ ...PANEL, padding: "14px 18px" }}>
                    <div style={{ fontSize: 22, color: "#8fd3ff" }}>{f.label}</div>
                    <div style={{ fontSize: 44, fontWeight: 700, color: "#fff" }}>
                      {f.value === null ? "—" : f.value}
                      <span style={{ fontSize: 20, marginLeft: 6, color: "#8fd3ff" }}>{f.unit}</span>
                      {f.target !== null && (
                        <span style={{ fontSize: 20, marginLeft: 12, color: "#ffb74d" }}>目标 {f.target}</span>
                      )}
                    </div>
                  </div>
                ))}
              </div>
              {view.risk.length > 0 && (
                <div style={{ display: "flex", gap: 16, marginTop: 16 }}>
                  {view.risk.map((r) => (
                    <div key={r.key} style={{ ...PANEL, flex: 1, padding: "10px 16px", fontSize: 22 }}>
                      {r.label}风险在办
                      <div style={{ fontSize: 36, fontWeight: 700, color: r.key === "major" ? "#ef5350" : "#fff" }}>
                        {r.value}
                      </div>
                    </div>
                  ))}
                </div>
              )}
            </section>
            <section style={{ ...PANEL, flex: 1, minWidth: 0, overflow: "hidden" }} data-testid="big-panel">
              {panel && (
                <>
                  <h2 style={TITLE} data-testid="big-panel-title">
                    {panel.title}
                  </h2>
                  <div key={panel.key}>{panel.render(view)}</div>
                </>
              )}
              <div style={{ position: "absolute", bottom: 40, right: 56, display: "flex", gap: 8 }}>
                {panels.map((p) => (
                  <span
                    key={p.key}
                    style={{
                      width: 14,
                      height: 14,
                      borderRadius: 7,
                      background: p.key === panel?.key ? "#4fc3f7" : "rgba(255,255,255,.25)",
                    }}
                  />
                ))}
              </div>
            </section>
          </div>
        )}
      </div>
    </div>
  );
}
