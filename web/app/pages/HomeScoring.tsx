import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { z } from "zod";
import type { assignmentSchema } from "../../../contracts/creation";
import { api } from "../api";
import { useAuth } from "../auth";
import { t } from "../i18n";

type Assignment = z.infer<typeof assignmentSchema>;

/**
 * 我的测评任务 for an expert (evaluation:score without creation:apply, whose self-assessment is not a task): the
 * applications to score with the batch's evaluation deadline, unsubmitted first, each opening its sheet.
 */
export function HomeScoring() {
  const { can } = useAuth();
  const expert = can("evaluation:score") && !can("creation:apply");
  const q = useQuery({
    queryKey: ["home-assignments"],
    enabled: expert,
    queryFn: () => api.get<Assignment[]>("/api/creation/assignments"),
  });
  if (!expert) return null;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const items = [...(q.data ?? [])].sort(
    (a, b) =>
      Number(a.sheetStatus === "submitted") - Number(b.sheetStatus === "submitted") ||
      (a.evaluationDeadline ?? "9999").localeCompare(b.evaluationDeadline ?? "9999"),
  );
  const open = items.filter((a) => a.sheetStatus !== "submitted" && a.status === "evaluating");
  return (
    <Card
      title={t("home.scoring")}
      loading={q.isLoading}
      data-testid="home-scoring"
      extra={<Link to="/creation/assignments">{t("home.scoringAll")}</Link>}
    >
      {q.error ? (
        <Alert type="error" showIcon title={(q.error as Error).message} />
      ) : items.length === 0 ? (
        <Empty description={t("home.scoringNone")} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t("home.scoringOpen", { n: open.length })}</Typography.Paragraph>
          {items.slice(0, 8).map((a) => {
            const done = a.sheetStatus === "submitted";
            const late = !done && !!a.evaluationDeadline && a.evaluationDeadline < today;
            return (
              <div
                key={a.applicationId}
                style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center", padding: "6px 0" }}
                data-testid="home-assignment"
              >
                <Tag color={done ? "green" : late ? "red" : "blue"}>
                  {done ? t("home.scoringDone") : t("home.scoringToDo")}
                </Tag>
                <span style={{ flex: "1 1 220px", minWidth: 0 }}>
                  <Link to={`/creation/assignments/${a.applicationId}`}>{a.orgName}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {" "}
                    {a.categoryLabel} · {a.batchName}
                  </Typography.Text>
                </span>
                {a.evaluationDeadline && (
                  <Typography.Text type={late ? "danger" : "secondary"} style={{ fontSize: 12 }}>
                    {t(late ? "home.scoringLate" : "home.todoDue", { date: a.evaluationDeadline })}
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </>
      )}
    </Card>
  );
}
