import { Alert, Button, Space, Typography } from "antd";
import { t } from "../../app/i18n";
import { type Derived, fmtTenths, type Problem, toTenths } from "./treeModel";

/** The live total check: leaves, veto items, sum against the total, and every problem, each leading to its node. */
export function TotalCheck({
  derived,
  total,
  problems,
  showAll,
  onToggle,
  onPick,
  error,
  editable,
}: {
  derived: Derived;
  total: number | null;
  problems: Problem[];
  showAll: boolean;
  onToggle: () => void;
  onPick: (uid: string) => void;
  error: string | null;
  editable: boolean;
}) {
  const sum = fmtTenths(derived.totalTenths);
  const ok = problems.length === 0;
  const matches = typeof total === "number" && toTenths(total) === derived.totalTenths;
  const shown = showAll ? problems : problems.slice(0, 3);
  const stats = (
    <Space size={[16, 4]} wrap>
      <span data-testid="total-sum">{t("evaluation.summary.sum", { sum, total: total ?? "—" })}</span>
      <span>{t("evaluation.summary.leaves", { count: derived.leafCount })}</span>
      <span>{t("evaluation.summary.vetos", { count: derived.vetoCount })}</span>
    </Space>
  );
  if (!editable)
    return <Alert type={matches ? "success" : "warning"} showIcon title={stats} data-testid="total-check" />;
  return (
    <Alert
      type={ok ? "success" : "error"}
      showIcon
      data-testid="total-check"
      title={
        <Space orientation="vertical" size={2} style={{ width: "100%" }}>
          {stats}
          <Typography.Text strong type={ok ? "success" : "danger"} data-testid="total-check-message">
            {error ? `${error}：` : ""}
            {ok ? t("evaluation.summary.ok") : t("evaluation.summary.problems", { count: problems.length })}
          </Typography.Text>
        </Space>
      }
      description={
        problems.length > 0 && (
          <div data-testid="problem-list">
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {shown.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
                <li key={i}>
                  {p.uid ? (
                    <Typography.Link onClick={() => p.uid && onPick(p.uid)}>{p.message}</Typography.Link>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
            {problems.length > 3 && (
              <Button type="link" size="small" onClick={onToggle} style={{ paddingInline: 0 }}>
                {showAll
                  ? t("evaluation.actions.collapseAll")
                  : t("evaluation.summary.moreProblems", { count: problems.length - 3 })}
              </Button>
            )}
          </div>
        )
      }
    />
  );
}
