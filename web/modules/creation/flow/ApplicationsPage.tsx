import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Grid, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import type { ApplicationSummary, Batch } from "../../../../contracts/creation";
import { APPLICATION_STATUSES } from "../../../../contracts/creation/statuses";
import { api, type Page } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { ApplicationForm } from "./ApplicationForm";
import { ExpertSelect } from "./EvaluationModals";
import {
  ApplicationStatusTag,
  KEYS,
  LevelTag,
  levelLabel,
  NAME_WIDTH,
  NAMING_LEVEL_CODES,
  points,
  regionOnly,
  tf,
  useCategories,
} from "./shared";

const label = (key: string) => tf(`applications.fields.${key}`);

/** The status, and while it is being recommended, the level that acts now. */
/** Statuses a bulk action can move: 审核中 (推荐/退回/受理), 已受理 and 测评中 (分配专家). */
const BULK_STATUSES = new Set<string>(["reviewing", "accepted", "evaluating"]);

export function ApplicationStatusCell({
  a,
}: {
  a: Pick<ApplicationSummary, "status" | "reviewLevelName" | "reviewLevelCode">;
}) {
  return (
    <Space size={4} wrap>
      <ApplicationStatusTag status={a.status} />
      {a.status === "reviewing" && a.reviewLevelName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {regionOnly(a.reviewLevelName, a.reviewLevelCode)}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * 申报管理: a unit sees its own applications (drafts included) and fills in new ones; departments see the
 * submitted applications in their scope, "待我审核" those waiting for their level. `?batchId=` narrows to a batch.
 */
export default function ApplicationsPage() {
  // Phones: no fixed columns, which would leave no room to scroll the rest.
  const wide = !!Grid.useBreakpoint().md;
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const batchId = params.get("batchId") ?? undefined;
  const [creating, setCreating] = useState<{ open: boolean; key: number }>({ open: false, key: 0 });
  const { categories } = useCategories();
  const batches = useQuery({
    queryKey: [KEYS.batches, "options"],
    queryFn: () => api.get<Page<Batch>>("/api/creation/batches", { pageSize: 100 }),
    staleTime: 60_000,
  });
  const fixedBatch = batches.data?.items.find((b) => b.id === batchId);
  const open = (a: ApplicationSummary) => navigate(`/creation/applications/${a.id}`);

  const filters: ListFilter[] = useMemo(
    () => [
      {
        name: "q",
        label: t("common.keyword"),
        type: "text",
        placeholder: tf("applications.filters.keywordPlaceholder"),
      },
      ...(batchId
        ? []
        : [
            {
              name: "batchId",
              label: label("batch"),
              type: "select" as const,
              options: (batches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
            },
          ]),
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: APPLICATION_STATUSES.map((s) => ({ value: s, label: tf(`applicationStatus.${s}`) })),
      },
      {
        name: "category",
        label: label("category"),
        type: "select",
        options: categories.map((c) => ({ value: c.code, label: c.label })),
      },
      {
        name: "level",
        label: label("level"),
        type: "select",
        options: NAMING_LEVEL_CODES.map((l) => ({ value: l, label: levelLabel(l) })),
      },
      { name: "regionCode", label: label("region"), type: "region" },
      ...(can("creation:review") ? [{ name: "awaitingMe", label: label("awaitingMe"), type: "boolean" as const }] : []),
    ],
    [batchId, batches.data, categories, can],
  );

  const columns: ListColumn<ApplicationSummary>[] = [
    {
      key: "org",
      title: label("org"),
      dataIndex: "orgName",
      fixed: wide ? "left" : undefined,
      width: NAME_WIDTH,
      render: (v: string, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => open(a)} data-testid="application-org">
            {v}
          </Typography.Link>
          {a.title && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.title}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: "category", title: label("category"), dataIndex: "categoryLabel" },
    { key: "level", title: label("level"), render: (_: unknown, a) => <LevelTag level={a.level} /> },
    {
      key: "status",
      title: label("status"),
      render: (_: unknown, a) => <ApplicationStatusCell a={a} />,
    },
    { key: "batch", title: label("batch"), dataIndex: "batchName" },
    { key: "region", title: label("region"), dataIndex: "regionName", sortField: "regionCode" },
    {
      key: "finalScore",
      title: label("finalScore"),
      dataIndex: "finalScore",
      sortField: "finalScore",
      align: "right",
      render: (v: number | null, a) =>
        v === null ? tf("none") : <Typography.Text type={a.passed ? "success" : "danger"}>{points(v)}</Typography.Text>,
    },
    {
      key: "submittedAt",
      title: label("submittedAt"),
      dataIndex: "submittedAt",
      sortField: "submittedAt",
      render: formatTime,
    },
    {
      key: "updatedAt",
      title: label("updatedAt"),
      dataIndex: "updatedAt",
      sortField: "updatedAt",
      render: formatTime,
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, a) => (
        <Typography.Link onClick={() => open(a)}>{tf("applications.actions.view")}</Typography.Link>
      ),
    },
  ];

  return (
    <>
      <ListPage<ApplicationSummary>
        id={KEYS.applications}
        url="/api/creation/applications"
        exportUrl={can("creation:export") ? "/api/creation/applications/export" : undefined}
        exportName={tf("applications.exportName")}
        title={
          <Space wrap>
            {tf("applications.listTitle")}
            {batchId && (
              <Tag
                closable
                color="red"
                onClose={() => {
                  params.delete("batchId");
                  setParams(params);
                }}
                closeIcon
              >
                {tf("applications.filters.batchFilter", { name: fixedBatch?.name ?? "…" })}
              </Tag>
            )}
          </Space>
        }
        fixedQuery={{ batchId }}
        filters={filters}
        columns={columns}
        bulk={
          can("creation:review") || can("creation:manage") || can("creation:export")
            ? {
                // 推荐/退回 while it is being recommended, 受理 once it reached the organizing level, 分配专家 once
                // accepted: the server checks each one's status, level and scope and says why any was not done.
                selectable:
                  can("creation:review") || can("creation:manage") ? (a) => BULK_STATUSES.has(a.status) : undefined,
                exportSelection: can("creation:export"),
                actions: [
                  ...(can("creation:review")
                    ? [
                        {
                          key: "recommend",
                          label: tf("applications.bulk.recommend"),
                          url: "/api/creation/applications/bulk/recommend",
                          text: { field: "opinion", label: tf("applications.modals.opinion"), required: false },
                        },
                        {
                          key: "accept",
                          label: tf("applications.bulk.accept"),
                          url: "/api/creation/applications/bulk/accept",
                          text: { field: "opinion", label: tf("applications.modals.opinion"), required: false },
                        },
                        {
                          key: "return",
                          label: tf("applications.bulk.return"),
                          url: "/api/creation/applications/bulk/return",
                          danger: true,
                          text: { field: "reason", label: tf("applications.modals.reason"), required: true },
                        },
                      ]
                    : []),
                  ...(can("creation:manage")
                    ? [
                        {
                          key: "assign-experts",
                          label: tf("applications.bulk.assignExperts"),
                          url: "/api/creation/applications/bulk/assign-experts",
                          fields: [
                            {
                              name: "userIds",
                              label: tf("applications.modals.experts"),
                              required: true,
                              input: <ExpertSelect />,
                            },
                          ],
                        },
                      ]
                    : []),
                ],
              }
            : undefined
        }
        toolbar={
          can("creation:apply") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating((c) => ({ open: true, key: c.key + 1 }))}
              data-testid="application-create"
            >
              {tf("applications.actions.create")}
            </Button>
          )
        }
      />
      {creating.open && (
        <ApplicationForm
          key={creating.key}
          open
          application={null}
          onClose={() => setCreating((c) => ({ ...c, open: false }))}
          onSaved={(saved) => navigate(`/creation/applications/${saved.id}`)}
        />
      )}
    </>
  );
}
