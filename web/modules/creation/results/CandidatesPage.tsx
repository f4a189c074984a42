import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import type { Candidate, NamingLevel } from "../../../../contracts/creation";
import { CANDIDATE_STATUS_LABELS } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { useServerForm } from "../../../app/components/FormDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { OrgPicker } from "../../../app/components/OrgPicker";
import { StatusTag } from "../../../app/components/StatusTag";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import {
  CANDIDATE_TAGS,
  dash,
  levelLabel,
  levelOptions,
  managesRegion,
  todayString,
  tr,
  useCategories,
  useWide,
} from "./shared";

const LIST_ID = "creation-candidates";
const label = (key: string) => tr(`candidates.fields.${key}`);

/** 培育库: units cultivated toward a naming level with a mentor unit, before they apply. */
export default function CandidatesPage() {
  const wide = useWide();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const categories = useCategories();
  const [form, setForm] = useState<{ open: boolean; candidate: Candidate | null; key: number }>({
    open: false,
    candidate: null,
    key: 0,
  });
  const editable = (c: Candidate) => can("creation:manage") && managesRegion(me, c.regionCode);
  const refresh = () => qc.invalidateQueries({ queryKey: [LIST_ID] });

  const setStatus = async (c: Candidate, status: "cultivating" | "removed") => {
    try {
      await api.patch(`/api/creation/candidates/${c.id}`, { status });
      message.success(tr(status === "removed" ? "candidates.removed" : "candidates.restored", { name: c.orgName }));
      refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: tr("candidates.keywordPlaceholder") },
      { name: "regionCode", label: label("region"), type: "region" },
      { name: "category", label: label("category"), type: "select", options: categories.options },
      { name: "targetLevel", label: label("targetLevel"), type: "select", options: levelOptions },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: Object.entries(CANDIDATE_STATUS_LABELS).map(([value, l]) => ({ value, label: l })),
      },
    ],
    [categories.options],
  );

  const columns: ListColumn<Candidate>[] = [
    { key: "org", title: label("org"), dataIndex: "orgName", fixed: "left", width: 220, ellipsis: true },
    { key: "region", title: label("region"), dataIndex: "regionName" },
    { key: "category", title: label("category"), dataIndex: "categoryLabel" },
    { key: "targetLevel", title: label("targetLevel"), dataIndex: "targetLevel", render: levelLabel },
    { key: "mentor", title: label("mentor"), dataIndex: "mentorOrgName", render: dash },
    { key: "since", title: label("since"), dataIndex: "since", render: dash },
    {
      key: "status",
      title: label("status"),
      dataIndex: "status",
      render: (s: string) => <StatusTag status={s} labels={CANDIDATE_TAGS} />,
    },
    { key: "note", title: label("note"), dataIndex: "note", ellipsis: true, width: 220, render: dash },
    { key: "updatedAt", title: t("common.updatedAt"), dataIndex: "updatedAt", render: formatTime, defaultHidden: true },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, c) =>
        editable(c) && (c.status === "cultivating" || c.status === "removed") ? (
          <Space size={12}>
            <Typography.Link onClick={() => setForm((f) => ({ open: true, candidate: c, key: f.key + 1 }))}>
              {t("common.edit")}
            </Typography.Link>
            {c.status === "cultivating" ? (
              <Popconfirm
                title={tr("candidates.confirmRemove", { name: c.orgName })}
                okText={tr("candidates.remove")}
                cancelText={t("common.cancel")}
                okButtonProps={{ danger: true }}
                onConfirm={() => setStatus(c, "removed")}
              >
                <Typography.Link type="danger">{tr("candidates.remove")}</Typography.Link>
              </Popconfirm>
            ) : (
              <Typography.Link onClick={() => setStatus(c, "cultivating")}>{tr("candidates.restore")}</Typography.Link>
            )}
          </Space>
        ) : (
          "—"
        ),
    },
  ];

  return (
    <>
      <ListPage<Candidate>
        id={LIST_ID}
        url="/api/creation/candidates"
        title={tr("candidates.listTitle")}
        filters={filters}
        columns={columns}
        toolbar={
          can("creation:manage") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm((f) => ({ open: true, candidate: null, key: f.key + 1 }))}
            >
              {tr("candidates.create")}
            </Button>
          )
        }
      />
      <CandidateForm
        key={form.key}
        open={form.open}
        candidate={form.candidate}
        onClose={() => setForm((f) => ({ ...f, open: false }))}
        onSaved={() => {
          setForm((f) => ({ ...f, open: false }));
          refresh();
        }}
      />
    </>
  );
}

type CandidateValues = {
  orgId?: string;
  category?: string;
  targetLevel?: NamingLevel;
  mentorOrgId?: string | null;
  since?: Dayjs | null;
  note: string;
};

function CandidateForm({
  open,
  candidate,
  onClose,
  onSaved,
}: {
  open: boolean;
  candidate: Candidate | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const categories = useCategories();
  const [form] = Form.useForm<CandidateValues>();
  const { saving, error, run, clearError } = useServerForm(form);
  const req = (key: string) => [{ required: true, message: t("common.select", { field: label(key) }) }];

  const submit = (v: CandidateValues) =>
    run(async () => {
      if (candidate)
        await api.patch(`/api/creation/candidates/${candidate.id}`, {
          targetLevel: v.targetLevel,
          mentorOrgId: v.mentorOrgId ?? null,
          note: v.note?.trim() ?? "",
        });
      else
        await api.post("/api/creation/candidates", {
          orgId: v.orgId,
          category: v.category,
          targetLevel: v.targetLevel,
          mentorOrgId: v.mentorOrgId ?? null,
          since: v.since ? v.since.format("YYYY-MM-DD") : undefined,
          note: v.note?.trim() ?? "",
        });
      message.success(tr(candidate ? "candidates.updated" : "candidates.created"));
      onSaved();
    });

  return (
    <Modal
      open={open}
      title={tr(candidate ? "candidates.editTitle" : "candidates.createTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<CandidateValues>
        form={form}
        name="candidateForm"
        layout="vertical"
        onFinish={submit}
        onValuesChange={clearError}
        initialValues={{
          orgId: candidate?.orgId,
          category: candidate?.category,
          targetLevel: candidate?.targetLevel,
          mentorOrgId: candidate?.mentorOrgId ?? null,
          since: candidate?.since ? dayjs(candidate.since) : dayjs(),
          note: candidate?.note ?? "",
        }}
      >
        {candidate ? (
          <Form.Item label={label("org")}>
            <Input disabled value={`${candidate.orgName}（${candidate.categoryLabel}）`} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="orgId" label={label("org")} rules={req("org")}>
              <OrgPicker placeholder={tr("candidates.orgPlaceholder")} />
            </Form.Item>
            <Form.Item name="category" label={label("category")} rules={req("category")}>
              <Select
                options={categories.options}
                loading={categories.loading}
                placeholder={tr("common.pleaseSelect")}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="targetLevel" label={label("targetLevel")} rules={req("targetLevel")}>
          <Select options={levelOptions} placeholder={tr("common.pleaseSelect")} />
        </Form.Item>
        <Form.Item name="mentorOrgId" label={label("mentor")} extra={tr("candidates.mentorExtra")}>
          <OrgPicker placeholder={tr("candidates.mentorPlaceholder")} valueName={candidate?.mentorOrgName} />
        </Form.Item>
        {!candidate && (
          <Form.Item name="since" label={label("since")}>
            <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") > todayString()} />
          </Form.Item>
        )}
        <Form.Item name="note" label={label("note")}>
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
