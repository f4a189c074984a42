/** The parts of a designation's drawer: revocation, self-checks, 复验 and the designation's history. */
import { useQuery } from "@tanstack/react-query";
import { Alert, Divider, Empty, Space, Table, Tag, Timeline, Typography } from "antd";
import {
  DESIGNATION_STATUS_LABELS,
  type DesignationStatus,
  REVOKE_REASON_LABELS,
  SELF_CHECK_STATUS_LABELS,
} from "../../../../contracts/creation";
import type { Material } from "../../../../contracts/materials";
import { api } from "../../../app/api";
import { StatusTag } from "../../../app/components/StatusTag";
import { formatDate, formatTime } from "../../../app/format";
import { t } from "../../../app/i18n";
import { MaterialList } from "../../materials/MaterialPicker";
import type { DesignationDetail } from "./DesignationForms";
import { REVERIFICATION_TAGS, tr } from "./shared";

const label = (key: string) => tr(`designations.fields.${key}`);

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

export function RevokeInfo({ d }: { d: DesignationDetail }) {
  return (
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
    </>
  );
}

type SelfCheckRow = DesignationDetail["selfChecks"][number];

export function SelfChecksTable({
  d,
  holder,
  onOpen,
}: {
  d: DesignationDetail;
  holder: boolean;
  onOpen: (s: SelfCheckRow) => void;
}) {
  return (
    <>
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
              <Typography.Link onClick={() => onOpen(s)} data-testid="self-check-open">
                {holder && s.status === "draft" ? tr("designations.fill") : tr("designations.view")}
              </Typography.Link>
            ),
          },
        ]}
      />
    </>
  );
}

type ReverificationRow = DesignationDetail["reverifications"][number];
export type DecideTarget = { id: string; passed: boolean; unitName: string; total: number | null };

export function ReverificationsTable({
  d,
  holder,
  manager,
  onOpen,
  onDecide,
}: {
  d: DesignationDetail;
  holder: boolean;
  manager: boolean;
  onOpen: (r: ReverificationRow) => void;
  onDecide: (target: DecideTarget) => void;
}) {
  return (
    <>
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
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr("designations.noReverifications")} />,
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
                  <Typography.Link onClick={() => onOpen(r)} data-testid="reverification-open">
                    {holder && r.status === "open" ? tr("designations.fill") : tr("designations.view")}
                  </Typography.Link>
                )}
                {manager && r.status === "submitted" && (
                  <Typography.Link
                    onClick={() => onDecide({ id: r.id, passed: true, unitName: d.unitName, total: r.total })}
                  >
                    {tr("designations.reverifyPass")}
                  </Typography.Link>
                )}
                {manager && (r.status === "open" || r.status === "submitted") && (
                  <Typography.Link
                    type="danger"
                    onClick={() => onDecide({ id: r.id, passed: false, unitName: d.unitName, total: r.total })}
                  >
                    {tr("designations.reverifyFail")}
                  </Typography.Link>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

export function DesignationEvents({ d }: { d: DesignationDetail }) {
  return (
    <>
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
  );
}
