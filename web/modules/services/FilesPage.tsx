import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag } from "antd";
import { useState } from "react";
import { api } from "../../app/api";
import { formatDate } from "../../app/format";
import { FileForm } from "./RegistryForms";
import { RevealField } from "./RevealField";
import { type FileView, refreshServices, useFiles } from "./servicesApi";

/** 服务档案: kept only with the person's consent for a stated purpose; masked here, 查看 one field with a reason. */
export default function FilesPage() {
  const [page, setPage] = useState(1);
  const [phone, setPhone] = useState<string>();
  const { data, isLoading, error } = useFiles({ page, phone });
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const close = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: "moved" | "withdrawn" }) =>
      api.post(`/api/services/files/${id}/close`, { reason }),
    onSuccess: () => refreshServices(qc),
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Card
      title="服务档案"
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => setAdding(true)}>
            建立服务档案
          </Button>
          <Input.Search
            allowClear
            placeholder="按手机号精确查找"
            inputMode="tel"
            style={{ width: 200 }}
            onSearch={(v) => {
              setPage(1);
              setPhone(v.trim() || undefined);
            }}
          />
        </Space>
      }
    >
      <FileForm open={adding} onClose={() => setAdding(false)} />
      {error && <Tag color="red">{(error as Error).message}</Tag>}
      <Table<FileView>
        rowKey="id"
        size="small"
        scroll={{ x: 800 }}
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, total: data?.total ?? 0, pageSize: 20, onChange: setPage }}
        columns={[
          {
            title: "姓名",
            render: (_: unknown, f) => (
              <RevealField url={`/api/services/files/${f.id}/reveal`} field="name" masked={f.nameMasked} />
            ),
          },
          {
            title: "联系电话",
            render: (_: unknown, f) => (
              <RevealField url={`/api/services/files/${f.id}/reveal`} field="phone" masked={f.phoneMasked} />
            ),
          },
          { title: "服务目的", dataIndex: "purpose" },
          { title: "同意记录", render: (_: unknown, f) => `${f.consentRecord}（${formatDate(f.consentAt)}）` },
          { title: "户内人数", dataIndex: "memberCount" },
          { title: "单位", dataIndex: "orgName" },
          {
            title: "状态",
            render: (_: unknown, f) => (
              <span>
                {f.statusLabel}
                {f.closeReasonLabel ? `（${f.closeReasonLabel}）` : ""}
              </span>
            ),
          },
          {
            title: "操作",
            render: (_: unknown, f) =>
              f.status === "active" ? (
                <Space size={0}>
                  <Popconfirm
                    title="服务对象已迁出，关闭档案？"
                    onConfirm={() => close.mutate({ id: f.id, reason: "moved" })}
                  >
                    <Button type="link" size="small">
                      迁出
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title="本人撤回同意，关闭档案？"
                    onConfirm={() => close.mutate({ id: f.id, reason: "withdrawn" })}
                  >
                    <Button type="link" size="small">
                      撤回同意
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
