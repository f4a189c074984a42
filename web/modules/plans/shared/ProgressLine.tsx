import { Progress, Tooltip } from "antd";
import { t } from "../../../app/i18n";
import { percentText } from "../labels";

/**
 * A completion bar with the time progress (时序进度: where the work should be by now) marked on it, so "behind"
 * reads at a glance: the bar turns red when it falls short of the mark by more than 10 points.
 */
export function ProgressLine({
  completion,
  expected,
  width = 220,
}: {
  completion: number | null;
  expected?: number | null;
  width?: number | string;
}) {
  const value = completion ?? 0;
  const behind = expected != null && completion != null && completion < expected - 10;
  return (
    <Tooltip
      title={
        expected != null
          ? t("plans.rollup.progressTip", { completion: percentText(completion), expected: percentText(expected) })
          : percentText(completion)
      }
    >
      <div
        style={{ display: "flex", alignItems: "center", gap: 8, width, maxWidth: "100%" }}
        data-testid="progress-line"
      >
        <div style={{ position: "relative", flex: 1, minWidth: 60 }}>
          <Progress
            percent={Math.round(value * 10) / 10}
            size="small"
            showInfo={false}
            status={behind ? "exception" : value >= 100 ? "success" : "normal"}
            style={{ margin: 0 }}
          />
          {expected != null && (
            <span
              aria-hidden
              style={{
                position: "absolute",
                top: "50%",
                height: 14,
                marginTop: -7,
                left: `${Math.min(100, Math.max(0, expected))}%`,
                width: 2,
                background: "#262626",
                opacity: 0.7,
              }}
            />
          )}
        </div>
        <span style={{ flex: "none", minWidth: 48, fontSize: 12, textAlign: "right" }}>{percentText(completion)}</span>
      </div>
    </Tooltip>
  );
}
