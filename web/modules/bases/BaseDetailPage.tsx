import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Input, InputNumber, Space, Tabs, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import type { BaseView } from "../../../contracts/bases";
import { api, download } from "../../app/api";
import { BaseForm } from "./BaseForm";
import { refreshBase, useBase } from "./basesApi";
import { CheckInPanel } from "./CheckInPanel";
import { BASE_LEVEL_LABELS, BASE_STATUS_LABELS, STATUS_COLORS } from "./labels";
import { PageEditor } from "./PageEditor";
import { ReportsPanel } from "./ReportsPanel";
import { SessionsPanel } from "./SessionsPanel";
import { basesZh as z } from "./zh-CN";

/** A base: its registry entry, its digital page, sessions and bookings, check-in and monthly reports. */
export default function BaseDetailPage() {
  const { id = "" } = useParams();
  const { data: base } = useBase(id);
  // The open tab is in the address (?tab=page), so a print view's 返回 comes back to it.
  const [params, setParams] = useSearchParams();
  if (!base) return <Card loading />;
  const staffOrSupervisor = base.access !== "read";
  return (
    <Card title={base.name}>
      <Tabs
        activeKey={params.get("tab") ?? "info"}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        items={[
          { key: "info", label: z.tabs.info, children: <BaseInfo base={base} /> },
          ...(staffOrSupervisor
            ? [
                { key: "page", label: z.tabs.page, children: <PageEditor base={base} /> },
                { key: "sessions", label: z.tabs.sessions, children: <SessionsPanel base={base} /> },
                ...(base.access !== "supervise" || base.operatingOrgId
                  ? [{ key: "checkin", label: z.tabs.checkIn, children: <CheckInPanel base={base} /> }]
                  : []),
                { key: "reports", label: z.tabs.reports, children: <ReportsPanel base={base} /> },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function BaseInfo({ base }: { base: BaseView }) {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const f = z.fields;
  const act = async (path: string, body?: unknown) => {
    await api.post(`/api/bases/${base.id}/${path}`, body);
    await refreshBase(qc, base.id);
    message.success(z.saved);
  };
  const askReason = (title: string, then: (reason: string) => Promise<void>) => {
    let reason = "";
    modal.confirm({
      title,
      content: <Input.TextArea rows={3} placeholder={z.reasonPrompt} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => then(reason),
    });
  };
  const supervise = base.access === "supervise";
  return (
    <>
      {base.access !== "read" && <SummaryExport base={base} />}
      {supervise && base.status !== "revoked" && (
        <Space style={{ marginBottom: 16 }}>
          <Button onClick={() => setEditing(true)}>{z.actions.edit}</Button>
          {base.status === "active" && <Button onClick={() => act("review")}>{z.actions.review}</Button>}
          {base.status === "reviewing" && (
            <Button
              onClick={() =>
                act("renew", { renewedOn: new Date().toISOString().slice(0, 10), termYears: base.termYears })
              }
            >
              {z.actions.renew}
            </Button>
          )}
          <Button danger onClick={() => askReason(z.actions.revoke, (reason) => act("revoke", { reason }))}>
            {z.actions.revoke}
          </Button>
        </Space>
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={f.kind}>{base.kindLabel}</Descriptions.Item>
        <Descriptions.Item label={f.level}>{BASE_LEVEL_LABELS[base.level]}</Descriptions.Item>
        <Descriptions.Item label={f.region}>{base.regionName}</Descriptions.Item>
        <Descriptions.Item label={f.operatingOrg}>{base.operatingOrgName}</Descriptions.Item>
        <Descriptions.Item label={f.supervisingOrg}>{base.supervisingOrgName}</Descriptions.Item>
        <Descriptions.Item label={f.status}>
          <Tag color={STATUS_COLORS[base.status]}>{BASE_STATUS_LABELS[base.status]}</Tag>
          {base.reviewDue && <Tag color="orange">{f.reviewDue}</Tag>}
          {base.revokeReason}
        </Descriptions.Item>
        <Descriptions.Item label={f.namedOn}>{base.namedOn}</Descriptions.Item>
        <Descriptions.Item label={f.termEndsOn}>{base.termEndsOn}</Descriptions.Item>
        <Descriptions.Item label={f.address}>{base.address ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={f.openingHours}>{base.openingHours ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={f.closedDays}>{base.closedDays ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={f.contactPhone}>{base.contactPhone ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={f.description} span={2}>
          {base.description ?? "—"}
        </Descriptions.Item>
      </Descriptions>
      {editing && (
        <BaseForm
          base={base}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refreshBase(qc, base.id);
          }}
        />
      )}
    </>
  );
}

/** The base's annual summary (.docx) of a year: for the staff to send up and the department to file. */
function SummaryExport({ base }: { base: BaseView }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    try {
      await download(`/api/bases/${base.id}/summary.docx`, { year }, `${base.name}${year}年度工作总结.docx`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space style={{ marginBottom: 16, marginRight: 16 }}>
      {z.summary.year}
      <InputNumber aria-label={z.summary.year} value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} />
      <Button onClick={get} loading={busy}>
        {z.summary.export}
      </Button>
    </Space>
  );
}
