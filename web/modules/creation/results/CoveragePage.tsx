import { ReloadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { Link } from "react-router";
import type { Category, Coverage } from "../../../../contracts/creation";
import type { Region } from "../../../../contracts/org";
import { api } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { RegionPicker } from "../../../app/components/RegionPicker";
import { t } from "../../../app/i18n";
import { levelOptions, tr, useLinkedParam } from "./shared";

type CoverageRow = Coverage["rows"][number];
type RegionDetail = Region & { ancestors: Region[] };

/** "示范区（旗县）" → "旗县" under the 示范区 heading. */
const shortLabel = (c: Category) => (c.group === "area" ? c.label.replace(/^示范区（(.*)）$/, "$1") : c.label);

function designationsLink(regionCode: string, category: string | null, level: string | null) {
  const q = new URLSearchParams({ live: "true" });
  if (regionCode) q.set("regionCode", regionCode);
  if (category) q.set("category", category);
  if (level) q.set("level", level);
  return `/creation/designations?${q}`;
}

/**
 * 创建覆盖: the "8+N进" matrix — valid designations by category for each region directly below the chosen one
 * (and the region's own units), one query on the server; a region with children is drilled into by its name.
 */
export default function CoveragePage() {
  const { me } = useAuth();
  const wide = !!Grid.useBreakpoint().md;
  const [region, setRegion] = useLinkedParam("region");
  const [level, setLevel] = useLinkedParam("level");
  const q = useQuery({
    queryKey: ["creation-coverage", region, level],
    queryFn: () =>
      api.get<Coverage>("/api/creation/coverage", { regionCode: region ?? undefined, level: level ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const data = q.data;
  const rootCode = me?.dataScope.kind === "all" ? "" : (me?.dataScope.regionCode ?? "");

  // The way from the scope's root down to the region shown, for the breadcrumb.
  const path = useQuery({
    queryKey: ["region-detail", region],
    queryFn: () => api.get<RegionDetail>(`/api/regions/${region}`),
    enabled: !!region,
    staleTime: 10 * 60_000,
  }).data;
  const crumbs = useMemo(() => {
    const list: { code: string | null; name: string }[] = [
      { code: null, name: rootCode ? (me?.dataScope.regionName.split(" ").pop() ?? rootCode) : tr("coverage.all") },
    ];
    if (region && path) {
      for (const a of path.ancestors)
        if (a.code.length > rootCode.length && a.code.startsWith(rootCode)) list.push({ code: a.code, name: a.name });
      if (region !== rootCode) list.push({ code: region, name: path.name });
    }
    return list;
  }, [region, path, rootCode, me]);

  const categories = data?.categories ?? [];
  const max = useMemo(() => Math.max(1, ...(data?.rows ?? []).flatMap((r) => Object.values(r.counts))), [data]);
  const cell = (row: CoverageRow, c: Category) => {
    const n = row.counts[c.code] ?? 0;
    if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
    const alpha = 0.08 + (n / max) * 0.42;
    return (
      <div style={{ background: `rgba(200,16,46,${alpha.toFixed(2)})`, borderRadius: 4, padding: "2px 6px" }}>
        {row.own ? n : <Link to={designationsLink(row.regionCode, c.code, level)}>{n}</Link>}
      </div>
    );
  };

  const categoryColumn = (c: Category): ColumnsType<CoverageRow>[number] => ({
    key: c.code,
    title: <Tooltip title={c.label}>{shortLabel(c)}</Tooltip>,
    align: "center",
    width: 72,
    render: (_, r) => cell(r, c),
  });
  const columns: ColumnsType<CoverageRow> = [
    {
      key: "region",
      title: tr("coverage.region"),
      fixed: "left",
      width: wide ? 200 : 120,
      render: (_, r) =>
        r.drillable ? (
          <Typography.Link onClick={() => setRegion(r.regionCode)} data-testid="coverage-drill">
            {r.regionName}
          </Typography.Link>
        ) : (
          <span>{r.regionName}</span>
        ),
    },
    {
      key: "area",
      title: tr("coverage.areas"),
      children: categories.filter((c) => c.group === "area").map(categoryColumn),
    },
    {
      key: "unit",
      title: tr("coverage.units"),
      children: categories.filter((c) => c.group === "unit").map(categoryColumn),
    },
    {
      key: "total",
      title: tr("coverage.total"),
      align: "center",
      width: 72,
      render: (_, r) =>
        r.total === 0 ? (
          <Typography.Text type="secondary">0</Typography.Text>
        ) : r.own ? (
          <strong>{r.total}</strong>
        ) : (
          <Link to={designationsLink(r.regionCode, null, level)}>
            <strong>{r.total}</strong>
          </Link>
        ),
    },
    {
      key: "covered",
      title: tr("coverage.categoriesCovered"),
      align: "center",
      width: 96,
      render: (_, r) => `${r.categoriesCovered} / ${categories.length}`,
    },
  ];
  const levelChoices = [{ value: "", label: tr("coverage.allLevels") }, ...levelOptions];
  const coveredCategories = Object.values(data?.totals ?? {}).filter((n) => n > 0).length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={tr("coverage.title")}
        extra={
          <Tooltip title={t("common.refresh")}>
            <Button icon={<ReloadOutlined />} onClick={() => q.refetch()} aria-label={t("common.refresh")} />
          </Tooltip>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Breadcrumb
            data-testid="coverage-path"
            items={crumbs.map((c, i) => ({
              key: c.code ?? "root",
              title:
                i < crumbs.length - 1 ? (
                  <Typography.Link onClick={() => setRegion(c.code)}>{c.name}</Typography.Link>
                ) : (
                  <Typography.Text strong>{c.name}</Typography.Text>
                ),
            }))}
          />
          <Space wrap size={[16, 8]}>
            {wide ? (
              <Segmented
                value={level ?? ""}
                onChange={(v) => setLevel((v as string) || null)}
                options={levelChoices}
                data-testid="coverage-level"
              />
            ) : (
              <Select
                value={level ?? ""}
                onChange={(v: string) => setLevel(v || null)}
                options={levelChoices}
                style={{ width: 140 }}
                data-testid="coverage-level"
              />
            )}
            <RegionPicker
              style={{ width: wide ? 240 : 200 }}
              value={undefined}
              placeholder={tr("coverage.jump")}
              onChange={(v) => v && setRegion(v === rootCode ? null : v)}
            />
          </Space>
          <Row gutter={[16, 16]}>
            <Col xs={8}>
              <Statistic title={tr("coverage.totalValid")} value={data?.total ?? 0} loading={q.isLoading} />
            </Col>
            <Col xs={8}>
              <Statistic
                title={tr("coverage.regionsCovered")}
                value={data?.regionsCovered ?? 0}
                suffix={`/ ${data?.regionCount ?? 0}`}
                loading={q.isLoading}
              />
            </Col>
            <Col xs={8}>
              <Statistic
                title={tr("coverage.categoriesCoveredTotal")}
                value={coveredCategories}
                suffix={`/ ${categories.length}`}
                loading={q.isLoading}
              />
            </Col>
          </Row>
        </Space>
      </Card>
      <Card styles={{ body: { padding: wide ? 16 : 8 } }}>
        {q.error ? (
          <Alert
            type="error"
            showIcon
            title={t("common.loadFailed", { message: (q.error as Error).message })}
            action={<Button onClick={() => q.refetch()}>{t("common.retry")}</Button>}
          />
        ) : (
          <Table<CoverageRow>
            rowKey="regionCode"
            size="small"
            bordered
            loading={q.isFetching}
            columns={columns}
            dataSource={data?.rows ?? []}
            pagination={false}
            scroll={{ x: "max-content" }}
            sticky
            locale={{ emptyText: <Empty description={t("common.empty")} /> }}
            data-testid="coverage-table"
            summary={() =>
              data && data.rows.length > 1 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <strong>{tr("coverage.sum")}</strong>
                    </Table.Summary.Cell>
                    {[
                      ...categories.filter((c) => c.group === "area"),
                      ...categories.filter((c) => c.group === "unit"),
                    ].map((c, i) => (
                      <Table.Summary.Cell key={c.code} index={i + 1} align="center">
                        {data.totals[c.code] ?? 0}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={categories.length + 1} align="center">
                      <strong>{data.total}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={categories.length + 2} align="center">
                      {`${coveredCategories} / ${categories.length}`}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        )}
        <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0", fontSize: 12 }}>
          {tr("coverage.note")}
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
