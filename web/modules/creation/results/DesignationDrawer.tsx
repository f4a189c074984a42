import { DownOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { MenuProps } from "antd";
import { App, Button, Dropdown, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type { DesignationStatus } from "../../../../contracts/creation";
import { api, download } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { DetailDrawer } from "../../../app/components/DetailDrawer";
import { StatusTag } from "../../../app/components/StatusTag";
import { t } from "../../../app/i18n";
import { useCertificatePdf } from "../print/certificatePdf";
import { DecideModal, type DesignationDetail, RevokeModal, SelfCheckStartModal } from "./DesignationForms";
import {
  type DecideTarget,
  DesignationEvents,
  ReverificationsTable,
  RevokeInfo,
  SelfChecksTable,
} from "./DesignationSections";
import { SheetDrawer } from "./SheetDrawer";
import { DESIGNATION_TAGS, DrawerTitle, dash, daysUntil, levelLabel, managesRegion, tr } from "./shared";

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
export function DesignationDrawer({
  id,
  onClose,
  startSelfCheck = false,
  onSelfCheckShown,
}: {
  id: string | null;
  onClose: () => void;
  /** Opened from an overdue 年度自查 reminder: the self-check's start comes up at once (for the unit itself). */
  startSelfCheck?: boolean;
  onSelfCheckShown?: () => void;
}) {
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const downloadCertificate = useCertificateDownload();
  const downloadPdf = useCertificatePdf();
  const navigate = useNavigate();
  const [revoking, setRevoking] = useState<DesignationDetail | null>(null);
  const [starting, setStarting] = useState<DesignationDetail | null>(null);
  const [sheet, setSheet] = useState<SheetTarget | null>(null);
  const [deciding, setDeciding] = useState<DecideTarget | null>(null);

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
  useEffect(() => {
    if (!startSelfCheck || !d || d.id !== id) return;
    if (holder && live) setStarting(d);
    onSelfCheckShown?.();
  }, [startSelfCheck, d, id, holder, live, onSelfCheckShown]);

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
            <RevokeInfo d={d} />
            <SelfChecksTable d={d} holder={holder} onOpen={openSelfCheck} />
            <ReverificationsTable
              d={d}
              holder={holder}
              manager={manager}
              onOpen={openReverification}
              onDecide={setDeciding}
            />
            <DesignationEvents d={d} />
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
