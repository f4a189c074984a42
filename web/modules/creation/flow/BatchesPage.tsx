import { EditOutlined, FormOutlined, PlayCircleOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Divider, Grid, Space, Typography } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import type { Batch } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { t } from "../../../app/i18n";
import { ApplicationForm } from "./ApplicationForm";
import { BatchDetailDrawer, CategoryTags } from "./BatchDetailDrawer";
import { BatchForm } from "./BatchForm";
import {
  BatchStatusTag,
  KEYS,
  LevelTag,
  levelLabel,
  levelsFor,
  managesRegion,
  NAME_WIDTH,
  NAMING_LEVEL_CODES,
  tf,
  today,
  useApplicableBatches,
} from "./shared";

const label = (key: string) => tf(`batches.fields.${key}`);

/** 申报批次: departments create, open and close batches; units see the batches they can apply to and apply. */
export default function BatchesPage() {
  // Phones: no fixed columns, which would leave no room to scroll the rest.
  const wide = !!Grid.useBreakpoint().md;
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [detail, setDetail] = useState<Batch | null>(null);
  const [form, setForm] = useState<{ open: boolean; batch: Batch | null; key: number }>({
    open: false,
    batch: null,
    key: 0,
  });
  const [applyTo, setApplyTo] = useState<{ batchId: string | null; key: number }>({ batchId: null, key: 0 });
  const applicable = useApplicableBatches(can("creation:apply"));
  const applicableIds = new Set(applicable.data?.items.map((b) => b.id));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [KEYS.batches] }),
      queryClient.invalidateQueries({ queryKey: [KEYS.applicableBatches] }),
    ]);
  const openForm = (batch: Batch | null) => setForm((f) => ({ open: true, batch, key: f.key + 1 }));
  const manages = (b: Batch) => managesRegion(me, b.regionCode);
  const canCreate = can("creation:manage") && levelsFor(me?.user.regionCode ?? "").length > 0;

  const setStatus = (b: Batch, action: "open" | "close") => {
    const reopen = action === "open" && b.status === "closed";
    modal.confirm({
      title: tf(`batches.confirm.${action}`, { name: b.name }),
      content: tf(`batches.confirm.${action}Hint`),
      okText: tf(`batches.actions.${reopen ? "reopen" : action}`),
      okButtonProps: { danger: action === "close" },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const saved = await api.post<Batch>(`/api/creation/batches/${b.id}/${action}`);
          message.success(tf(`batches.messages.${action === "open" ? "opened" : "closed"}`, { name: b.name }));
          if (detail?.id === b.id) setDetail(saved);
          await refresh();
        } catch (e) {
          message.error({ content: (e as Error).message, duration: 6 });
        }
      },
    });
  };

  /** The actions one batch offers the caller, as links (list) or buttons (drawer). */
  const actionsOf = (
    b: Batch,
  ): { key: string; label: string; icon: ReactNode; danger?: boolean; run: () => void }[] => {
    const out = [];
    if (can("creation:apply") && applicableIds.has(b.id))
      out.push({
        key: "apply",
        label: tf("batches.actions.apply"),
        icon: <FormOutlined />,
        run: () => setApplyTo((a) => ({ batchId: b.id, key: a.key + 1 })),
      });
    if (manages(b) && b.status !== "concluded")
      out.push({ key: "edit", label: tf("batches.actions.edit"), icon: <EditOutlined />, run: () => openForm(b) });
    if (manages(b) && (b.status === "draft" || b.status === "closed"))
      out.push({
        key: "open",
        label: tf(`batches.actions.${b.status === "closed" ? "reopen" : "open"}`),
        icon: <PlayCircleOutlined />,
        run: () => setStatus(b, "open"),
      });
    if (manages(b) && b.status === "open")
      out.push({
        key: "close",
        label: tf("batches.actions.close"),
        icon: <StopOutlined />,
        danger: true,
        run: () => setStatus(b, "close"),
      });
    return out;
  };

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: tf("batches.filters.keywordPlaceholder") },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: (["draft", "open", "closed", "concluded"] as const).map((s) => ({
          value: s,
          label: tf(`batchStatus.${s}`),
        })),
      },
      {
        name: "level",
        label: label("level"),
        type: "select",
        options: NAMING_LEVEL_CODES.map((l) => ({ value: l, label: levelLabel(l) })),
      },
    ],
    [],
  );

  // Widths on the columns that can wrap (tags, the organiser's name, the links) keep the table within a 1440 px
  // screen, so the fixed 操作 column covers nothing there; narrower screens scroll.
  const columns: ListColumn<Batch>[] = [
    {
      key: "name",
      title: label("name"),
      dataIndex: "name",
      fixed: wide ? "left" : undefined,
      width: NAME_WIDTH,
      render: (v: string, b) => (
        <Typography.Link onClick={() => setDetail(b)} data-testid="batch-name" style={{ whiteSpace: "normal" }}>
          {v}
        </Typography.Link>
      ),
    },
    { key: "year", title: label("year"), dataIndex: "year" },
    { key: "level", title: label("level"), render: (_: unknown, b) => <LevelTag level={b.level} /> },
    {
      key: "categories",
      title: label("categories"),
      width: 170,
      render: (_: unknown, b) => <CategoryTags codes={b.categories} />,
    },
    { key: "status", title: label("status"), render: (_: unknown, b) => <BatchStatusTag status={b.status} /> },
    {
      key: "submitDeadline",
      title: label("submitDeadline"),
      dataIndex: "submitDeadline",
      render: (v: string, b) =>
        b.status === "open" && v < today() ? (
          <Typography.Text type="warning">
            {v}（{tf("batches.deadlinePassed")}）
          </Typography.Text>
        ) : (
          v
        ),
    },
    { key: "applicationCount", title: label("applicationCount"), dataIndex: "applicationCount", align: "right" },
    { key: "namedCount", title: label("namedCount"), dataIndex: "namedCount", align: "right", defaultHidden: true },
    { key: "organiser", title: label("organiser"), dataIndex: "organiserOrgName", width: 150 },
    {
      key: "quota",
      title: label("quota"),
      dataIndex: "quota",
      render: (v) => v ?? tf("unlimited"),
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      width: 160,
      render: (_: unknown, b) => (
        <Space separator={<Divider orientation="vertical" />} size={0} wrap>
          {actionsOf(b).map((a) => (
            <Typography.Link
              key={a.key}
              type={a.danger ? "danger" : undefined}
              onClick={a.run}
              data-testid={`batch-${a.key}`}
            >
              {a.label}
            </Typography.Link>
          ))}
          <Typography.Link onClick={() => navigate(`/creation/applications?batchId=${b.id}`)}>
            {tf("batches.actions.applications")}
          </Typography.Link>
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Batch>
        id={KEYS.batches}
        url="/api/creation/batches"
        title={tf("batches.listTitle")}
        filters={filters}
        columns={columns}
        toolbar={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="batch-create">
              {tf("batches.actions.create")}
            </Button>
          )
        }
      />

      <BatchDetailDrawer
        batch={detail}
        onClose={() => setDetail(null)}
        extra={
          detail && (
            <Space wrap>
              {actionsOf(detail).map((a) => (
                <Button
                  key={a.key}
                  icon={a.icon}
                  danger={a.danger}
                  onClick={() => {
                    if (a.key !== "open" && a.key !== "close") setDetail(null);
                    a.run();
                  }}
                >
                  {a.label}
                </Button>
              ))}
            </Space>
          )
        }
      />

      <BatchForm
        key={form.key}
        open={form.open}
        batch={form.batch}
        onClose={() => setForm((f) => ({ ...f, open: false }))}
        onSaved={(saved) => {
          setForm((f) => ({ ...f, open: false }));
          refresh();
          if (detail?.id === saved.id) setDetail(saved);
        }}
      />

      {applyTo.batchId && (
        <ApplicationForm
          key={applyTo.key}
          open
          batchId={applyTo.batchId}
          application={null}
          onClose={() => setApplyTo((a) => ({ ...a, batchId: null }))}
          onSaved={(saved) => navigate(`/creation/applications/${saved.id}`)}
        />
      )}
    </>
  );
}
