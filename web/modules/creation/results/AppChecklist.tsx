import { Empty, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { ReactNode } from "react";
import { tr } from "./shared";

export type ChecklistRow = {
  id: string;
  orgName: string;
  regionName: string;
  categoryLabel: string;
  finalScore: number | null;
  /** Why the row cannot be chosen now (公示期未满, 有未答复的异议 …); null when it can. */
  blocked?: string | null;
  note?: ReactNode;
};

/**
 * Chooses applications for a notice or a naming decision; sits in a Form.Item (value = the chosen ids).
 * Rows that cannot be chosen say why.
 */
export function AppChecklist({
  rows,
  loading,
  value,
  onChange,
  emptyText,
  id,
}: {
  rows: ChecklistRow[];
  loading?: boolean;
  value?: string[];
  onChange?: (ids: string[]) => void;
  emptyText: string;
  id?: string;
}) {
  const columns: ColumnsType<ChecklistRow> = [
    {
      key: "org",
      title: tr("fields.unitName"),
      render: (_, r) => (
        <div>
          <div>{r.orgName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.regionName} · {r.categoryLabel}
          </Typography.Text>
          {r.blocked && (
            <div>
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {r.blocked}
              </Typography.Text>
            </div>
          )}
          {r.note && <div style={{ fontSize: 12 }}>{r.note}</div>}
        </div>
      ),
    },
    {
      key: "score",
      title: tr("fields.finalScore"),
      width: 90,
      align: "right",
      render: (_, r) => (r.finalScore === null ? "—" : r.finalScore.toFixed(2)),
    },
  ];
  return (
    <Table<ChecklistRow>
      id={id}
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ y: 320 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      rowSelection={{
        selectedRowKeys: value ?? [],
        onChange: (keys) => onChange?.(keys as string[]),
        getCheckboxProps: (r) => ({ disabled: !!r.blocked, "aria-label": r.orgName }),
        columnTitle: undefined,
      }}
      footer={() => tr("common.chosen", { count: (value ?? []).length, total: rows.length })}
    />
  );
}
