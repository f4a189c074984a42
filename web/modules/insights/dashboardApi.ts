import { useQuery } from "@tanstack/react-query";
import type { DashboardKey, DashboardView, RankLevel } from "../../../contracts/insights";
import { api } from "../../app/api";

/** The leaders' dashboard of a level (the caller's scope root when `regionCode` is empty). */
export const useDashboard = (
  regionCode: string | undefined,
  opts: { refetchInterval?: number; rankLevel?: RankLevel } = {},
) =>
  useQuery({
    queryKey: ["insights.dashboard", regionCode ?? "", opts.rankLevel ?? ""],
    queryFn: () =>
      api.get<DashboardView>("/api/insights/dashboard", {
        ...(regionCode ? { regionCode } : {}),
        ...(opts.rankLevel ? { rankLevel: opts.rankLevel } : {}),
      }),
    refetchInterval: opts.refetchInterval,
    // The big screen refreshes in place: the last figures stay on screen while the next ones load.
    placeholderData: (prev) => prev,
  });

/** Short names of the figures for a column header or a map's choice. */
export const FIGURE_SHORT: Record<DashboardKey, string> = {
  named: "示范单位",
  bases: "教育基地",
  honors: "表彰",
  activitiesYear: "本年活动",
  planCompletion: "规划完成度",
  zeroReporting: "零报告报告率",
  servicesOpen: "在办服务申请",
  servicesOverdue: "逾期服务申请",
  disputesOpen: "在办矛盾纠纷",
};

export const isRate = (k: DashboardKey) => k === "planCompletion" || k === "zeroReporting";
export const fmt = (v: number | null | undefined, k: DashboardKey) =>
  v === null || v === undefined ? "—" : isRate(k) ? `${v}%` : String(v);
