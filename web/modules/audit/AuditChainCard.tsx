import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Space, Typography, theme } from "antd";
import dayjs from "dayjs";
import type { VerifyResult } from "../../../contracts/audit";
import { api } from "../../app/api";
import { t } from "../../app/i18n";

/** How many problems the card lists; the rest are counted (the CLI lists them all). */
const LISTED = 10;

function place(p: VerifyResult["problems"][number]) {
  return p.seq === p.toSeq
    ? t("audit.chain.place", { seq: p.seq })
    : t("audit.chain.range", { seq: p.seq, to: p.toSeq });
}

/**
 * Status of the keyed SM3 hash chain, checked against the anchors kept outside the database: intact (green) or
 * every problem found (red, the first ten listed by place), with a button to check again.
 */
export function AuditChainCard() {
  const { token } = theme.useToken();
  const verify = useQuery({
    queryKey: ["audit-verify"],
    queryFn: () => api.get<VerifyResult>("/api/audit/verify"),
    staleTime: 0,
    gcTime: 0,
  });
  const data = verify.data;
  const checking = verify.isFetching;
  let icon = <LoadingOutlined style={{ color: token.colorPrimary }} />;
  let title = t("audit.chain.checking");
  let hint: string | null = null;
  let problems: VerifyResult["problems"] = [];
  let color: string = token.colorText;
  let background: string = token.colorFillAlter;
  let border: string = token.colorBorderSecondary;
  if (verify.error && !checking) {
    icon = <CloseCircleFilled style={{ color: token.colorError }} />;
    title = t("audit.chain.failed", { message: (verify.error as Error).message });
    color = token.colorError;
    background = token.colorErrorBg;
    border = token.colorErrorBorder;
  } else if (data && !checking) {
    if (data.ok) {
      icon = <CheckCircleFilled style={{ color: token.colorSuccess }} />;
      title = t("audit.chain.ok", { count: data.checked });
      hint =
        data.anchors.latestSeq === null
          ? t("audit.chain.okHint")
          : `${t("audit.chain.okHint")}${t("audit.chain.anchorHint", { count: data.anchors.valid, seq: data.anchors.latestSeq })}`;
      color = token.colorSuccessText;
      background = token.colorSuccessBg;
      border = token.colorSuccessBorder;
    } else {
      icon = <CloseCircleFilled style={{ color: token.colorError }} />;
      title = t("audit.chain.bad", { count: data.problemCount });
      problems = data.problems.slice(0, LISTED);
      hint = t("audit.chain.badHint", { checked: data.checked });
      color = token.colorErrorText;
      background = token.colorErrorBg;
      border = token.colorErrorBorder;
    }
  }
  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t("audit.chain.title")}
        </Space>
      }
      extra={
        <Button size="small" onClick={() => verify.refetch()} loading={checking}>
          {t("audit.chain.recheck")}
        </Button>
      }
    >
      <div
        role="status"
        aria-live="polite"
        data-testid="audit-chain-status"
        style={{
          display: "flex",
          alignItems: "flex-start",
          gap: 12,
          padding: "12px 16px",
          borderRadius: token.borderRadiusLG,
          background,
          border: `1px solid ${border}`,
        }}
      >
        <span style={{ fontSize: 22, lineHeight: 1 }}>{icon}</span>
        <div style={{ flex: 1 }}>
          <Typography.Text strong style={{ color, fontSize: 15 }}>
            {title}
          </Typography.Text>
          {problems.length > 0 && (
            <ul style={{ margin: "4px 0", paddingLeft: 20 }} data-testid="audit-chain-problems">
              {problems.map((p) => (
                <li key={`${p.kind}-${p.seq}-${p.message}`}>
                  <Typography.Text style={{ color }}>
                    {place(p)}：{p.message}
                  </Typography.Text>
                </li>
              ))}
              {data && data.problemCount > problems.length && (
                <li>
                  <Typography.Text type="secondary">
                    {t("audit.chain.more", { count: data.problemCount - problems.length })}
                  </Typography.Text>
                </li>
              )}
            </ul>
          )}
          {hint && (
            <div>
              <Typography.Text type="secondary">{hint}</Typography.Text>
            </div>
          )}
        </div>
        {data && !checking && verify.dataUpdatedAt > 0 && (
          <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
            {t("audit.chain.checkedAt", { time: dayjs(verify.dataUpdatedAt).tz("Asia/Shanghai").format("HH:mm:ss") })}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}
