import { PlusOutlined, WarningOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Segmented, Space, Tag } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { ActivitySummary } from "../../../contracts/activities";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { ActivityDetail, STATUS_TAGS } from "./ActivityDetail";
import { ActivityForm } from "./ActivityForm";
import { activityKeys, refreshActivity, useActivityDicts } from "./activityApi";

const c = (k: string) => t(`activities.columns.${k}`);

/** 活动记录: every record the caller sees, or the 待我确认 queue; 登记活动 opens the phone-friendly form. */
export default function ActivitiesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const dicts = useActivityDicts();
  // The message centre links here with ?tab=queue (待确认) and ?id=<record> to open it.
  const [tab, setTab] = useState<"all" | "queue">(() =>
    new URLSearchParams(window.location.search).get("tab") === "queue" ? "queue" : "all",
  );
  const [openId, setOpenId] = useState<string | null>(() => new URLSearchParams(window.location.search).get("id"));
  const [creating, setCreating] = useState(0);
  // A link may open the list for a span of start dates (the leaders' dashboard's month: ?startFrom=…&startTo=…).
  const [params, setParams] = useSearchParams();
  const day = (k: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(params.get(k) ?? "") ? (params.get(k) ?? undefined) : undefined;
  const span = { startFrom: day("startFrom"), startTo: day("startTo") };
  const spanned = !!(span.startFrom || span.startTo);

  const columns: ListColumn<ActivitySummary>[] = [
    {
      key: "title",
      title: c("title"),
      sortField: "title",
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpenId(r.id)}
        >
          {r.title}
        </Button>
      ),
    },
    { key: "type", title: c("type"), dataIndex: "typeLabel" },
    { key: "domain", title: c("domain"), dataIndex: "domainLabel", defaultHidden: true },
    { key: "date", title: c("date"), dataIndex: "startDate", sortField: "startDate" },
    { key: "region", title: c("region"), dataIndex: "regionName", defaultHidden: true },
    { key: "org", title: c("org"), dataIndex: "orgName" },
    { key: "participants", title: c("participants"), dataIndex: "participantTotal", sortField: "participantTotal" },
    { key: "status", title: c("status"), render: (_, r) => <StatusTag status={r.status} labels={STATUS_TAGS} /> },
    {
      key: "flags",
      title: c("flags"),
      render: (_, r) =>
        r.flagCount > 0 ? (
          <Tag color="orange" icon={<WarningOutlined />}>
            {r.flagCount}
          </Tag>
        ) : null,
    },
  ];
  const options = (xs?: { code: string; label: string }[]) =>
    (xs ?? []).map((x) => ({ value: x.code, label: x.label }));
  const filters: ListFilter[] = [
    { name: "q", label: c("title"), type: "text" },
    {
      name: "status",
      label: c("status"),
      type: "select",
      options: Object.entries(STATUS_TAGS).map(([value, s]) => ({ value, label: s.label })),
    },
    { name: "typeCode", label: c("type"), type: "select", options: options(dicts.data?.types) },
    { name: "domainCode", label: c("domain"), type: "select", options: options(dicts.data?.domains) },
    { name: "regionCode", label: c("region"), type: "region" },
    {
      name: "year",
      label: "年度",
      type: "select",
      options: Array.from({ length: 6 }, (_, i) => {
        const y = String(new Date().getFullYear() - i);
        return { value: y, label: `${y}年` };
      }),
    },
  ];

  return (
    <>
      <ListPage<ActivitySummary>
        id={tab === "all" ? activityKeys.list[0] : activityKeys.queue[0]}
        key={tab}
        url="/api/activities"
        exportUrl="/api/activities/export"
        bulk={{ actions: [], exportSelection: true }}
        exportName="活动清单.xlsx"
        fixedQuery={tab === "queue" ? { queue: true } : spanned ? span : {}}
        title={
          can("activity:confirm") ? (
            <Segmented
              value={tab}
              onChange={(v) => setTab(v as "all" | "queue")}
              options={[
                { value: "all", label: t("activities.tabs.all") },
                { value: "queue", label: t("activities.tabs.queue") },
              ]}
            />
          ) : (
            t("activities.menu.records")
          )
        }
        filters={filters}
        columns={columns}
        toolbar={
          (can("activity:record") || spanned) && (
            <Space>
              {spanned && tab === "all" && (
                <Tag
                  closable
                  data-testid="linked-filter"
                  onClose={() => {
                    const next = new URLSearchParams(params);
                    next.delete("startFrom");
                    next.delete("startTo");
                    setParams(next);
                  }}
                >
                  开始日期 {span.startFrom ?? "…"} 至 {span.startTo ?? "…"}
                </Tag>
              )}
              {can("activity:record") && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating((n) => n + 1)}
                  data-testid="activity-create"
                >
                  {t("activities.actions.create")}
                </Button>
              )}
            </Space>
          )
        }
      />
      <ActivityDetail id={openId} onClose={() => setOpenId(null)} />
      {creating > 0 && (
        <ActivityForm
          key={creating}
          open
          activity={null}
          mode="create"
          onClose={() => setCreating(0)}
          onSaved={async (a) => {
            setCreating(0);
            await refreshActivity(qc, a.id);
            setOpenId(a.id);
          }}
        />
      )}
    </>
  );
}
