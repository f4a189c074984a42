import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Divider, Form, Input, Select, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import type { ApplicationSummary, Decision, Notice } from "../../../../contracts/creation";
import { api, download, type Page } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { DetailDrawer } from "../../../app/components/DetailDrawer";
import { FormDrawer, useServerForm } from "../../../app/components/FormDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { PrintButton } from "../../../app/components/PrintLayout";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { AppChecklist, type ChecklistRow } from "./AppChecklist";
import { DrawerTitle, levelLabel, todayString, tr, useBatches, useLinkedParam, useWide } from "./shared";

const LIST_ID = "creation-decisions";
const label = (key: string) => tr(`decisions.fields.${key}`);

/** Downloads the decision with its list of named units as .docx (the download is logged). */
export function useDecisionDownload() {
  const { message } = App.useApp();
  return (d: Pick<Decision, "id" | "docNumber">) =>
    download(`/api/creation/decisions/${d.id}/docx`, undefined, `${d.docNumber}.docx`).catch((e: Error) =>
      message.error(tr("common.downloadFailed", { message: e.message })),
    );
}

/** 命名决定: decisions with 文号 and named date, the units they named, the .docx of each. */
export default function DecisionsPage() {
  const wide = useWide();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const downloadDocx = useDecisionDownload();
  const [detailId, setDetailId] = useLinkedParam("id");
  const [newParam, setNewParam] = useLinkedParam("new");
  const [formKey, setFormKey] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const batches = useBatches(me);
  const manage = can("creation:manage");
  const canExport = can("creation:export");

  useEffect(() => {
    if (newParam && manage) {
      setFormKey((k) => k + 1);
      setFormOpen(true);
      setNewParam(null);
    }
  }, [newParam, manage, setNewParam]);

  const detail = useQuery({
    queryKey: ["creation-decision", detailId],
    queryFn: () => api.get<Decision>(`/api/creation/decisions/${detailId}`),
    enabled: !!detailId,
  });

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: tr("decisions.keywordPlaceholder") },
      { name: "batchId", label: label("batch"), type: "select", options: batches.options },
    ],
    [batches.options],
  );

  const columns: ListColumn<Decision>[] = [
    {
      key: "docNumber",
      title: label("docNumber"),
      dataIndex: "docNumber",
      fixed: "left",
      render: (v: string, d) => (
        <Typography.Link onClick={() => setDetailId(d.id)} data-testid="decision-doc">
          {v}
        </Typography.Link>
      ),
    },
    { key: "title", title: label("title"), dataIndex: "title", ellipsis: true, width: 320 },
    { key: "namedOn", title: label("namedOn"), dataIndex: "namedOn" },
    { key: "count", title: label("count"), render: (_: unknown, d) => d.designations.length },
    { key: "level", title: label("level"), dataIndex: "level", render: levelLabel },
    { key: "batch", title: label("batch"), dataIndex: "batchName", ellipsis: true, width: 220 },
    { key: "issuer", title: label("issuer"), dataIndex: "issuerOrgName" },
    { key: "createdAt", title: t("common.createdAt"), dataIndex: "createdAt", render: formatTime, defaultHidden: true },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, d) => (
        <Space size={12}>
          <Typography.Link onClick={() => setDetailId(d.id)}>{t("common.detail")}</Typography.Link>
          {canExport && (
            <Typography.Link onClick={() => downloadDocx(d)} data-testid="decision-download">
              {tr("decisions.download")}
            </Typography.Link>
          )}
        </Space>
      ),
    },
  ];

  const d = detail.data;
  const items = d
    ? [
        { label: label("docNumber"), value: d.docNumber },
        { label: label("title"), value: d.title },
        { label: label("namedOn"), value: d.namedOn },
        { label: label("level"), value: levelLabel(d.level) },
        { label: label("batch"), value: d.batchName },
        { label: label("issuer"), value: d.issuerOrgName },
        { label: t("common.createdAt"), value: formatTime(d.createdAt) },
      ]
    : [];

  return (
    <>
      <ListPage<Decision>
        id={LIST_ID}
        url="/api/creation/decisions"
        title={tr("decisions.listTitle")}
        filters={filters}
        columns={columns}
        toolbar={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="decision-create"
              onClick={() => {
                setFormKey((k) => k + 1);
                setFormOpen(true);
              }}
            >
              {tr("decisions.create")}
            </Button>
          )
        }
      />

      <DetailDrawer
        open={!!detailId}
        onClose={() => setDetailId(null)}
        title={<DrawerTitle>{tr("decisions.detailTitle")}</DrawerTitle>}
        items={detail.error ? [{ label: t("common.status"), value: (detail.error as Error).message }] : items}
        extra={
          d && (
            <Space>
              <PrintButton to={`/creation/decisions/${d.id}/print`} />
              {canExport && (
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => downloadDocx(d)}
                  data-testid="decision-download-detail"
                >
                  {tr("decisions.download")}
                </Button>
              )}
            </Space>
          )
        }
      >
        {d && (
          <>
            <Divider titlePlacement="start" plain>
              {tr("decisions.namedUnits", { count: d.designations.length })}
            </Divider>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.designations}
              scroll={{ x: "max-content" }}
              columns={[
                {
                  key: "unit",
                  title: tr("fields.unitName"),
                  dataIndex: "unitName",
                  render: (v: string, x) => <Link to={`/creation/designations?id=${x.id}`}>{v}</Link>,
                },
                { key: "cert", title: tr("fields.certificateNo"), dataIndex: "certificateNo" },
                { key: "region", title: tr("fields.region"), dataIndex: "regionName" },
                { key: "category", title: tr("fields.category"), dataIndex: "categoryLabel" },
              ]}
            />
          </>
        )}
      </DetailDrawer>

      <DecisionForm
        key={formKey}
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onSaved={(saved) => {
          setFormOpen(false);
          qc.invalidateQueries({ queryKey: [LIST_ID] });
          qc.invalidateQueries({ queryKey: ["creation-designations"] });
          qc.invalidateQueries({ queryKey: ["creation-batches-all"] });
          setDetailId(saved.id);
        }}
      />
    </>
  );
}

type DecisionValues = {
  batchId?: string;
  docNumber: string;
  title: string;
  namedOn: Dayjs;
  applicationIds: string[];
};

/**
 * 作出命名决定: applications of a batch that are 公示中, whose notice window has ended and that have no
 * unanswered objection; each named unit gets a certificate number.
 */
function DecisionForm({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (d: Decision) => void;
}) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const batches = useBatches(me, true);
  const batchId = Form.useWatch("batchId", form);
  const data = useQuery({
    queryKey: ["creation-nameable", batchId],
    queryFn: async () => {
      const [apps, notices] = await Promise.all([
        api.get<Page<ApplicationSummary>>("/api/creation/applications", {
          batchId,
          status: "publicized",
          pageSize: 200,
        }),
        api.get<Page<Notice>>("/api/creation/notices", { batchId, status: "published", pageSize: 100 }),
      ]);
      return { apps: apps.items, notices: notices.items };
    },
    enabled: open && !!batchId,
  });

  const rows: ChecklistRow[] = useMemo(() => {
    const today = todayString();
    const noticeOf = new Map<string, Notice>();
    for (const n of data.data?.notices ?? []) for (const i of n.items) noticeOf.set(i.applicationId, n);
    return (data.data?.apps ?? []).map((a) => {
      const n = noticeOf.get(a.id);
      const blocked = n?.endsOn && n.endsOn >= today ? tr("decisions.noticeNotEnded", { end: n.endsOn }) : null;
      const unanswered = n?.objections?.unanswered ?? 0;
      return {
        id: a.id,
        orgName: a.orgName,
        regionName: a.regionName,
        categoryLabel: a.categoryLabel,
        finalScore: a.finalScore,
        blocked,
        note: blocked ? null : unanswered ? (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {tr("decisions.unanswered", { count: unanswered })}
          </Typography.Text>
        ) : n ? (
          <Typography.Text type="success" style={{ fontSize: 12 }}>
            {tr("decisions.noticeEnded", { end: n.endsOn ?? "" })}
          </Typography.Text>
        ) : null,
      };
    });
  }, [data.data]);

  const submit = (v: DecisionValues) =>
    run(async () => {
      const saved = await api.post<Decision>("/api/creation/decisions", {
        batchId: v.batchId,
        docNumber: v.docNumber.trim(),
        title: v.title?.trim() || undefined,
        namedOn: v.namedOn.format("YYYY-MM-DD"),
        applicationIds: v.applicationIds ?? [],
      });
      message.success(tr("decisions.created", { docNumber: saved.docNumber, count: saved.designations.length }));
      onSaved(saved);
    });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={tr("decisions.createTitle")}
      size={640}
      form={form}
      saving={saving}
      error={error}
      submitTestId="decision-form-submit"
      submitText={tr("decisions.submit")}
    >
      <Form<DecisionValues>
        form={form}
        name="decisionForm"
        layout="vertical"
        initialValues={{ docNumber: "", title: "", namedOn: dayjs(), applicationIds: [] }}
        onFinish={submit}
        onValuesChange={(changed: Partial<DecisionValues>) => {
          clearError();
          if ("batchId" in changed) form.setFieldsValue({ applicationIds: [] });
        }}
        data-testid="decision-form"
      >
        <Form.Item
          name="batchId"
          label={label("batch")}
          rules={[{ required: true, message: t("common.select", { field: label("batch") }) }]}
        >
          <Select options={batches.options} loading={batches.loading} placeholder={tr("common.batchPlaceholder")} />
        </Form.Item>
        <Form.Item
          name="docNumber"
          label={label("docNumber")}
          rules={[{ required: true, whitespace: true, message: t("common.required", { field: label("docNumber") }) }]}
        >
          <Input maxLength={60} placeholder={tr("decisions.docNumberPlaceholder")} />
        </Form.Item>
        <Form.Item name="title" label={label("title")} extra={tr("decisions.titleExtra")}>
          <Input maxLength={150} />
        </Form.Item>
        <Form.Item
          name="namedOn"
          label={label("namedOn")}
          rules={[{ required: true, message: t("common.select", { field: label("namedOn") }) }]}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={(x) => x.format("YYYY-MM-DD") > todayString()} />
        </Form.Item>
        <Form.Item
          name="applicationIds"
          label={tr("decisions.chooseUnits")}
          extra={tr("decisions.chooseUnitsExtra")}
          rules={[{ required: true, type: "array", min: 1, message: tr("decisions.chooseAtLeastOne") }]}
        >
          <AppChecklist
            rows={rows}
            loading={data.isFetching}
            emptyText={batchId ? tr("decisions.noneReady") : tr("common.pickBatchFirst")}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
