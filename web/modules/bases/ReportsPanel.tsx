import { useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import type { BaseView } from "../../../contracts/bases";
import { api } from "../../app/api";
import { refreshBase, useBaseReports } from "./basesApi";
import { REPORT_STATUS_LABELS, STATUS_COLORS } from "./labels";
import { basesZh as z } from "./zh-CN";

/** A base's monthly 参观人数 reports: prefilled and confirmed by the base, accepted by the department. */
export function ReportsPanel({ base }: { base: BaseView }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { data = [] } = useBaseReports(base.id);
  const [month, setMonth] = useState(dayjs().subtract(1, "month"));
  const r = z.reports;
  const act = async (m: string, action: string) => {
    try {
      await api.post(`/api/bases/${base.id}/reports/${m}/${action}`);
      await refreshBase(qc, base.id);
      message.success(z.saved);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      {base.access === "operate" && (
        <Space style={{ marginBottom: 12 }}>
          <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} />
          <Button type="primary" onClick={() => act(month.format("YYYY-MM"), "prefill")}>
            {r.prefill}
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        dataSource={data}
        scroll={{ x: "max-content" }}
        columns={[
          { title: r.month, dataIndex: "month", render: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月` },
          { title: r.group, dataIndex: "groupVisitors", align: "right" },
          { title: r.groups, dataIndex: "groupCount", align: "right" },
          { title: r.walkIn, dataIndex: "walkInVisitors", align: "right" },
          { title: r.total, dataIndex: "total", align: "right" },
          { title: r.dueOn, dataIndex: "dueOn" },
          {
            title: r.status,
            render: (_, x) => (
              <>
                <Tag color={STATUS_COLORS[x.status]}>{REPORT_STATUS_LABELS[x.status]}</Tag>
                {x.late && <Tag color="red">{r.late}</Tag>}
              </>
            ),
          },
          {
            title: "操作",
            render: (_, x) => (
              <Space size={0}>
                {base.access === "operate" && x.status === "pending" && (
                  <>
                    <Button type="link" onClick={() => act(x.month, "prefill")}>
                      {r.prefill}
                    </Button>
                    <Button type="link" onClick={() => act(x.month, "confirm")}>
                      {r.confirm}
                    </Button>
                  </>
                )}
                {base.access === "supervise" && x.status === "confirmed" && (
                  <>
                    <Button type="link" onClick={() => act(x.month, "accept")}>
                      {r.accept}
                    </Button>
                    <Button type="link" danger onClick={() => act(x.month, "reopen")}>
                      {r.reopen}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
