import { PlusOutlined, SendOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Divider, Form, Input, Modal, Select, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import type { ApplicationSummary, Notice } from "../../../../contracts/creation";
import { NOTICE_STATUS_LABELS } from "../../../../contracts/creation";
import { api, type Page } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { DetailDrawer } from "../../../app/components/DetailDrawer";
import { FormDrawer, FormErrorAlert, useServerForm } from "../../../app/components/FormDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { StatusTag } from "../../../app/components/StatusTag";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { AppChecklist } from "./AppChecklist";
import {
  DrawerTitle,
  LongText,
  levelLabel,
  managesRegion,
  NOTICE_PHASE_TAGS,
  todayString,
  tr,
  useBatches,
  useLinkedParam,
  useWide,
} from "./shared";

const LIST_ID = "creation-notices";
const label = (key: string) => tr(`notices.fields.${key}`);

function objectionText(o: { total: number; unanswered: number }) {
  return o.unanswered ? tr("notices.objectionCount", o) : tr("notices.objectionAllAnswered", o);
}

function windowText(n: Notice) {
  if (!n.startsOn || !n.endsOn) return tr("notices.windowDraft", { days: n.workingDays });
  return tr("notices.window", { start: n.startsOn, end: n.endsOn, days: n.workingDays });
}

/** 公示公告: notices of approved applications; drafted, published for N working days, objections counted. */
export default function NoticesPage() {
  const wide = useWide();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const [detailId, setDetailId] = useLinkedParam("id");
  const [newParam, setNewParam] = useLinkedParam("new");
  const [formKey, setFormKey] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [publishing, setPublishing] = useState<Notice | null>(null);
  const manage = can("creation:manage");

  const detail = useQuery({
    queryKey: ["creation-notice", detailId],
    queryFn: () => api.get<Notice>(`/api/creation/notices/${detailId}`),
    enabled: !!detailId,
  });

  useEffect(() => {
    if (newParam && manage) {
      setFormKey((k) => k + 1);
      setFormOpen(true);
      setNewParam(null);
    }
  }, [newParam, manage, setNewParam]);

  const refresh = () => {
    qc.invalidateQueries({ queryKey: [LIST_ID] });
    qc.invalidateQueries({ queryKey: ["creation-notice"] });
  };
  const canPublish = (n: Notice) => manage && n.status === "draft" && managesRegion(me, n.regionCode);

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: tr("notices.keywordPlaceholder") },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: Object.entries(NOTICE_STATUS_LABELS).map(([value, l]) => ({ value, label: l })),
      },
    ],
    [],
  );

  const columns: ListColumn<Notice>[] = [
    {
      key: "title",
      title: label("title"),
      dataIndex: "title",
      fixed: "left",
      width: wide ? 260 : 140,
      ellipsis: true,
      render: (v: string, n) => (
        <Typography.Link onClick={() => setDetailId(n.id)} data-testid="notice-title">
          {v}
        </Typography.Link>
      ),
    },
    {
      key: "phase",
      title: label("phase"),
      dataIndex: "phase",
      render: (p: string) => <StatusTag status={p} labels={NOTICE_PHASE_TAGS} />,
    },
    { key: "window", title: label("window"), render: (_: unknown, n) => windowText(n) },
    { key: "units", title: label("units"), render: (_: unknown, n) => n.items.length },
    {
      key: "objections",
      title: label("objections"),
      render: (_: unknown, n) =>
        !n.objections || n.objections.total === 0 ? (
          "—"
        ) : can("creation:manage") ? (
          <Link to={`/creation/objections?noticeId=${n.id}`}>{objectionText(n.objections)}</Link>
        ) : (
          objectionText(n.objections)
        ),
    },
    { key: "batch", title: label("batch"), dataIndex: "batchName", ellipsis: true, width: 220 },
    { key: "level", title: label("level"), dataIndex: "level", render: levelLabel },
    { key: "issuer", title: label("issuer"), dataIndex: "issuerOrgName", defaultHidden: true },
    { key: "publishedAt", title: label("publishedAt"), dataIndex: "publishedAt", render: formatTime },
    {
      key: "createdAt",
      title: t("common.createdAt"),
      dataIndex: "createdAt",
      render: formatTime,
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, n) => (
        <Space size={12}>
          <Typography.Link onClick={() => setDetailId(n.id)}>{t("common.detail")}</Typography.Link>
          {canPublish(n) && (
            <Typography.Link onClick={() => setPublishing(n)} data-testid="notice-publish">
              {tr("notices.publish")}
            </Typography.Link>
          )}
        </Space>
      ),
    },
  ];

  const n = detail.data;
  const items = n
    ? [
        { label: label("title"), value: n.title },
        ...(n.titleMn ? [{ label: label("titleMn"), value: <span lang="mn-Mong">{n.titleMn}</span> }] : []),
        { label: label("phase"), value: <StatusTag status={n.phase} labels={NOTICE_PHASE_TAGS} /> },
        { label: label("window"), value: windowText(n) },
        { label: label("batch"), value: n.batchName },
        { label: label("level"), value: levelLabel(n.level) },
        { label: label("issuer"), value: n.issuerOrgName },
        { label: label("publishedAt"), value: formatTime(n.publishedAt) },
        { label: label("body"), value: <LongText value={n.body} /> },
        ...(n.objections
          ? [
              {
                label: label("objections"),
                value:
                  n.objections.total === 0 ? (
                    tr("notices.noObjections")
                  ) : manage ? (
                    <Link to={`/creation/objections?noticeId=${n.id}`}>{objectionText(n.objections)}</Link>
                  ) : (
                    objectionText(n.objections)
                  ),
              },
            ]
          : []),
      ]
    : [];

  return (
    <>
      <ListPage<Notice>
        id={LIST_ID}
        url="/api/creation/notices"
        title={tr("notices.listTitle")}
        filters={filters}
        columns={columns}
        toolbar={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="notice-create"
              onClick={() => {
                setFormKey((k) => k + 1);
                setFormOpen(true);
              }}
            >
              {tr("notices.create")}
            </Button>
          )
        }
      />

      <DetailDrawer
        open={!!detailId}
        onClose={() => setDetailId(null)}
        title={<DrawerTitle>{tr("notices.detailTitle")}</DrawerTitle>}
        items={detail.error ? [{ label: t("common.status"), value: (detail.error as Error).message }] : items}
        extra={
          n &&
          canPublish(n) && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setPublishing(n)}>
              {tr("notices.publish")}
            </Button>
          )
        }
      >
        {n && (
          <>
            <Divider titlePlacement="start" plain>
              {tr("notices.listOfUnits", { count: n.items.length })}
            </Divider>
            <Table
              rowKey="applicationId"
              size="small"
              pagination={false}
              dataSource={n.items}
              scroll={{ x: "max-content" }}
              columns={[
                { key: "org", title: tr("fields.unitName"), dataIndex: "orgName" },
                { key: "region", title: tr("fields.region"), dataIndex: "regionName" },
                { key: "category", title: tr("fields.category"), dataIndex: "categoryLabel" },
              ]}
            />
          </>
        )}
      </DetailDrawer>

      <NoticeForm
        key={formKey}
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          refresh();
          setDetailId(saved.id);
        }}
      />

      <PublishModal
        notice={publishing}
        onClose={() => setPublishing(null)}
        onPublished={() => {
          setPublishing(null);
          refresh();
        }}
      />
    </>
  );
}

/** 发布公示: the first day (today or later); the window is the batch's number of working days from it. */
function PublishModal({
  notice,
  onClose,
  onPublished,
}: {
  notice: Notice | null;
  onClose: () => void;
  onPublished: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ startsOn: Dayjs | null }>();
  const { saving, error, run, clearError } = useServerForm(form);
  useEffect(() => {
    if (notice) {
      form.resetFields();
      clearError();
    }
  }, [notice, form, clearError]);
  const submit = (v: { startsOn: Dayjs | null }) => {
    if (!notice) return;
    return run(async () => {
      const saved = await api.post<Notice>(`/api/creation/notices/${notice.id}/publish`, {
        startsOn: v.startsOn ? v.startsOn.format("YYYY-MM-DD") : undefined,
      });
      message.success(tr("notices.published", { start: saved.startsOn ?? "", end: saved.endsOn ?? "" }));
      onPublished();
    });
  };
  return (
    <Modal
      open={!!notice}
      title={tr("notices.publishTitle")}
      onCancel={onClose}
      okText={tr("notices.publish")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {notice && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text strong>{notice.title}</Typography.Text>
          <Alert
            type="info"
            showIcon
            title={tr("notices.publishHint", { days: notice.workingDays, count: notice.items.length })}
          />
          <FormErrorAlert error={error} style={{}} />
          <Form form={form} name="noticePublish" layout="vertical" onFinish={submit} initialValues={{ startsOn: null }}>
            <Form.Item name="startsOn" label={label("startsOn")} extra={tr("notices.startsOnExtra")}>
              <DatePicker
                style={{ width: "100%" }}
                disabledDate={(d) => d.format("YYYY-MM-DD") < todayString()}
                placeholder={tr("notices.startsOnPlaceholder")}
              />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}

type NoticeValues = { batchId?: string; title: string; titleMn?: string; body: string; applicationIds: string[] };

/** 拟定公示: a batch, a title, the text, and which of its approved applications are listed. */
function NoticeForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (n: Notice) => void }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const batches = useBatches(me, true);
  const batchId = Form.useWatch("batchId", form);
  const apps = useQuery({
    queryKey: ["creation-approved-apps", batchId],
    queryFn: () =>
      api.get<Page<ApplicationSummary>>("/api/creation/applications", {
        batchId,
        status: "approved",
        pageSize: 200,
      }),
    enabled: open && !!batchId,
  });
  const rows = (apps.data?.items ?? []).map((a) => ({
    id: a.id,
    orgName: a.orgName,
    regionName: a.regionName,
    categoryLabel: a.categoryLabel,
    finalScore: a.finalScore,
  }));

  const submit = (v: NoticeValues) =>
    run(async () => {
      const saved = await api.post<Notice>("/api/creation/notices", {
        batchId: v.batchId,
        title: v.title.trim(),
        titleMn: (v.titleMn ?? "").trim(),
        body: (v.body ?? "").trim(),
        applicationIds: v.applicationIds ?? [],
      });
      message.success(tr("notices.created", { title: saved.title }));
      onSaved(saved);
    });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={tr("notices.createTitle")}
      size={640}
      form={form}
      saving={saving}
      error={error}
      submitTestId="notice-form-submit"
      submitText={tr("notices.saveDraft")}
    >
      <Form<NoticeValues>
        form={form}
        name="noticeForm"
        layout="vertical"
        initialValues={{ title: "", body: tr("notices.defaultBody"), applicationIds: [] }}
        onFinish={submit}
        onValuesChange={(changed: Partial<NoticeValues>) => {
          clearError();
          if ("batchId" in changed) {
            const b = batches.list.find((x) => x.id === changed.batchId);
            form.setFieldsValue({ applicationIds: [], title: b ? tr("notices.defaultTitle", { batch: b.name }) : "" });
          }
        }}
        data-testid="notice-form"
      >
        <Form.Item
          name="batchId"
          label={label("batch")}
          rules={[{ required: true, message: t("common.select", { field: label("batch") }) }]}
        >
          <Select options={batches.options} loading={batches.loading} placeholder={tr("common.batchPlaceholder")} />
        </Form.Item>
        <Form.Item
          name="title"
          label={label("title")}
          rules={[{ required: true, whitespace: true, message: t("common.required", { field: label("title") }) }]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="titleMn" label={label("titleMn")} extra={tr("notices.titleMnExtra")}>
          <Input maxLength={200} lang="mn-Mong" />
        </Form.Item>
        <Form.Item name="body" label={label("body")}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item
          name="applicationIds"
          label={tr("notices.chooseUnits")}
          extra={tr("notices.chooseUnitsExtra")}
          rules={[{ required: true, type: "array", min: 1, message: tr("notices.chooseAtLeastOne") }]}
        >
          <AppChecklist
            rows={rows}
            loading={apps.isFetching}
            emptyText={batchId ? tr("notices.noApproved") : tr("common.pickBatchFirst")}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
