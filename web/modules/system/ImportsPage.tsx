import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { App, Button, Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { ImportCenter, ImportKind, ImportRunRow } from "../../../contracts/system";
import { api, download } from "../../app/api";
import { formatTime } from "../../app/format";
import { systemZh } from "./zh-CN";

const z = systemZh.imports;

/** 导入中心: the imports the user may run (template, page) and the history of imports in their scope. */
export default function ImportsPage() {
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind | undefined>();
  const [page, setPage] = useState(1);
  const q = { kind, page, pageSize: 20 };
  const center = useQuery({
    queryKey: ["system", "imports", q],
    queryFn: () => api.get<ImportCenter>("/api/system/imports", q),
    placeholderData: keepPreviousData,
  });
  const data = center.data;
  const get = (url: string, name?: string) =>
    download(url, undefined, name).catch((e) => message.error((e as Error).message));
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={z.title}>
        <Typography.Paragraph type="secondary">{z.subtitle}</Typography.Paragraph>
        {data && data.kinds.length === 0 && <Empty description={z.none} />}
        <Row gutter={[16, 16]}>
          {data?.kinds.map((k) => (
            <Col xs={24} md={8} key={k.kind}>
              <Card size="small" title={k.label} data-testid={`import-kind-${k.kind}`}>
                <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
                  {k.note}
                </Typography.Paragraph>
                <Space wrap>
                  <Link to={k.page}>
                    <Button type="primary" icon={<UploadOutlined />}>
                      {z.go}
                    </Button>
                  </Link>
                  {k.templateUrl && (
                    <Button icon={<DownloadOutlined />} onClick={() => get(k.templateUrl as string)}>
                      {z.template}
                    </Button>
                  )}
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Card
        title={z.history}
        extra={
          <Select
            allowClear
            placeholder={z.kind}
            style={{ width: 160 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={data?.kinds.map((k) => ({ value: k.kind, label: k.label }))}
          />
        }
      >
        <Table<ImportRunRow>
          rowKey="id"
          size="middle"
          loading={center.isFetching}
          dataSource={data?.runs.items ?? []}
          scroll={{ x: "max-content" }}
          pagination={{
            current: page,
            pageSize: 20,
            total: data?.runs.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { key: "startedAt", title: z.columns.startedAt, dataIndex: "startedAt", render: formatTime },
            { key: "kind", title: z.columns.kind, dataIndex: "kindLabel" },
            {
              key: "user",
              title: z.columns.user,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0}>
                  {r.userName}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.orgName}
                  </Typography.Text>
                </Space>
              ),
            },
            { key: "file", title: z.columns.file, dataIndex: "fileName" },
            {
              key: "result",
              title: z.columns.result,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={0} data-testid="import-result">
                  {r.status === "succeeded" ? (
                    <Tag color="green">{z.succeeded}</Tag>
                  ) : (
                    <Tag color="red">{z.failed}</Tag>
                  )}
                  <Typography.Text>{r.summary}</Typography.Text>
                  {r.errorRows > 0 && (
                    <Typography.Text type="danger">{z.errorRows.replace("{n}", String(r.errorRows))}</Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              key: "actions",
              title: z.columns.actions,
              render: (_: unknown, r) =>
                r.status === "failed" && (
                  <Button
                    type="link"
                    icon={<DownloadOutlined />}
                    onClick={() => get(`/api/system/imports/${r.id}/errors`)}
                  >
                    {z.errors}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
