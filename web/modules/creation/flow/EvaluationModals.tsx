import { useQuery } from "@tanstack/react-query";
import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import type { ApplicationDetail } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { applyServerErrors } from "../../../app/components/serverErrors";
import { t } from "../../../app/i18n";
import { MaterialPicker } from "../../materials/MaterialPicker";
import { tf } from "./shared";

type Expert = { userId: string; name: string; orgName: string; regionName: string };
const m = (key: string, params?: Record<string, string | number>) => tf(`applications.modals.${key}`, params);

/**
 * The pool of active 测评专家 to pick several from, each shown with its unit; `exclude` leaves out those already on
 * a panel. A form control (value: user ids), used by 分配测评专家 on one application and on many (批量分配专家).
 */
export function ExpertSelect({
  exclude,
  value,
  onChange,
}: {
  exclude?: Set<string>;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  // The pool is small (a few hundred at most): load it once and filter in the browser.
  const pool = useQuery({
    queryKey: ["creation-experts"],
    queryFn: () => api.get<Expert[]>("/api/creation/experts"),
    staleTime: 60_000,
  });
  return (
    <Select
      mode="multiple"
      loading={pool.isLoading}
      placeholder={m("expertsPlaceholder")}
      optionFilterProp="label"
      options={(pool.data ?? [])
        .filter((x) => !exclude?.has(x.userId))
        .map((x) => ({ value: x.userId, label: x.name, org: `${x.orgName}（${x.regionName}）` }))}
      optionRender={(o) => (
        <div>
          {o.label}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {o.data.org}
          </Typography.Text>
        </div>
      )}
      value={value}
      onChange={onChange}
      data-testid="expert-select"
    />
  );
}

/** 分配测评专家: picks from the pool of active 测评专家; those already on the panel are left out. */
export function ExpertAssignModal({
  application,
  onClose,
  onSaved,
}: {
  application: ApplicationDetail;
  onClose: () => void;
  onSaved: (saved: ApplicationDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userIds: string[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const active = (application.experts ?? []).filter((e) => e.status === "active");
  const onPanel = new Set(active.map((e) => e.userId));

  const submit = async ({ userIds }: { userIds: string[] }) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.post<ApplicationDetail>(`/api/creation/applications/${application.id}/experts`, {
        userIds,
      });
      message.success(tf("applications.messages.expertsAssigned"));
      onSaved(saved);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={m("assignTitle")}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{m("assignHint")}</Typography.Paragraph>
      {active.length > 0 && (
        <Typography.Paragraph>
          {m("expertsAssigned", { names: active.map((e) => e.name).join("、") })}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="expertAssign" layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}>
        <Form.Item
          name="userIds"
          label={m("experts")}
          rules={[{ required: true, message: t("common.select", { field: m("experts") }) }]}
        >
          <ExpertSelect exclude={onPanel} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type VisitValues = { visitedOn: Dayjs | null; members: string; notes: string; evidenceIds: string[] };

/** 实地考察: the date, the team, what was seen, photos from the material library. */
export function SiteVisitModal({
  application,
  onClose,
  onSaved,
}: {
  application: ApplicationDetail;
  onClose: () => void;
  onSaved: (saved: ApplicationDetail) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: VisitValues) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.post<ApplicationDetail>(`/api/creation/applications/${application.id}/site-visits`, {
        visitedOn: v.visitedOn?.format("YYYY-MM-DD"),
        members: v.members.trim(),
        notes: v.notes.trim(),
        evidenceIds: v.evidenceIds,
      });
      message.success(tf("applications.messages.visitRecorded"));
      onSaved(saved);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={m("visitTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      width={{ xs: "100%", md: 640 }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<VisitValues>
        form={form}
        name="siteVisit"
        layout="vertical"
        initialValues={{ visitedOn: dayjs(), members: "", notes: "", evidenceIds: [] }}
        onFinish={submit}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          name="visitedOn"
          label={m("visitedOn")}
          rules={[{ required: true, message: t("common.select", { field: m("visitedOn") }) }]}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} />
        </Form.Item>
        <Form.Item
          name="members"
          label={m("members")}
          rules={[{ required: true, whitespace: true, message: t("common.required", { field: m("members") }) }]}
        >
          <Input maxLength={300} placeholder={m("membersPlaceholder")} />
        </Form.Item>
        <Form.Item name="notes" label={m("notes")}>
          <Input.TextArea
            maxLength={5000}
            showCount
            autoSize={{ minRows: 3, maxRows: 10 }}
            placeholder={m("notesPlaceholder")}
          />
        </Form.Item>
        <Form.Item name="evidenceIds" label={m("visitEvidence")}>
          <MaterialPicker maxCount={50} data-testid="visit-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
