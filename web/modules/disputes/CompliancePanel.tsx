import { Card, Col, Row, Segmented, Statistic, Table } from "antd";
import { useState } from "react";
import { useCompliance, useComplianceUnits } from "./disputesApi";

const pct = (v: number | null) => (v == null ? "—" : `${(v * 100).toFixed(1)}%`);

/** Reporting and on-time rates of a level, tiles of its lower regions (click to drill down), late and missing units. */
export function CompliancePanel() {
  const [region, setRegion] = useState("");
  const [state, setState] = useState<"missing" | "late">("missing");
  const c = useCompliance(region);
  const units = useComplianceUnits(region, state);
  const d = c.data;
  return (
    <div>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={`${d?.regionName ?? ""} 应报`} value={d?.expected ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="实报" value={d?.received ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="报告率" value={pct(d?.reportingRate ?? null)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="及时率" value={pct(d?.onTimeRate ?? null)} />
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 16 }}>
        {(d?.children ?? []).map((ch) => (
          <Col xs={12} md={6} key={ch.regionCode}>
            <Card
              size="small"
              hoverable
              onClick={() => ch.regionCode !== region && setRegion(ch.regionCode)}
              title={ch.regionName}
            >
              报告率 {pct(ch.reportingRate)} · 及时率 {pct(ch.onTimeRate)}
            </Card>
          </Col>
        ))}
      </Row>
      <Segmented
        style={{ marginTop: 16 }}
        value={state}
        onChange={(v) => setState(v as "missing" | "late")}
        options={[
          { value: "missing", label: "缺报单位" },
          { value: "late", label: "迟报单位" },
        ]}
      />
      <Table
        rowKey="orgId"
        size="small"
        loading={units.isLoading}
        dataSource={units.data ?? []}
        columns={[
          { title: "单位", dataIndex: "orgName" },
          { title: "地区", dataIndex: "regionName" },
          { title: "报告期", dataIndex: "periods", render: (p: string[]) => p.join("、") },
        ]}
      />
    </div>
  );
}
