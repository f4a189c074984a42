import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, List, Tag } from "antd";
import { sendOrQueue } from "../../app/outbox";
import { disputeKeys, useDesk } from "./disputesApi";

const STATE: Record<string, [string, string]> = {
  current: ["本期", "blue"],
  due: ["即将到期", "orange"],
  overdue: ["逾期未报", "red"],
  filed: ["已按时报送", "green"],
  late: ["逾期报送", "gold"],
};

/** The 零报告 desk: each period of the unit, "本期无" in one click. */
export function ReportDesk() {
  const desk = useDesk("zero");
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nothing = useMutation({
    // "always": offline, the send must run to be queued (React Query would otherwise pause it until online).
    networkMode: "always",
    // Without a network the report waits in the outbox and goes once when the network returns.
    mutationFn: ({ period, label }: { period: string; label: string }) =>
      sendOrQueue(`零报告：${label} 本期无`, "POST", "/api/disputes/reports", { kind: "zero", period, nothing: true }),
    onSuccess: (sent) => {
      message.success(
        sent.sent ? "已报送：本期无" : "当前没有网络，已保存在本机“待发送”中，网络恢复后自动报送（不会重复报送）",
      );
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (desk.data && !desk.data.assigned) return <div>本单位不是零报告报告单位。</div>;
  return (
    <List
      loading={desk.isLoading}
      dataSource={desk.data?.periods ?? []}
      renderItem={(p) => {
        const [label, color] = STATE[p.state];
        return (
          <List.Item
            actions={
              p.report
                ? [
                    p.report.nothing ? "本期无" : `案件 ${p.report.caseIds.length} 件`,
                    p.report.flaggedAt ? (
                      <Tag color="red" key="f">
                        存疑
                      </Tag>
                    ) : null,
                  ]
                : [
                    <Button
                      key="n"
                      type="primary"
                      loading={nothing.isPending && nothing.variables?.period === p.period}
                      onClick={() => nothing.mutate({ period: p.period, label: p.label })}
                    >
                      本期无
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={p.label}
              description={`截止：${new Date(p.dueAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`}
            />
            <Tag color={color}>{label}</Tag>
          </List.Item>
        );
      }}
    />
  );
}
