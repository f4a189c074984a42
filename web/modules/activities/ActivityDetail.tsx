import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import type { ActivityView } from "../../../contracts/activities";
import { api } from "../../app/api";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";
import { MaterialList } from "../materials/MaterialPicker";
import { ActivityForm } from "./ActivityForm";
import { activityKeys, evidenceHref, refreshActivity, useActivity } from "./activityApi";

export const STATUS_TAGS = {
  draft: { color: "default", label: t("activities.status.draft") },
  submitted: { color: "blue", label: t("activities.status.submitted") },
  confirmed: { color: "green", label: t("activities.status.confirmed") },
  returned: { color: "red", label: t("activities.status.returned") },
};

const f = (k: string) => t(`activities.fields.${k}`);

function Revisions({ id }: { id: string }) {
  const q = useQuery({
    queryKey: activityKeys.revisions(id),
    queryFn: () =>
      api.get<{ revision: number; reason: string | null; changedByName: string; changedAt: string }[]>(
        `/api/activities/${id}/revisions`,
      ),
  });
  if (!q.data?.length) return null;
  return (
    <List
      size="small"
      header={t("activities.messages.revisions")}
      dataSource={q.data}
      renderItem={(r) => (
        <List.Item>
          {t("activities.messages.revisionLine", {
            revision: r.revision + 1,
            name: r.changedByName,
            at: new Date(r.changedAt).toLocaleString("zh-CN"),
            reason: r.reason ? `：${r.reason}` : "",
          })}
        </List.Item>
      )}
    />
  );
}

/** A record: details, photos (opened through the record), integrity flags for the reviewer, revisions, actions. */
export function ActivityDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useActivity(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form, setForm] = useState<"edit" | "correct" | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const a = q.data;

  const act = async (action: "submit" | "confirm", done: string) => {
    if (!a) return;
    try {
      await api.post<ActivityView>(`/api/activities/${a.id}/${action}`);
      message.success(t(`activities.messages.${done}`));
      await refreshActivity(qc, a.id);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const doReturn = async () => {
    if (!a || !reason.trim()) return message.warning(t("activities.messages.reasonRequired"));
    try {
      await api.post(`/api/activities/${a.id}/return`, { reason: reason.trim() });
      message.success(t("activities.messages.returned"));
      setReturning(false);
      await refreshActivity(qc, a.id);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const extra = a && (
    <Space wrap>
      {a.actions.includes("update") && <Button onClick={() => setForm("edit")}>{t("activities.actions.edit")}</Button>}
      {a.actions.includes("submit") && (
        <Button type="primary" onClick={() => act("submit", "submitted")} data-testid="activity-submit">
          {t("activities.actions.submit")}
        </Button>
      )}
      {a.actions.includes("correct") && (
        <Button onClick={() => setForm("correct")}>{t("activities.actions.correct")}</Button>
      )}
      {a.actions.includes("confirm") && (
        <Button type="primary" onClick={() => act("confirm", "confirmed")} data-testid="activity-confirm">
          {t("activities.actions.confirm")}
        </Button>
      )}
      {a.actions.includes("return") && (
        <Button danger onClick={() => setReturning(true)}>
          {t("activities.actions.return")}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <DetailDrawer
        open={!!id}
        onClose={onClose}
        title={a?.title ?? ""}
        extra={extra}
        historyUrl={id ? `/api/activities/${id}/history` : undefined}
        items={
          a
            ? [
                { label: t("activities.columns.status"), value: <StatusTag status={a.status} labels={STATUS_TAGS} /> },
                { label: t("activities.columns.type"), value: a.typeLabel },
                { label: t("activities.columns.domain"), value: a.domainLabel },
                {
                  label: t("activities.columns.date"),
                  value: a.startDate === a.endDate ? a.startDate : `${a.startDate} 至 ${a.endDate}`,
                },
                { label: t("activities.columns.region"), value: `${a.regionName}${a.address ? ` ${a.address}` : ""}` },
                { label: t("activities.columns.org"), value: a.orgName },
                { label: f("coOrgIds"), value: a.coOrgs.map((o) => o.name).join("、") || "—" },
                {
                  label: t("activities.columns.participants"),
                  value: `${a.participantTotal}（${a.participants.map((p) => `${p.label} ${p.count}`).join("，") || "—"}）`,
                },
                { label: f("summary"), value: <Typography.Paragraph>{a.summary ?? "—"}</Typography.Paragraph> },
                {
                  label: t("activities.detail.mediaLinks"),
                  value: a.mediaLinks.length
                    ? a.mediaLinks.map((m) => (
                        <div key={m.url}>
                          <a href={m.url} target="_blank" rel="noreferrer noopener">
                            {m.title}
                          </a>
                        </div>
                      ))
                    : "—",
                },
                { label: t("activities.detail.isPublic"), value: a.isPublic ? "是" : "否" },
                ...(a.returnReason ? [{ label: f("returnReason"), value: a.returnReason }] : []),
                ...(a.confirmedByName ? [{ label: f("confirmedBy"), value: a.confirmedByName }] : []),
              ]
            : []
        }
      >
        {a && (
          <>
            {a.flags.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                style={{ margin: "12px 0" }}
                title={t("activities.messages.flagsTitle")}
                description={a.flags.map((x) => (
                  <div key={`${x.kind}-${x.materialId}-${x.otherActivityId}`} data-testid="activity-flag">
                    <Tag color="orange" style={{ whiteSpace: "normal", maxWidth: "100%" }}>
                      {a.photos.find((p) => p.id === x.materialId)?.title ?? ""}
                    </Tag>
                    {x.message}
                  </div>
                ))}
              />
            ) : (
              a.photos.length > 0 && (
                <Typography.Text type="secondary">{t("activities.messages.noFlags")}</Typography.Text>
              )
            )}
            <MaterialList
              items={[...a.photos, ...a.files].map((m) => ({ ...m, size: 0 }))}
              hrefFor={evidenceHref(a.id)}
            />
            <Revisions id={a.id} />
          </>
        )}
      </DetailDrawer>
      {a && form && (
        <ActivityForm
          open
          activity={a}
          mode={form}
          onClose={() => setForm(null)}
          onSaved={async () => {
            setForm(null);
            await refreshActivity(qc, a.id);
          }}
        />
      )}
      <Modal
        open={returning}
        title={t("activities.actions.return")}
        onCancel={() => setReturning(false)}
        onOk={doReturn}
        destroyOnHidden
      >
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
