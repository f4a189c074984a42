import { useQuery } from "@tanstack/react-query";
import { Button, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { CASE_STATUS_LABELS, type CaseSummary, RISK_LABELS, type RiskLevel } from "../../../contracts/disputes";
import type { Region } from "../../../contracts/org";
import { api, download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";
import { CaseDetail } from "./CaseDetail";
import { CaseEntry } from "./CaseEntry";
import { CompliancePanel } from "./CompliancePanel";
import { useCases } from "./disputesApi";
import { ReportDesk } from "./ReportDesk";
import { SettingsPanel } from "./SettingsPanel";

const RISK_COLOR = { general: "default", serious: "orange", major: "red" } as const;
const RISK_KEYS = Object.keys(RISK_LABELS) as RiskLevel[];

function CaseList() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  // The message centre links a case as ?case=<id>.
  const [selected, setSelected] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get("case"),
  );
  const { me } = useAuth();
  // A link may open the list filtered (the leaders' dashboard: ?open=true&riskLevel=major&regionCode=…).
  const [params, setParams] = useSearchParams();
  const link = {
    open: params.get("open") === "true" ? true : undefined,
    riskLevel: RISK_KEYS.find((k) => k === params.get("riskLevel")),
    regionCode: /^\d{2,12}$/.test(params.get("regionCode") ?? "") ? (params.get("regionCode") ?? undefined) : undefined,
    from: /^\d{4}-\d{2}-\d{2}$/.test(params.get("from") ?? "") ? (params.get("from") ?? undefined) : undefined,
    to: /^\d{4}-\d{2}-\d{2}$/.test(params.get("to") ?? "") ? (params.get("to") ?? undefined) : undefined,
  };
  const regionName = useQuery({
    queryKey: ["region", link.regionCode],
    queryFn: () => api.get<Region>(`/api/regions/${link.regionCode}`),
    enabled: !!link.regionCode,
  }).data?.name;
  const linked = [
    link.open && "在办（已登记、调解中）",
    link.riskLevel && `${RISK_LABELS[link.riskLevel]}风险`,
    link.regionCode && (regionName ?? ""),
    (link.from || link.to) && `发生日期 ${link.from ?? "…"} 至 ${link.to ?? "…"}`,
  ].filter(Boolean);
  const cases = useCases({ page, ...link });
  const perms = new Set(me?.permissions ?? []);
  return (
    <>
      <div style={{ display: "flex", gap: 8, marginBottom: 12, flexWrap: "wrap" }}>
        {perms.has("disputes:record") && (
          <Button type="primary" onClick={() => setOpen(true)}>
            登记矛盾纠纷
          </Button>
        )}
        {perms.has("disputes:export") && (
          <Button onClick={() => download("/api/disputes/cases/export", {}, "矛盾纠纷.xlsx")}>导出</Button>
        )}
        {linked.length > 0 && (
          <Tag
            closable
            style={{ alignSelf: "center" }}
            onClose={() => {
              setPage(1);
              setParams({});
            }}
            data-testid="linked-filter"
          >
            {linked.join("，")}
          </Tag>
        )}
      </div>
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        scroll={{ x: 720 }}
        loading={cases.isLoading}
        onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: "pointer" } })}
        dataSource={cases.data?.items ?? []}
        pagination={{
          current: page,
          total: cases.data?.total ?? 0,
          // Past 10,000 the server stops counting (totalCapped): say so rather than show a false total.
          showTotal: (total) =>
            cases.data?.totalCapped
              ? t("common.totalCapped", { total: total.toLocaleString("zh-CN") })
              : t("common.total", { total }),
          pageSize: 20,
          onChange: setPage,
        }}
        columns={[
          { title: "编号", dataIndex: "code" },
          { title: "发生日期", dataIndex: "occurredOn" },
          { title: "地点", dataIndex: "regionName" },
          { title: "类别", dataIndex: "categoryLabel" },
          {
            title: "风险",
            dataIndex: "riskLevel",
            render: (r: CaseSummary["riskLevel"]) => <Tag color={RISK_COLOR[r]}>{RISK_LABELS[r]}</Tag>,
          },
          { title: "状态", dataIndex: "status", render: (s: CaseSummary["status"]) => CASE_STATUS_LABELS[s] },
          { title: "责任单位", dataIndex: "orgName" },
        ]}
      />
      <CaseDetail id={selected} onClose={() => setSelected(null)} />
      {me && <CaseEntry open={open} onClose={() => setOpen(false)} regionCode={me.user.regionCode} />}
    </>
  );
}

/** 风险防范: cases (with the grid worker's entry), the 零报告 desk and the compliance view. */
export default function DisputesPage() {
  const { me } = useAuth();
  const perms = new Set(me?.permissions ?? []);
  return (
    <Tabs
      defaultActiveKey={new URLSearchParams(window.location.search).get("tab") ?? "cases"}
      items={[
        { key: "cases", label: t("disputes.tabs.cases"), children: <CaseList /> },
        ...(perms.has("disputes:report")
          ? [{ key: "desk", label: t("disputes.tabs.desk"), children: <ReportDesk /> }]
          : []),
        { key: "compliance", label: t("disputes.tabs.compliance"), children: <CompliancePanel /> },
        { key: "settings", label: t("disputes.tabs.settings"), children: <SettingsPanel /> },
      ]}
    />
  );
}
