import { Tag, Tooltip, Typography } from "antd";
import { AUDIT_CATEGORY_LABELS, type AuditEntry } from "../../../contracts/audit";
import { actionLabel } from "../../app/auditLabels";
import { StatusTag } from "../../app/components/StatusTag";
import { t } from "../../app/i18n";

const CATEGORY_COLORS: Record<AuditEntry["category"], string> = {
  data: "blue",
  auth: "purple",
  access: "orange",
  export: "cyan",
};

export function CategoryTag({ category }: { category: AuditEntry["category"] }) {
  return <Tag color={CATEGORY_COLORS[category]}>{AUDIT_CATEGORY_LABELS[category] ?? category}</Tag>;
}

export function ActionText({ action }: { action: string }) {
  const label = actionLabel(action);
  return label === action ? (
    <Typography.Text code>{action}</Typography.Text>
  ) : (
    <Tooltip title={action}>
      <span>{label}</span>
    </Tooltip>
  );
}

export function OutcomeTag({ outcome }: { outcome: AuditEntry["outcome"] }) {
  return (
    <StatusTag
      status={outcome}
      labels={{
        success: { color: "green", label: t("audit.outcome.success") },
        failure: { color: "red", label: t("audit.outcome.failure") },
      }}
    />
  );
}
