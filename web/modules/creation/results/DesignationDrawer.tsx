import { DownOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { MenuProps } from "antd";
import { Alert, App, Button, Divider, Dropdown, Empty, Space, Table, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import {
  DESIGNATION_STATUS_LABELS,
  type DesignationStatus,
  REVOKE_REASON_LABELS,
  SELF_CHECK_STATUS_LABELS,
} from "../../../../contracts/creation";
import type { Material } from "../../../../contracts/materials";
import { api, download } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { DetailDrawer } from "../../../app/components/DetailDrawer";
import { StatusTag } from "../../../app/components/StatusTag";
import { formatDate, formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { MaterialList } from "../../materials/MaterialPicker";
import { useCertificatePdf } from "../print/certificatePdf";
import { DecideModal, type DesignationDetail, RevokeModal, SelfCheckStartModal } from "./DesignationForms";
import { SheetDrawer } from "./SheetDrawer";
import {
  DESIGNATION_TAGS,
  DrawerTitle,
  dash,
  daysUntil,
  levelLabel,
  managesRegion,
  REVERIFICATION_TAGS,
  tr,
} from "./shared";

const label = (key: string) => tr(`designations.fields.${key}`);
const LIVE: DesignationStatus[] = ["valid", "reverifying"];

export const designationKey = (id: string | null) => ["creation-designation", id] as const;

/** Downloads a designation's certificate (.docx). */
export function useCertificateDownload() {
  const { message } = App.useApp();
  return (d: { id: string; certificateNo: string }) =>
    download(`/api/creation/designations/${d.id}/certificate`, undefined, `${d.certificateNo}.docx`).catch((e: Error) =>
      message.error(tr("common.downloadFailed", { message: e.message })),
    );
}

export function ValidUntil({ date, status }: { date: string; status: string }) {
  const days = daysUntil(date);
  const live = LIVE.includes(status as DesignationStatus);
  return (
    <Space size={4} wrap>
      <span>{date}</span>
      {live && days >= 0 && days <= 183 && <Tag color="orange">{tr("designations.expiresIn", { days })}</Tag>}
    </Space>
  );
}

function RevokeMaterial({ id }: { id: string }) {
  const m = useQuery({
    queryKey: ["material", id],
    queryFn: () => api.get<Material>(`/api/materials/${id}`),
    retry: false,
    staleTime: 5 * 60_000,
  });
  if (m.error) return <Typography.Text type="secondary">{tr("designations.materialHidden")}</Typography.Text>;
  if (!m.data) return <Typography.Text type="secondary">{t("common.loading")}</Typography.Text>;
  return <MaterialList items={[m.data]} />;
}

type SheetTarget = {
  sheetId: string;
  title: string;
  finalizeLabel?: string;
  /** Submits the self-check or 复验 the sheet belongs to; only while the unit may still do so. */
  finalize?: () => Promise<void>;
};

/**
 * A designation: its facts, the yearly self-checks and 复验 with what the user may do on each, the history of
 * the designation (命名、自查、复验、撤销) and the audit trail. Actions appear only with their permission.
 */
export function DesignationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const downloadCertificate = useCertificateDownload();
  const downloadPdf = useCertificatePdf();
  const navigate = useNavigate();
  const [revoking, setRevoking] = useState<DesignationDetail | null>(null);
  const [starting, setStarting] = useState<DesignationDetail | null>(null);
  const [sheet, setSheet] = useState<SheetTarget | null>(null);
  const [deciding, setDeciding] = useState<{
    id: string;
    passed: boolean;
    unitName: string;
    total: number | null;
  } | null>(null);

  const q = useQuery({
    queryKey: designationKey(id),
    queryFn: () => api.get<DesignationDetail>(`/api/creation/designations/${id}`),
    enabled: !!id,
  });
  const d = q.data;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: designationKey(id) });
    qc.invalidateQueries({ queryKey: ["creation-designations"] });
    qc.invalidateQueries({ queryKey: ["history"] });
  };

  const live = !!d && LIVE.includes(d.status);
  const holder = !!d && can("creation:apply");
  const manager = !!d && can("creation:manage") && managesRegion(me, d.issuerRegionCode);

  const openSelfCheck = (s: { id: string; sheetId: string; year: number; status: string }) =>
    setSheet({
      sheetId: s.sheetId,
      title: tr("designations.selfCheckSheetTitle", { year: s.year, name: d?.unitName ?? "" }),
      ...(holder && s.status === "draft"
        ? {
            finalizeLabel: tr("designations.selfCheckSubmit"),
            finalize: async () => {
              await api.post(`/api/creation/self-checks/${s.id}/submit`);
              message.success(tr("designations.selfCheckSubmitted", { year: s.year }));
              setSheet(null);
              await refresh();
            },
          }
        : {}),
    });

  const openReverification = (r: DesignationDetail["reverifications"][number]) =>
    r.sheetId &&
    setSheet({
      sheetId: r.sheetId,
      title: tr("designations.reverifySheetTitle", { name: d?.unitName ?? "" }),
      ...(holder && r.status === "open"
        ? {
            finalizeLabel: tr("designations.reverifySubmit"),
            finalize: async () => {
              await api.post(`/api/creation/reverifications/${r.id}/submit`);
              message.success(tr("designations.reverifySubmitted"));
              setSheet(null);
              await refresh();
            },
          }
        : {}),
    });

  const menuItems: NonNullable<MenuProps["items"]> = [];
  if (d) menuItems.push({ key: "print", label: t("creation.print.menu.certificate") });
  if (d && can("creation:export"))
    menuItems.push(
      { key: "certificate", label: tr("designations.certificate") },
      { key: "certificatePdf", label: t("creation.print.certificate.pdf") },
    );
  if (d && holder && live) menuItems.push({ key: "selfCheck", label: tr("designations.selfCheckStart") });
  if (d && manager && live) menuItems.push({ key: "revoke", label: tr("designations.revoke"), danger: true });

  const items = d
    ? [
        { label: label("unit"), value: d.unitName },
        { label: label("status"), value: <StatusTag status={d.status} labels={DESIGNATION_TAGS} /> },
        { label: label("level"), value: levelLabel(d.level) },
        { label: label("category"), value: d.categoryLabel },
        { label: label("region"), value: d.regionName },
        {
          label: label("certificateNo"),
          value: <Typography.Text style={{ fontFamily: "monospace" }}>{d.certificateNo}</Typography.Text>,
        },
        { label: label("docNumber"), value: dash(d.docNumber) },
        { label: label("namedOn"), value: d.namedOn },
        {
          label: label("validity"),
          value: (
            <Space size={4} wrap>
              <span>{d.validFrom} ～</span>
              <ValidUntil date={d.validUntil} status={d.status} />
            </Space>
          ),
        },
        { label: label("renewals"), value: d.renewals },
      ]
    : [];

  return (
    <>
      <DetailDrawer
        open={!!id}
        onClose={onClose}
        title={<DrawerTitle>{d ? d.unitName : tr("designations.detailTitle")}</DrawerTitle>}
        items={q.error ? [{ label: t("common.status"), value: (q.error as Error).message }] : items}
        historyUrl={id ? `/api/creation/designations/${id}/history` : undefined}
        extra={
          menuItems.length > 0 && (
            <Dropdown
              trigger={["click"]}
              placement="bottomRight"
              menu={{
                items: menuItems,
                onClick: ({ key }) => {
                  if (!d) return;
                  if (key === "print") navigate(`/creation/designations/${d.id}/print`);
                  if (key === "certificate") downloadCertificate(d);
                  if (key === "certificatePdf") downloadPdf(d);
                  if (key === "selfCheck") setStarting(d);
                  if (key === "revoke") setRevoking(d);
                },
              }}
            >
              <Button data-testid="designation-actions">
                <Space size={4}>
                  {tr("designations.actionsMenu")}
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          )
        }
      >
        {d && (
          <>
            {d.status === "revoked" && (
              <Alert
                style={{ marginTop: 16 }}
                type="error"
                showIcon
                title={tr("designations.revokedOn", {
                  date: formatDate(d.revokedAt),
                  reason: d.revokeReason ? REVOKE_REASON_LABELS[d.revokeReason] : "—",
                  doc: d.revokeDocNumber ?? "—",
                })}
                description={
                  (d.revokeNote || d.revokeMaterialId) && (
                    <Space orientation="vertical" style={{ width: "100%" }}>
                      {d.revokeNote && <span>{d.revokeNote}</span>}
                      {d.revokeMaterialId && <RevokeMaterial id={d.revokeMaterialId} />}
                    </Space>
                  )
                }
                data-testid="revoke-info"
              />
            )}

            <Divider titlePlacement="start" plain>
              {tr("designations.selfChecks")}
            </Divider>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.selfChecks}
              scroll={{ x: "max-content" }}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr("designations.noSelfChecks")} />,
              }}
              data-testid="self-checks"
              columns={[
                { key: "year", title: label("year"), dataIndex: "year" },
                {
                  key: "status",
                  title: label("status"),
                  render: (_: unknown, s) => (
                    <Tag color={s.status === "submitted" ? "green" : "blue"}>{SELF_CHECK_STATUS_LABELS[s.status]}</Tag>
                  ),
                },
                {
                  key: "total",
                  title: label("score"),
                  render: (_: unknown, s) =>
                    s.total === null ? (
                      "—"
                    ) : (
                      <Space size={4}>
                        {s.total}
                        <Tag color={s.passed ? "green" : "red"}>{tr(s.passed ? "sheet.passed" : "sheet.failed")}</Tag>
                      </Space>
                    ),
                },
                {
                  key: "submittedAt",
                  title: label("submittedAt"),
                  render: (_: unknown, s) => formatTime(s.submittedAt),
                },
                {
                  key: "actions",
                  title: t("common.actions"),
                  render: (_: unknown, s) => (
                    <Typography.Link onClick={() => openSelfCheck(s)} data-testid="self-check-open">
                      {holder && s.status === "draft" ? tr("designations.fill") : tr("designations.view")}
                    </Typography.Link>
                  ),
                },
              ]}
            />

            <Divider titlePlacement="start" plain>
              {tr("designations.reverifications")}
            </Divider>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.reverifications}
              scroll={{ x: "max-content" }}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr("designations.noReverifications")} />
                ),
              }}
              data-testid="reverifications"
              columns={[
                {
                  key: "status",
                  title: label("status"),
                  render: (_: unknown, r) => <StatusTag status={r.status} labels={REVERIFICATION_TAGS} />,
                },
                { key: "dueOn", title: label("dueOn"), dataIndex: "dueOn" },
                {
                  key: "total",
                  title: label("score"),
                  render: (_: unknown, r) =>
                    r.total === null ? (
                      "—"
                    ) : (
                      <Space size={4}>
                        {r.total}
                        <Tag color={r.sheetPassed ? "green" : "red"}>
                          {tr(r.sheetPassed ? "sheet.passed" : "sheet.failed")}
                        </Tag>
                      </Space>
                    ),
                },
                {
                  key: "decided",
                  title: label("decision"),
                  render: (_: unknown, r) =>
                    r.decidedAt ? (
                      <div style={{ maxWidth: 220 }}>
                        <div>{`${formatDate(r.decidedAt)} · ${r.decidedByName ?? "—"}`}</div>
                        {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
                      </div>
                    ) : (
                      "—"
                    ),
                },
                {
                  key: "actions",
                  title: t("common.actions"),
                  render: (_: unknown, r) => (
                    <Space size={12} wrap>
                      {r.sheetId && (
                        <Typography.Link onClick={() => openReverification(r)} data-testid="reverification-open">
                          {holder && r.status === "open" ? tr("designations.fill") : tr("designations.view")}
                        </Typography.Link>
                      )}
                      {manager && r.status === "submitted" && (
                        <Typography.Link
                          onClick={() => setDeciding({ id: r.id, passed: true, unitName: d.unitName, total: r.total })}
                        >
                          {tr("designations.reverifyPass")}
                        </Typography.Link>
                      )}
                      {manager && (r.status === "open" || r.status === "submitted") && (
                        <Typography.Link
                          type="danger"
                          onClick={() => setDeciding({ id: r.id, passed: false, unitName: d.unitName, total: r.total })}
                        >
                          {tr("designations.reverifyFail")}
                        </Typography.Link>
                      )}
                    </Space>
                  ),
                },
              ]}
            />

            <Divider titlePlacement="start" plain>
              {tr("designations.events")}
            </Divider>
            <Timeline
              data-testid="designation-events"
              items={d.events.map((e) => ({
                key: e.id,
                color: e.kind === "revoked" || e.kind === "expired" ? "red" : e.kind === "named" ? "green" : "blue",
                content: (
                  <div>
                    <Typography.Text strong>{e.kindLabel}</Typography.Text>
                    {e.toStatus && e.fromStatus !== e.toStatus && (
                      <Typography.Text type="secondary">
                        {" "}
                        {tr("designations.statusTo", {
                          status: DESIGNATION_STATUS_LABELS[e.toStatus as DesignationStatus] ?? e.toStatus,
                        })}
                      </Typography.Text>
                    )}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(e.at)} · {e.actorName ?? "—"}
                      </Typography.Text>
                    </div>
                    {e.note && <div style={{ fontSize: 12, wordBreak: "break-word" }}>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </>
        )}
      </DetailDrawer>

      <RevokeModal
        designation={revoking}
        onClose={() => setRevoking(null)}
        onDone={async () => {
          setRevoking(null);
          await refresh();
        }}
      />
      <SelfCheckStartModal
        designation={starting}
        onClose={() => setStarting(null)}
        onStarted={async (s) => {
          setStarting(null);
          await refresh();
          openSelfCheck({ ...s, status: "draft" });
        }}
      />
      <DecideModal
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={async () => {
          setDeciding(null);
          await refresh();
        }}
      />
      <SheetDrawer
        sheetId={sheet?.sheetId ?? null}
        title={sheet?.title ?? ""}
        finalizeLabel={sheet?.finalizeLabel}
        finalize={sheet?.finalize}
        onClose={() => setSheet(null)}
      />
    </>
  );
}
