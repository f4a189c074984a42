import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Typography } from "antd";
import { useState } from "react";
import type { OrgAbbreviation } from "../../../contracts/org";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";
import { AbbreviationForm } from "./AbbreviationForm";

const a = (key: string, params?: Record<string, string | number>) => t(`org.abbreviations.${key}`, params);
const KEY = ["org", "abbreviations"] as const;

/**
 * 单位简称词典 (system administrator): the short forms plan documents use for organizations ("民委" →
 * "民族事务委员会"). The plan import reads them with the level words (市民委 → 通辽市民族事务委员会).
 */
export default function AbbreviationsPage() {
  const [q, setQ] = useState("");
  const list = useQuery({
    queryKey: [...KEY, q],
    queryFn: () => api.get<OrgAbbreviation[]>("/api/org-abbreviations", q ? { q } : {}),
  });
  const { can } = useAuth();
  const canEdit = can("system:settings");
  const [editing, setEditing] = useState<{ entry: OrgAbbreviation | null; key: number } | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  const remove = useMutation({
    mutationFn: (entry: OrgAbbreviation) => api.delete(`/api/org-abbreviations/${entry.id}`),
    onSuccess: (_r, entry) => {
      message.success(a("removed", { abbreviation: entry.abbreviation, fullForm: entry.fullForm }));
      return refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });

  return (
    <Card
      title={a("title")}
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={a("search")}
            aria-label={a("search")}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 220 }}
          />
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ entry: null, key: Date.now() })}
              data-testid="abbreviation-add"
            >
              {a("add")}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{a("intro")}</Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      <Table<OrgAbbreviation>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: a("fields.abbreviation"), dataIndex: "abbreviation", width: 160 },
          { title: a("fields.fullForm"), dataIndex: "fullForm" },
          { title: a("fields.note"), dataIndex: "note", render: (v: string | null) => v ?? "—" },
          ...(canEdit
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 140,
                  render: (_: unknown, row: OrgAbbreviation) => (
                    <Space>
                      <Button type="link" size="small" onClick={() => setEditing({ entry: row, key: Date.now() })}>
                        {t("common.edit")}
                      </Button>
                      <Popconfirm
                        title={a("removeConfirm", { abbreviation: row.abbreviation, fullForm: row.fullForm })}
                        onConfirm={() => remove.mutate(row)}
                      >
                        <Button type="link" size="small" danger>
                          {t("common.delete")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <AbbreviationForm
          key={editing.key}
          open
          entry={editing.entry}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
    </Card>
  );
}
