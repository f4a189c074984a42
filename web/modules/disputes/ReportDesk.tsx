import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, List, Tag } from "antd";
import { api } from "../../app/api";
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
    mutationFn: (period: string) => api.post("/api/disputes/reports", { kind: "zero", period, nothing: true }),
    onSuccess: () => {
      message.success("已报送：本期无");
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
                      loading={nothing.isPending && nothing.variables === p.period}
                      onClick={() => nothing.mutate(p.period)}
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
