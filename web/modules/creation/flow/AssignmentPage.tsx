import { ArrowLeftOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Collapse, Descriptions, Skeleton, Space, Tag, Typography } from "antd";
import { useNavigate, useParams } from "react-router";
import type { z } from "zod";
import type { assignmentDetail } from "../../../../contracts/creation";
import { api } from "../../../app/api";
import { t } from "../../../app/i18n";
import { MaterialList } from "../../materials/MaterialPicker";
import { SiteVisits } from "./ApplicationParts";
import { ScoreSheet } from "./ScoreSheet";
import { ApplicationStatusTag, evidenceHrefs, KEYS, LevelTag, tf } from "./shared";

type AssignmentDetail = z.infer<typeof assignmentDetail>;
const d = (key: string, params?: Record<string, string | number>) => tf(`assignments.detail.${key}`, params);

/** An expert's assignment: the application's material and site visits, then the expert's own score sheet. */
export default function AssignmentPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: [KEYS.assignment, id],
    queryFn: () => api.get<AssignmentDetail>(`/api/creation/assignments/${id}`),
    enabled: !!id,
  });
  const a = query.data;
  const back = () => navigate("/creation/assignments");
  if (query.isLoading)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (query.error || !a)
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed", { message: (query.error as Error | null)?.message ?? "" })}
        action={<Button onClick={back}>{tf("applications.actions.back")}</Button>}
      />
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="assignment-detail">
      <Card
        size="small"
        title={
          <Space size={8} wrap style={{ padding: "6px 0" }}>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={tf("menu.assignments")} onClick={back} />
            <span style={{ whiteSpace: "normal" }}>{a.title || a.orgName}</span>
            <ApplicationStatusTag status={a.status} />
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: "org", label: tf("assignments.fields.org"), children: a.orgName },
            {
              key: "category",
              label: tf("assignments.fields.category"),
              children: (
                <Space size={4}>
                  <Tag style={{ marginInlineEnd: 0 }}>{a.categoryLabel}</Tag>
                  <LevelTag level={a.level} />
                </Space>
              ),
            },
            { key: "region", label: tf("assignments.fields.region"), children: a.regionName },
            { key: "deadline", label: tf("assignments.fields.deadline"), children: a.evaluationDeadline ?? tf("none") },
          ]}
        />
      </Card>
      <Collapse
        defaultActiveKey={["application", "visits", "panel"]}
        items={[
          {
            key: "application",
            label: d("application"),
            children: <ApplicationMaterial a={a} />,
          },
          {
            key: "visits",
            label: d("siteVisits"),
            children: <SiteVisits applicationId={a.applicationId} visits={a.siteVisits} />,
          },
          { key: "panel", label: d("panel"), children: <Panel a={a} /> },
        ]}
      />
      <ScoreSheet sheetId={a.sheetId} onSubmitted={() => query.refetch()} />
    </Space>
  );
}

function ApplicationMaterial({ a }: { a: AssignmentDetail }) {
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <div>
        <Typography.Text strong>{d("statement")}</Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 4, marginBottom: 0 }}>
          {a.statement || tf("none")}
        </Typography.Paragraph>
      </div>
      <div>
        <Typography.Text strong>{d("evidence")}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: "2px 0 4px" }}>
          {d("evidenceHint")}
        </Typography.Paragraph>
        {/* Opened through the application: the expert holds no access to the unit's material library. */}
        <MaterialList items={a.evidence} hrefFor={evidenceHrefs(a.applicationId)} emptyText={tf("none")} />
      </div>
    </Space>
  );
}

/** Other experts' totals: hidden until this expert has submitted (the server sends null before). */
function Panel({ a }: { a: AssignmentDetail }) {
  if (!a.panel) return <Typography.Text type="secondary">{d("panelHidden")}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4}>
      <Typography.Text>
        {d("panelProgress", { submitted: a.panel.submitted, assigned: a.panel.assigned })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {a.panel.otherTotals.length ? d("panelOthers", { totals: a.panel.otherTotals.join("、") }) : d("panelNone")}
      </Typography.Text>
    </Space>
  );
}
