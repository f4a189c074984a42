import type { DashboardKey, DashboardRegion } from "../../../../contracts/insights";
import { FIGURE_SHORT, fmt } from "../dashboardApi";

/**
 * The lower regions as a schematic tile map (the portal's default view: the boundary data has no 审图号 in any
 * allowed package), each tile shaded by the chosen figure; a lower region's tile drills into it.
 */
export function TileMap({
  regions,
  figure,
  onDrill,
  dark = false,
  big = false,
}: {
  regions: DashboardRegion[];
  figure: DashboardKey;
  onDrill?: (r: DashboardRegion) => void;
  dark?: boolean;
  big?: boolean;
}) {
  const values = regions.map((r) => r.values[figure] ?? 0);
  const max = Math.max(1, ...values);
  const hue = figure === "servicesOverdue" || figure === "disputesOpen" ? "200, 16, 46" : "36, 113, 163";
  return (
    <ul
      aria-label={`下级区划${FIGURE_SHORT[figure]}分布`}
      data-testid="tile-map"
      style={{
        listStyle: "none",
        padding: 0,
        margin: "0 0 12px",
        display: "grid",
        gridTemplateColumns: `repeat(auto-fill, minmax(${big ? 200 : 120}px, 1fr))`,
        gap: big ? 12 : 8,
      }}
    >
      {regions.map((r) => {
        const v = r.values[figure];
        const share = (v ?? 0) / max;
        const darkText = dark || share > 0.55;
        const label = `${r.regionName}：${FIGURE_SHORT[figure]} ${fmt(v, figure)}`;
        const body = (
          <>
            <span style={{ display: "block", fontSize: big ? 22 : 13, whiteSpace: "nowrap", overflow: "hidden" }}>
              {r.regionName}
            </span>
            <span style={{ display: "block", fontSize: big ? 36 : 20, fontWeight: 600 }}>{fmt(v, figure)}</span>
          </>
        );
        const style: React.CSSProperties = {
          display: "block",
          width: "100%",
          minHeight: big ? 110 : 64,
          padding: big ? "12px 16px" : "8px 10px",
          textAlign: "left",
          border: dark ? "1px solid rgba(120,180,255,.35)" : "1px solid #e5e5e5",
          borderRadius: 6,
          color: darkText ? "#fff" : "#222",
          background: `rgba(${hue}, ${(dark ? 0.15 : 0.06) + share * 0.8})`,
          cursor: onDrill && r.lower ? "pointer" : "default",
        };
        return (
          <li key={r.regionCode}>
            {onDrill && r.lower ? (
              <button type="button" style={style} onClick={() => onDrill(r)} aria-label={`${label}，进入下级`}>
                {body}
              </button>
            ) : (
              <div style={style} role="img" aria-label={label}>
                {body}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
