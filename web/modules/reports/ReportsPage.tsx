import { FileExcelOutlined, FileWordOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, DatePicker, Empty, Form, Row, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import type { ReportDefinitionView, ReportRunView } from "../../../contracts/reports";
import { download } from "../../app/api";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { runFileUrl, useReportRuns, useReports, useRunReport } from "./reportsApi";

const FORMAT_TAG = {
  xlsx: (
    <Tag icon={<FileExcelOutlined />} color="green">
      Excel
    </Tag>
  ),
  docx: (
    <Tag icon={<FileWordOutlined />} color="blue">
      Word
    </Tag>
  ),
};

const sizeText = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;

type Values = Record<string, string | Dayjs | undefined>;

/** One report: its parameters as a small form, and the button that generates and downloads it. */
function ReportCard({ report }: { report: ReportDefinitionView }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const run = useRunReport();
  const initial = Object.fromEntries(
    report.params.map((p) => [
      p.name,
      p.kind === "year" && p.initial ? dayjs(`${p.initial}-01-01`) : (p.initial ?? undefined),
    ]),
  );
  const submit = async (v: Values) => {
    const params: Record<string, string> = {};
    for (const p of report.params) {
      const x = v[p.name];
      if (x === undefined || x === null || x === "") continue;
      params[p.name] = dayjs.isDayjs(x) ? x.format(p.kind === "year" ? "YYYY" : "YYYY-MM-DD") : String(x);
    }
    try {
      const done = await run.mutateAsync({ key: report.key, params });
      await download(runFileUrl(done.id), undefined, done.fileName);
      message.success(t("reports.generated", { name: done.fileName }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {report.title}
          {FORMAT_TAG[report.format]}
        </Space>
      }
      style={{ height: "100%" }}
      data-testid={`report-${report.key}`}
    >
      <Typography.Paragraph type="secondary">{report.description}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {report.params.map((p) => (
          <Form.Item
            key={p.name}
            name={p.name}
            label={p.label}
            extra={p.help ?? undefined}
            rules={p.required ? [{ required: true, message: t("reports.required", { label: p.label }) }] : []}
          >
            {p.kind === "select" ? (
              <Select
                allowClear={!p.required}
                showSearch
                optionFilterProp="label"
                placeholder={t("reports.select")}
                options={p.options ?? []}
              />
            ) : p.kind === "year" ? (
              <DatePicker picker="year" style={{ width: "100%" }} />
            ) : (
              <DatePicker style={{ width: "100%" }} />
            )}
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={run.isPending}>
          {t("reports.generate")}
        </Button>
      </Form>
    </Card>
  );
}

/** 报表中心: the reports the user may generate, by module, and the files they generated before. */
export default function ReportsPage() {
  const { message } = App.useApp();
  const reports = useReports();
  const [page, setPage] = useState(1);
  const runs = useReportRuns(page);
  const groups = [...new Set((reports.data ?? []).map((r) => r.group))];
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("reports.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("reports.subtitle")}</Typography.Text>
      </div>
      {reports.data && reports.data.length === 0 && <Empty description={t("reports.none")} />}
      {groups.map((g) => (
        <div key={g}>
          <Typography.Title level={5}>{g}</Typography.Title>
          <Row gutter={[16, 16]}>
            {(reports.data ?? [])
              .filter((r) => r.group === g)
              .map((r) => (
                <Col key={r.key} xs={24} md={12} xl={8}>
                  <ReportCard report={r} />
                </Col>
              ))}
          </Row>
        </div>
      ))}
      <Card title={t("reports.history")} size="small">
        <Table<ReportRunView>
          size="small"
          rowKey="id"
          loading={runs.isLoading}
          dataSource={runs.data?.items ?? []}
          locale={{ emptyText: t("reports.noHistory") }}
          scroll={{ x: "max-content" }}
          pagination={{
            current: page,
            pageSize: 10,
            total: runs.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            { key: "title", title: t("reports.columns.title"), dataIndex: "title" },
            { key: "params", title: t("reports.columns.params"), dataIndex: "paramsText" },
            {
              key: "file",
              title: t("reports.columns.file"),
              render: (_, r) => (
                <>
                  {FORMAT_TAG[r.format]} {r.fileName}
                </>
              ),
            },
            { key: "size", title: t("reports.columns.size"), align: "right", render: (_, r) => sizeText(r.size) },
            { key: "createdAt", title: t("reports.columns.createdAt"), render: (_, r) => formatTime(r.createdAt) },
            {
              key: "action",
              title: t("reports.columns.action"),
              render: (_, r) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    download(runFileUrl(r.id), undefined, r.fileName).catch((e) => message.error(e.message))
                  }
                >
                  {t("reports.download")}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
