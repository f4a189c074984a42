import { Alert, Button, Descriptions, Empty, Grid, Space, Steps, Table, Tag, Timeline, Typography } from "antd";
import { useNavigate } from "react-router";
import type { ApplicationDetail } from "../../../../contracts/creation";
import { formatDate, formatTime } from "../../../app/format";
import { MaterialList } from "../../materials/MaterialPicker";
import { evidenceHrefs, points, regionOnly, SheetStatusTag, tf } from "./shared";

const d = (key: string, params?: Record<string, string | number>) => tf(`applications.detail.${key}`, params);

type Chain = ApplicationDetail["chain"];

/** 逐级推荐: submission, then each reviewing level (苏木 → 旗 → 市 …), the last one accepting. */
export function ReviewChain({ app }: { app: ApplicationDetail }) {
  const phone = !Grid.useBreakpoint().md;
  if (app.chain.length === 0) return <Typography.Text type="secondary">{d("chainPending")}</Typography.Text>;
  const returned = app.status === "returned";
  // While returned, the level that returned it shows the error mark (review resumes there).
  const returnedAt = returned ? lastEvent(app, "return")?.levelCode : null;
  const stepStatus = (c: Chain[number]) =>
    returnedAt === c.regionCode
      ? ("error" as const)
      : c.state === "done"
        ? ("finish" as const)
        : c.state === "current"
          ? ("process" as const)
          : ("wait" as const);
  return (
    <Steps
      orientation={phone ? "vertical" : "horizontal"}
      size="small"
      data-testid="review-chain"
      items={[
        {
          title: tf("applications.actions.submit"),
          status: app.submittedAt ? "finish" : "wait",
          content: app.submittedAt ? formatTime(app.submittedAt) : undefined,
        },
        ...app.chain.map((c) => ({
          title: c.regionName,
          status: stepStatus(c),
          content: `${tf(`reviewRole.${c.role}`)} · ${
            returnedAt === c.regionCode ? tf("applicationStatus.returned") : tf(`reviewState.${c.state}`)
          }`,
        })),
      ]}
    />
  );
}

export function lastEvent(app: ApplicationDetail, action: string) {
  return [...app.events].reverse().find((e) => e.action === action);
}

/** What the applicant must know now: why it was returned, rejected or withdrawn. */
export function StatusAlert({ app }: { app: ApplicationDetail }) {
  if (app.status === "returned") {
    const e = lastEvent(app, "return");
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="returned-alert"
        title={
          e?.levelName
            ? d("returnedAlert", { level: regionOnly(e.levelName, e.levelCode), reason: e.note ?? "" })
            : d("returnedAlertNoLevel", { reason: e?.note ?? "" })
        }
      />
    );
  }
  if (app.status === "rejected") {
    const reason = app.result?.note ?? lastEvent(app, "reject")?.note ?? "";
    return <Alert type="error" showIcon title={d("rejectedAlert", { reason })} />;
  }
  if (app.status === "withdrawn")
    return (
      <Alert type="info" showIcon title={d("withdrawnAlert", { reason: lastEvent(app, "withdraw")?.note ?? "" })} />
    );
  return null;
}

/** For the applicant while it can still submit: the three things to do, with where each stands. */
export function NextSteps({ app }: { app: ApplicationDetail }) {
  if (!app.can.submit) return null;
  const self = app.selfSheet;
  const selfDone = self?.status === "submitted" && self.passed;
  const contentDone = app.statement.trim().length > 0;
  return (
    <Alert
      type="info"
      showIcon
      title={d("nextSteps")}
      description={
        <Steps
          orientation="vertical"
          size="small"
          items={[
            { title: d("stepContent"), status: contentDone ? "finish" : "process" },
            {
              title: d("stepSelf"),
              status: selfDone ? "finish" : self?.status === "submitted" ? "error" : "process",
              content: self ? <SelfSummary app={app} /> : undefined,
            },
            { title: d("stepSubmit"), status: "wait" },
          ]}
        />
      }
    />
  );
}

export function SelfSummary({ app }: { app: ApplicationDetail }) {
  const self = app.selfSheet;
  if (!self) return <Typography.Text type="secondary">{tf("none")}</Typography.Text>;
  if (self.status !== "submitted")
    return (
      <Space size={4} wrap>
        <SheetStatusTag status={self.status} />
        <Typography.Text type="secondary">{d("selfNotStarted")}</Typography.Text>
      </Space>
    );
  return (
    <Space size={4} wrap>
      <Typography.Text>{d("selfSubmitted", { total: points(self.total) })}</Typography.Text>
      <Tag color={self.passed ? "green" : "red"}>{self.passed ? d("selfPassed") : d("selfNotPassed")}</Tag>
      {self.vetoFailed.length > 0 && (
        <Typography.Text type="danger">{d("selfVeto", { items: self.vetoFailed.join("、") })}</Typography.Text>
      )}
    </Space>
  );
}

/** 申报材料: the 创建工作总结 and the evidence files. */
export function ContentPanel({ app }: { app: ApplicationDetail }) {
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <div>
        <Typography.Title level={5}>{tf("applications.fields.statement")}</Typography.Title>
        {app.statement ? (
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }} data-testid="application-statement">
            {app.statement}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{d("noStatement")}</Typography.Text>
        )}
      </div>
      <div>
        <Typography.Title level={5}>{tf("applications.fields.evidenceIds")}</Typography.Title>
        <MaterialList items={app.evidence} hrefFor={evidenceHrefs(app.id)} />
      </div>
    </Space>
  );
}

/** 自评: the sheet's standing, and the way to it. */
export function SelfPanel({ app }: { app: ApplicationDetail }) {
  const navigate = useNavigate();
  const self = app.selfSheet;
  if (!self) return <Empty description={tf("none")} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: "status", label: d("selfStatus"), children: <SheetStatusTag status={self.status} /> },
          { key: "total", label: d("selfTotal"), children: <SelfSummary app={app} /> },
        ]}
      />
      <Button
        onClick={() => navigate(`/creation/applications/${app.id}/sheets/${self.id}`)}
        data-testid="open-self-sheet"
      >
        {tf(
          app.can.edit && self.status !== "submitted"
            ? "applications.actions.selfAssessment"
            : "applications.actions.viewSelfAssessment",
        )}
      </Button>
    </Space>
  );
}

/** 审核记录: every step of the flow with who, when, which level and why. */
export function EventsPanel({ app }: { app: ApplicationDetail }) {
  if (!app.events.length) return <Empty description={d("noEvents")} />;
  const color = (action: string) =>
    ["return", "reject", "withdraw"].includes(action) ? "red" : action === "skip_level" ? "gray" : "blue";
  return (
    <Timeline
      data-testid="application-events"
      items={[...app.events].reverse().map((e) => ({
        key: e.id,
        color: color(e.action),
        content: (
          <div>
            <Typography.Text strong>{e.actionLabel}</Typography.Text>
            {e.levelName && <Typography.Text> · {regionOnly(e.levelName, e.levelCode)}</Typography.Text>}
            {e.toStatus && e.toStatus !== e.fromStatus && (
              <Tag style={{ marginInlineStart: 8 }}>{tf(`applicationStatus.${e.toStatus}`)}</Tag>
            )}
            <div>
              <Typography.Text type="secondary">
                {formatTime(e.at)}
                {e.actorName && ` · ${e.actorName}`}
              </Typography.Text>
            </div>
            {e.note && <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** 测评: the panel of experts with their sheets (organiser only), site visits and the 审定 result. */
export function EvaluationPanel({
  app,
  onWithdrawExpert,
}: {
  app: ApplicationDetail;
  onWithdrawExpert?: (expert: NonNullable<ApplicationDetail["experts"]>[number]) => void;
}) {
  const navigate = useNavigate();
  const experts = app.experts;
  const active = experts?.filter((e) => e.status === "active") ?? [];
  const submitted = active.filter((e) => e.sheetStatus === "submitted").length;
  const col = (key: string) => d(`expertColumns.${key}`);
  return (
    <Space orientation="vertical" size={20} style={{ width: "100%" }}>
      <ResultBlock app={app} />
      <div>
        <Typography.Title level={5}>
          {d("experts")}
          {active.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: "normal", marginInlineStart: 8 }}>
              {d("expertsProgress", { submitted, total: active.length })}
            </Typography.Text>
          )}
        </Typography.Title>
        {experts === null ? (
          <Typography.Text type="secondary">{d("expertsHidden")}</Typography.Text>
        ) : (
          <Table
            size="small"
            rowKey="userId"
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={experts}
            locale={{ emptyText: d("noExperts") }}
            data-testid="expert-table"
            columns={[
              { key: "name", title: col("name"), dataIndex: "name" },
              {
                key: "status",
                title: col("status"),
                render: (_, e) => (
                  <Tag color={e.status === "active" ? "blue" : "default"}>{tf(`expertStatus.${e.status}`)}</Tag>
                ),
              },
              {
                key: "sheet",
                title: col("sheetStatus"),
                render: (_, e) => <SheetStatusTag status={e.sheetStatus} />,
              },
              { key: "total", title: col("total"), align: "right", render: (_, e) => points(e.total) },
              {
                key: "veto",
                title: col("veto"),
                render: (_, e) =>
                  e.vetoFailed.length ? (
                    <Typography.Text type="danger">{e.vetoFailed.join("、")}</Typography.Text>
                  ) : (
                    tf("none")
                  ),
              },
              {
                key: "actions",
                title: "",
                render: (_, e) => (
                  <Space size={12}>
                    <Typography.Link onClick={() => navigate(`/creation/applications/${app.id}/sheets/${e.sheetId}`)}>
                      {tf("applications.actions.viewSheet")}
                    </Typography.Link>
                    {onWithdrawExpert && e.status === "active" && e.sheetStatus !== "submitted" && (
                      <Typography.Link type="danger" onClick={() => onWithdrawExpert(e)}>
                        {tf("applications.actions.withdrawExpert")}
                      </Typography.Link>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </div>
      <div>
        <Typography.Title level={5}>{d("siteVisits")}</Typography.Title>
        <SiteVisits applicationId={app.id} visits={app.siteVisits} />
      </div>
    </Space>
  );
}

/** 实地考察 of an application, with their evidence (opened through the application). */
export function SiteVisits({
  applicationId,
  visits,
}: {
  applicationId: string;
  visits: ApplicationDetail["siteVisits"];
}) {
  if (!visits.length) return <Typography.Text type="secondary">{d("noSiteVisits")}</Typography.Text>;
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="site-visits">
      {visits.map((v) => (
        <div key={v.id} style={{ border: "1px solid #f0f0f0", borderRadius: 6, padding: 12 }}>
          <Space size={8} wrap>
            <Typography.Text strong>{formatDate(v.visitedOn)}</Typography.Text>
            <Typography.Text>{d("visitMembers", { members: v.members })}</Typography.Text>
            {v.recordedByName && (
              <Typography.Text type="secondary">{d("visitRecorder", { name: v.recordedByName })}</Typography.Text>
            )}
          </Space>
          {v.notes && (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "8px 0" }}>{v.notes}</Typography.Paragraph>
          )}
          {v.evidence.length > 0 && <MaterialList items={v.evidence} hrefFor={evidenceHrefs(applicationId)} />}
        </div>
      ))}
    </Space>
  );
}

function ResultBlock({ app }: { app: ApplicationDetail }) {
  const r = app.result;
  if (!r) return null;
  return (
    <div data-testid="application-result">
      <Typography.Title level={5}>{d("result")}</Typography.Title>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        bordered
        size="small"
        items={[
          {
            key: "score",
            label: tf("applications.fields.finalScore"),
            children: (
              <Space size={8}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {tf("points", { value: r.finalScore })}
                </Typography.Text>
                <Tag color={r.passed ? "green" : "red"}>{r.passed ? d("resultPassed") : d("resultFailed")}</Tag>
              </Space>
            ),
          },
          { key: "method", label: d("resultMethod"), children: r.methodLabel ?? tf("none") },
          ...(r.vetoFailed.length
            ? [
                {
                  key: "veto",
                  label: d("resultVeto"),
                  children: (
                    <Typography.Text type="danger">
                      {r.vetoFailed.map((v) => `${v.code}「${v.title}」`).join("、")}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          ...(r.note ? [{ key: "note", label: d("resultNote"), children: r.note }] : []),
          { key: "at", label: d("decidedAt"), children: formatTime(r.decidedAt) },
        ]}
      />
    </div>
  );
}
