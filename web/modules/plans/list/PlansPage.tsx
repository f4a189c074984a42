import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { PlanSummary } from "../../../../contracts/plans";
import { useAuth } from "../../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { label, options, PlanStatusTag } from "../labels";
import { planKeys } from "../planApi";
import { PlanForm } from "./PlanForm";

const f = (key: string) => t(`plans.fields.${key}`);

/** 规划方案: the plans the user may see (its region and below, and those its unit carries tasks in). */
export default function PlansPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ open: false, key: 0 });

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: t("plans.list.keywordPlaceholder") },
      { name: "status", label: f("status"), type: "select", options: options("planStatus") },
      { name: "regionCode", label: f("region"), type: "region" },
    ],
    [],
  );

  const columns: ListColumn<PlanSummary>[] = [
    {
      key: "title",
      title: f("title"),
      dataIndex: "title",
      sortField: "title",
      fixed: "left",
      width: 300,
      render: (title: string, p) => (
        <Link to={`/plans/${p.id}`} data-testid="plan-title">
          <Typography.Text style={{ color: "inherit", maxWidth: 300 }} ellipsis={{ tooltip: title }}>
            {title}
          </Typography.Text>
        </Link>
      ),
    },
    { key: "docNumber", title: f("docNumber"), dataIndex: "docNumber", render: (v: string | null) => v || "—" },
    { key: "issuingOrg", title: f("issuingOrg"), dataIndex: "issuingOrgName" },
    { key: "region", title: f("region"), dataIndex: "regionName" },
    {
      key: "period",
      title: f("period"),
      sortField: "periodStart",
      render: (_: unknown, p) => t("plans.list.periodRange", { start: p.periodStart, end: p.periodEnd }),
    },
    { key: "cycle", title: f("cycle"), dataIndex: "cycle", render: (c: string) => label("cycle", c) },
    { key: "taskCount", title: f("taskCount"), dataIndex: "taskCount", align: "right" },
    { key: "status", title: f("status"), dataIndex: "status", render: (s) => <PlanStatusTag status={s} /> },
    {
      key: "access",
      title: f("access"),
      dataIndex: "access",
      render: (a: string) => (
        <Tag color={a === "manage" ? "red" : a === "unit" ? "blue" : "default"} variant="outlined">
          {label("access", a)}
        </Tag>
      ),
    },
    {
      key: "createdAt",
      title: t("common.createdAt"),
      dataIndex: "createdAt",
      sortField: "createdAt",
      render: formatTime,
      defaultHidden: true,
    },
    {
      key: "updatedAt",
      title: t("common.updatedAt"),
      dataIndex: "updatedAt",
      render: formatTime,
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_: unknown, p) => <Link to={`/plans/${p.id}`}>{t("plans.list.open")}</Link>,
    },
  ];

  return (
    <>
      <ListPage<PlanSummary>
        id={planKeys.list[0]}
        url="/api/plans"
        title={t("plans.list.title")}
        filters={filters}
        columns={columns}
        toolbar={
          can("plan:manage") && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setForm((s) => ({ open: true, key: s.key + 1 }))}>
                {t("plans.list.create")}
              </Button>
              <Button
                type="primary"
                icon={<UploadOutlined />}
                onClick={() => navigate("/plans/import")}
                data-testid="plan-import"
              >
                {t("plans.list.import")}
              </Button>
            </Space>
          )
        }
      />
      <PlanForm
        key={form.key}
        open={form.open}
        plan={null}
        onClose={() => setForm((s) => ({ ...s, open: false }))}
        onSaved={(saved) => {
          setForm((s) => ({ ...s, open: false }));
          queryClient.invalidateQueries({ queryKey: planKeys.list });
          navigate(`/plans/${saved.id}`);
        }}
      />
    </>
  );
}
