import { CloseOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Space, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { Designation } from "../../../../contracts/creation";
import { DESIGNATION_STATUS_LABELS } from "../../../../contracts/creation";
import type { Region } from "../../../../contracts/org";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { StatusTag } from "../../../app/components/StatusTag";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { DesignationDrawer, useCertificateDownload, ValidUntil } from "./DesignationDrawer";
import { RegisterDrawer } from "./DesignationForms";
import {
  DESIGNATION_TAGS,
  dash,
  levelLabel,
  levelOptions,
  recentYears,
  tr,
  useCategories,
  useLinkedParam,
  useWide,
} from "./shared";

export const DESIGNATION_LIST_ID = "creation-designations";
const label = (key: string) => tr(`designations.fields.${key}`);
/** Filters a link may set (from 创建覆盖 or 目标任务): shown as a tag above the list. */
const LINK_FILTERS = ["regionCode", "category", "level", "live", "year"] as const;

/** 示范单位: the register of designations (有效/复验中/已撤销/已到期) with their self-checks, 复验 and history. */
export default function DesignationsPage() {
  const wide = useWide();
  const { can } = useAuth();
  const qc = useQueryClient();
  const categories = useCategories();
  const downloadCertificate = useCertificateDownload();
  const [params, setParams] = useSearchParams();
  const [detailId, setDetailId] = useLinkedParam("id");
  const [reverificationId, setReverificationId] = useLinkedParam("reverification");
  const [registerKey, setRegisterKey] = useState(0);
  const [registerOpen, setRegisterOpen] = useState(false);

  // A 复验 to-do links by the 复验's id: open its designation.
  useEffect(() => {
    if (!reverificationId) return;
    api
      .get<{ designationId: string }>(`/api/creation/reverifications/${reverificationId}`)
      .then((r) =>
        setParams(
          (p) => {
            const next = new URLSearchParams(p);
            next.delete("reverification");
            next.set("id", r.designationId);
            return next;
          },
          { replace: true },
        ),
      )
      .catch(() => setReverificationId(null));
  }, [reverificationId, setParams, setReverificationId]);

  const linked = Object.fromEntries(
    LINK_FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  ) as Partial<Record<(typeof LINK_FILTERS)[number], string>>;
  const regionName = useQuery({
    queryKey: ["region", linked.regionCode],
    queryFn: () => api.get<Region>(`/api/regions/${linked.regionCode}`),
    enabled: !!linked.regionCode,
    staleTime: 10 * 60_000,
  }).data?.name;
  const linkedText = [
    linked.regionCode && (regionName ?? linked.regionCode),
    linked.level && levelLabel(linked.level),
    linked.category && categories.label(linked.category),
    linked.year && tr("designations.namedInYear", { year: linked.year }),
    linked.live === "true" && tr("designations.liveOnly"),
  ]
    .filter(Boolean)
    .join(" · ");
  const clearLinked = () =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const k of LINK_FILTERS) next.delete(k);
        return next;
      },
      { replace: true },
    );

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: tr("designations.keywordPlaceholder") },
      { name: "level", label: label("level"), type: "select", options: levelOptions },
      { name: "category", label: label("category"), type: "select", options: categories.options },
      { name: "regionCode", label: label("region"), type: "region" },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: Object.entries(DESIGNATION_STATUS_LABELS).map(([value, l]) => ({ value, label: l })),
      },
      {
        name: "expiringWithinDays",
        label: label("expiring"),
        type: "select",
        options: [30, 90, 180, 365].map((d) => ({
          value: String(d),
          label: tr("designations.withinDays", { days: d }),
        })),
      },
      { name: "year", label: label("namedYear"), type: "select", options: recentYears(15) },
    ],
    [categories.options],
  );

  const columns: ListColumn<Designation>[] = [
    {
      key: "unitName",
      title: label("unit"),
      dataIndex: "unitName",
      fixed: "left",
      width: wide ? 220 : 140,
      ellipsis: true,
      render: (v: string, d) => (
        <Typography.Link onClick={() => setDetailId(d.id)} data-testid="designation-name">
          {v}
        </Typography.Link>
      ),
    },
    { key: "level", title: label("level"), dataIndex: "level", render: levelLabel },
    { key: "category", title: label("category"), dataIndex: "categoryLabel" },
    { key: "region", title: label("region"), dataIndex: "regionName", sortField: "regionCode" },
    {
      key: "status",
      title: label("status"),
      dataIndex: "status",
      render: (s: string) => <StatusTag status={s} labels={DESIGNATION_TAGS} />,
    },
    {
      key: "certificateNo",
      title: label("certificateNo"),
      dataIndex: "certificateNo",
      sortField: "certificateNo",
      render: (v: string) => <Typography.Text style={{ fontFamily: "monospace" }}>{v}</Typography.Text>,
    },
    { key: "namedOn", title: label("namedOn"), dataIndex: "namedOn", sortField: "namedOn" },
    {
      key: "validUntil",
      title: label("validUntil"),
      dataIndex: "validUntil",
      sortField: "validUntil",
      render: (v: string, d) => <ValidUntil date={v} status={d.status} />,
    },
    { key: "docNumber", title: label("docNumber"), dataIndex: "docNumber", render: dash, defaultHidden: true },
    { key: "renewals", title: label("renewals"), dataIndex: "renewals", defaultHidden: true },
    { key: "updatedAt", title: t("common.updatedAt"), dataIndex: "updatedAt", render: formatTime, defaultHidden: true },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, d) => (
        <Space size={12}>
          <Typography.Link onClick={() => setDetailId(d.id)}>{t("common.detail")}</Typography.Link>
          {can("creation:export") && (
            <Typography.Link onClick={() => downloadCertificate(d)}>{tr("designations.certificate")}</Typography.Link>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Designation>
        id={DESIGNATION_LIST_ID}
        url="/api/creation/designations"
        exportUrl={can("creation:export") ? "/api/creation/designations/export" : undefined}
        bulk={can("creation:export") ? { actions: [], exportSelection: true } : undefined}
        exportName={tr("designations.exportName")}
        title={
          <Space size={8} wrap>
            <span>{tr("designations.listTitle")}</span>
            {linkedText && (
              <Tag closeIcon={<CloseOutlined />} onClose={clearLinked} color="processing" data-testid="linked-filter">
                {linkedText}
              </Tag>
            )}
          </Space>
        }
        filters={filters}
        columns={columns}
        fixedQuery={linked}
        toolbar={
          can("creation:manage") && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => {
                setRegisterKey((k) => k + 1);
                setRegisterOpen(true);
              }}
              data-testid="designation-register"
            >
              {tr("designations.register")}
            </Button>
          )
        }
      />

      <DesignationDrawer
        id={detailId}
        onClose={() => setDetailId(null)}
        startSelfCheck={params.get("selfCheck") === "1"}
        onSelfCheckShown={() =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              next.delete("selfCheck");
              return next;
            },
            { replace: true },
          )
        }
      />

      <RegisterDrawer
        key={registerKey}
        open={registerOpen}
        onClose={() => setRegisterOpen(false)}
        onSaved={(d) => {
          setRegisterOpen(false);
          qc.invalidateQueries({ queryKey: [DESIGNATION_LIST_ID] });
          setDetailId(d.id);
        }}
      />
    </>
  );
}
