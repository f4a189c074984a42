import { CloseOutlined, EyeOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import type { z } from "zod";
import type { Notice, ObjectionEffect, objectionSchema } from "../../../../contracts/creation";
import { OBJECTION_EFFECT_LABELS, OBJECTION_EFFECTS, OBJECTION_STATUS_LABELS } from "../../../../contracts/creation";
import { api, type Page } from "../../../app/api";
import { DetailDrawer } from "../../../app/components/DetailDrawer";
import { FormErrorAlert, useServerForm } from "../../../app/components/FormDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../../app/components/ListPage";
import { StatusTag } from "../../../app/components/StatusTag";
import { formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { DrawerTitle, LongText, OBJECTION_TAGS, tr, useLinkedParam, useWide } from "./shared";

type Objection = z.infer<typeof objectionSchema>;

const LIST_ID = "creation-objections";
const label = (key: string) => tr(`objections.fields.${key}`);

/** The objector's full name or phone, on request; the server records the read in the audit trail. */
function Reveal({ objection, field, masked }: { objection: Objection; field: "name" | "phone"; masked: string }) {
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (value)
    return (
      <Space size={6} wrap>
        <Typography.Text copyable data-testid={`objection-${field}-full`}>
          {value}
        </Typography.Text>
        <Tag icon={<SafetyCertificateOutlined />} color="orange">
          {tr("objections.revealed")}
        </Tag>
      </Space>
    );
  return (
    <Space size={8} wrap>
      <span>{masked}</span>
      <Button
        size="small"
        icon={<EyeOutlined />}
        loading={loading}
        data-testid={`objection-reveal-${field}`}
        onClick={async () => {
          setLoading(true);
          try {
            const r = await api.get<{ value: string }>(`/api/creation/objections/${objection.id}/reveal`, { field });
            setValue(r.value);
          } catch (e) {
            message.error((e as Error).message);
          } finally {
            setLoading(false);
          }
        }}
      >
        {tr("objections.reveal")}
      </Button>
    </Space>
  );
}

/** 异议处理: objections from the public on published notices; contact details masked, investigated and answered. */
export default function ObjectionsPage() {
  const wide = useWide();
  const qc = useQueryClient();
  const [detailId, setDetailId] = useLinkedParam("id");
  const [noticeId, setNoticeId] = useLinkedParam("noticeId");
  const [action, setAction] = useState<{ kind: "investigate" | "reply"; objection: Objection } | null>(null);

  const detail = useQuery({
    queryKey: ["creation-objection", detailId],
    queryFn: () => api.get<Objection>(`/api/creation/objections/${detailId}`),
    enabled: !!detailId,
  });
  const notices = useQuery({
    queryKey: ["creation-notices-published"],
    queryFn: () => api.get<Page<Notice>>("/api/creation/notices", { status: "published", pageSize: 100 }),
    staleTime: 60_000,
  });
  const noticeTitle = notices.data?.items.find((n) => n.id === noticeId)?.title;

  const refresh = () => {
    qc.invalidateQueries({ queryKey: [LIST_ID] });
    qc.invalidateQueries({ queryKey: ["creation-objection"] });
  };

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: tr("objections.keywordPlaceholder") },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: Object.entries(OBJECTION_STATUS_LABELS).map(([value, l]) => ({ value, label: l })),
      },
    ],
    [],
  );

  const actions = (o: Objection) =>
    o.status === "answered" ? null : (
      <>
        <Typography.Link onClick={() => setAction({ kind: "investigate", objection: o })}>
          {tr("objections.investigate")}
        </Typography.Link>
        <Typography.Link onClick={() => setAction({ kind: "reply", objection: o })} data-testid="objection-reply">
          {tr("objections.reply")}
        </Typography.Link>
      </>
    );

  const columns: ListColumn<Objection>[] = [
    {
      key: "createdAt",
      title: label("createdAt"),
      dataIndex: "createdAt",
      fixed: "left",
      render: (v: string, o) => (
        <Typography.Link onClick={() => setDetailId(o.id)} data-testid="objection-open">
          {formatTime(v)}
        </Typography.Link>
      ),
    },
    {
      key: "status",
      title: label("status"),
      dataIndex: "status",
      render: (s: string) => <StatusTag status={s} labels={OBJECTION_TAGS} />,
    },
    {
      key: "target",
      title: label("target"),
      render: (_: unknown, o) => o.applicationOrgName ?? tr("objections.wholeNotice"),
    },
    { key: "content", title: label("content"), dataIndex: "content", ellipsis: true, width: 260 },
    { key: "notice", title: label("notice"), dataIndex: "noticeTitle", ellipsis: true, width: 240 },
    { key: "name", title: label("name"), dataIndex: "nameMasked" },
    { key: "phone", title: label("phone"), dataIndex: "phoneMasked" },
    {
      key: "effect",
      title: label("effect"),
      dataIndex: "effect",
      render: (e: ObjectionEffect | null) => (e ? OBJECTION_EFFECT_LABELS[e] : "—"),
    },
    { key: "answeredAt", title: label("answeredAt"), dataIndex: "answeredAt", render: formatTime, defaultHidden: true },
    { key: "handledBy", title: label("handledBy"), dataIndex: "handledByName", render: (v) => v ?? "—" },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      render: (_: unknown, o) => (
        <Space size={12}>
          <Typography.Link onClick={() => setDetailId(o.id)}>{t("common.detail")}</Typography.Link>
          {actions(o)}
        </Space>
      ),
    },
  ];

  const o = detail.data;
  const items = o
    ? [
        { label: label("notice"), value: o.noticeTitle },
        { label: label("target"), value: o.applicationOrgName ?? tr("objections.wholeNotice") },
        { label: label("name"), value: <Reveal key={`n${o.id}`} objection={o} field="name" masked={o.nameMasked} /> },
        {
          label: label("phone"),
          value: <Reveal key={`p${o.id}`} objection={o} field="phone" masked={o.phoneMasked} />,
        },
        { label: label("content"), value: <LongText value={o.content} /> },
        { label: label("status"), value: <StatusTag status={o.status} labels={OBJECTION_TAGS} /> },
        { label: label("investigation"), value: <LongText value={o.investigation} /> },
        { label: label("reply"), value: <LongText value={o.reply} /> },
        { label: label("effect"), value: o.effect ? OBJECTION_EFFECT_LABELS[o.effect] : "—" },
        { label: label("handledBy"), value: o.handledByName ?? "—" },
        { label: label("createdAt"), value: formatTime(o.createdAt) },
        { label: label("answeredAt"), value: formatTime(o.answeredAt) },
      ]
    : [];

  return (
    <>
      <ListPage<Objection>
        id={LIST_ID}
        url="/api/creation/objections"
        title={
          <Space size={8} wrap>
            <span>{tr("objections.listTitle")}</span>
            {noticeId && (
              <Tag closeIcon={<CloseOutlined />} onClose={() => setNoticeId(null)} color="processing">
                {tr("objections.ofNotice", { title: noticeTitle ?? "…" })}
              </Tag>
            )}
          </Space>
        }
        filters={filters}
        columns={columns}
        fixedQuery={{ noticeId: noticeId ?? undefined }}
      />

      <DetailDrawer
        open={!!detailId}
        onClose={() => setDetailId(null)}
        title={<DrawerTitle>{tr("objections.detailTitle")}</DrawerTitle>}
        items={detail.error ? [{ label: t("common.status"), value: (detail.error as Error).message }] : items}
        extra={
          o &&
          o.status !== "answered" && (
            <Space>
              <Button
                onClick={() => setAction({ kind: "investigate", objection: o })}
                data-testid="objection-investigate"
              >
                {tr("objections.investigate")}
              </Button>
              <Button type="primary" onClick={() => setAction({ kind: "reply", objection: o })}>
                {tr("objections.reply")}
              </Button>
            </Space>
          )
        }
      >
        {o && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {tr("objections.privacyNote")}
          </Typography.Paragraph>
        )}
      </DetailDrawer>

      <ObjectionActionModal
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          refresh();
        }}
      />
    </>
  );
}

type ActionValues = { note?: string; reply?: string; effect?: ObjectionEffect };

/** 记录调查 (a note, added to what was recorded before) or 答复 (the reply and its effect on the naming). */
function ObjectionActionModal({
  action,
  onClose,
  onDone,
}: {
  action: { kind: "investigate" | "reply"; objection: Objection } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const { saving, error, run } = useServerForm(form);
  const effect = Form.useWatch("effect", form);
  const o = action?.objection;

  const submit = (v: ActionValues) => {
    if (!action || !o) return;
    return run(async () => {
      if (action.kind === "investigate") {
        await api.post(`/api/creation/objections/${o.id}/investigate`, { note: (v.note ?? "").trim() });
        message.success(tr("objections.investigated"));
      } else {
        await api.post(`/api/creation/objections/${o.id}/reply`, { reply: (v.reply ?? "").trim(), effect: v.effect });
        message.success(tr("objections.replied"));
      }
      onDone();
    });
  };

  return (
    <Modal
      open={!!action}
      title={action ? tr(action.kind === "investigate" ? "objections.investigateTitle" : "objections.replyTitle") : ""}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action?.kind === "reply" ? tr("objections.reply") : t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      destroyOnHidden
    >
      {o && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>
            {o.content}
          </Typography.Paragraph>
          <FormErrorAlert error={error} style={{}} />
          <Form
            form={form}
            name="objectionAction"
            layout="vertical"
            onFinish={submit}
            initialValues={{ effect: "none" }}
            preserve={false}
            data-testid="objection-action-form"
          >
            {action?.kind === "investigate" ? (
              <Form.Item
                name="note"
                label={label("investigation")}
                extra={tr("objections.investigateExtra")}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t("common.required", { field: label("investigation") }),
                  },
                ]}
              >
                <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
              </Form.Item>
            ) : (
              <>
                <Form.Item
                  name="reply"
                  label={label("reply")}
                  extra={tr("objections.replyExtra")}
                  rules={[
                    { required: true, whitespace: true, message: t("common.required", { field: label("reply") }) },
                  ]}
                >
                  <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
                </Form.Item>
                <Form.Item name="effect" label={label("effect")} rules={[{ required: true }]}>
                  <Radio.Group
                    options={OBJECTION_EFFECTS.map((e) => ({
                      value: e,
                      label: OBJECTION_EFFECT_LABELS[e],
                      disabled: e !== "none" && !o.applicationId,
                    }))}
                  />
                </Form.Item>
                {!o.applicationId && <Alert type="info" showIcon title={tr("objections.wholeNoticeHint")} />}
                {effect && effect !== "none" && (
                  <Alert
                    type="warning"
                    showIcon
                    title={tr("objections.effectWarning", {
                      org: o.applicationOrgName ?? "",
                      effect: OBJECTION_EFFECT_LABELS[effect],
                    })}
                  />
                )}
              </>
            )}
          </Form>
        </Space>
      )}
    </Modal>
  );
}
