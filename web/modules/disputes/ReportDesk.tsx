import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, List, Tag } from "antd";
import { formatTime } from "../../app/format";
import { getLocale, t } from "../../app/i18n";
import { sendOrQueue } from "../../app/outbox";
import { disputeKeys, useDesk } from "./disputesApi";

const d = (key: string, params?: Record<string, string | number>) => t(`disputes.desk.${key}`, params);
const COLOR: Record<string, string> = { current: "blue", due: "orange", overdue: "red", filed: "green", late: "gold" };
const CN_QUARTER = ["一", "二", "三", "四"];

/** A period's name in the console's language ("2026-11", "2026Q4"); the server's Chinese label otherwise. */
function periodName(key: string, fallback: string): string {
  const q = /^(\d{4})Q([1-4])$/.exec(key);
  if (q) return d("quarter", { y: q[1], q: getLocale() === "zh-CN" ? CN_QUARTER[Number(q[2]) - 1] : q[2] });
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? d("month", { y: m[1], m: Number(m[2]) }) : fallback;
}

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
      sendOrQueue(d("outboxLabel", { period: label }), "POST", "/api/disputes/reports", {
        kind: "zero",
        period,
        nothing: true,
      }),
    onSuccess: (sent) => {
      message.success(sent.sent ? d("sent") : d("queued"));
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (desk.data && !desk.data.assigned) return <div>{d("notAssigned")}</div>;
  return (
    <List
      loading={desk.isLoading}
      dataSource={desk.data?.periods ?? []}
      data-testid="zero-report-desk"
      renderItem={(p) => {
        const name = periodName(p.period, p.label);
        return (
          <List.Item
            // Wraps on a phone: the period and its deadline keep their width, the state and the action move below
            // (Mongolian words are longer than the Chinese ones).
            style={{ flexWrap: "wrap", rowGap: 8 }}
            actions={
              p.report
                ? [
                    p.report.nothing ? d("nothing") : d("cases", { n: p.report.caseIds.length }),
                    p.report.flaggedAt ? (
                      <Tag color="red" key="f">
                        {d("flagged")}
                      </Tag>
                    ) : null,
                  ]
                : [
                    <Button
                      key="n"
                      type="primary"
                      loading={nothing.isPending && nothing.variables?.period === p.period}
                      onClick={() => nothing.mutate({ period: p.period, label: name })}
                    >
                      {d("nothing")}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              style={{ minWidth: 220 }}
              title={name}
              description={d("dueAt", { time: formatTime(p.dueAt) })}
            />
            <Tag color={COLOR[p.state]}>{d(`state.${p.state}`)}</Tag>
          </List.Item>
        );
      }}
    />
  );
}
