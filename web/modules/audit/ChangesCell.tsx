import { Typography } from "antd";
import { useState } from "react";
import { describeChanges } from "../../app/auditLabels";
import { t } from "../../app/i18n";

const COLLAPSED_LINES = 3;

/** The changes of an audit entry (of object type `entity`) as "字段：旧 → 新" lines; long lists start collapsed. */
export function ChangesCell({
  changes,
  entity,
  names,
}: {
  changes: unknown;
  entity?: string | null;
  names?: Record<string, string>;
}) {
  const [open, setOpen] = useState(false);
  const lines = describeChanges(changes, entity, names);
  if (lines.length === 0) return <Typography.Text type="secondary">{t("audit.changes.empty")}</Typography.Text>;
  const long = lines.length > COLLAPSED_LINES || lines.some((l) => l.length > 48);
  const shown = open || !long ? lines : lines.slice(0, COLLAPSED_LINES);
  return (
    <div style={{ width: 196, fontSize: 12, lineHeight: "20px" }}>
      {shown.map((line, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and never reordered
          key={i}
          style={
            open || !long
              ? { wordBreak: "break-all" }
              : { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }
          }
          title={open || !long ? undefined : line}
        >
          {line}
        </div>
      ))}
      {long && (
        <Typography.Link style={{ fontSize: 12 }} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t("audit.changes.collapse") : t("audit.changes.expand", { count: lines.length })}
        </Typography.Link>
      )}
    </div>
  );
}
