import { DownloadOutlined, ReloadOutlined, SearchOutlined, SettingOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Grid,
  Input,
  Popover,
  Select,
  Space,
  Table,
  Tooltip,
} from "antd";
import type { ColumnsType, TablePaginationConfig } from "antd/es/table";
import type { SorterResult } from "antd/es/table/interface";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { ListView, ListViewState } from "../../../contracts/identity";
import { api, download, type Page } from "../api";
import { useAuth } from "../auth";
import { t } from "../i18n";
import { type BulkAction, BulkBar } from "./BulkBar";
import { lastListState, useListSettings } from "./listSettings";
import { OrgPicker } from "./OrgPicker";
import { RegionPicker } from "./RegionPicker";
import { ResizableTitle } from "./ResizableTitle";
import { SavedViews } from "./SavedViews";

export type ListFilter =
  | { name: string; label: string; type: "text"; placeholder?: string }
  | { name: string; label: string; type: "select"; options: { value: string; label: string }[] }
  | { name: string; label: string; type: "boolean" }
  | { name: string; label: string; type: "region" }
  | { name: string; label: string; type: "org" }
  /** A time range sent as `from`/`to` ISO timestamps. */
  | { name: string; label: string; type: "dateRange" };

export type ListColumn<T> = ColumnsType<T>[number] & { key: string; sortField?: string; defaultHidden?: boolean };

type Props<T> = {
  /** Cache key; also the localStorage key of the column settings. */
  id: string;
  url: string;
  exportUrl?: string;
  exportName?: string;
  columns: ListColumn<T>[];
  filters?: ListFilter[];
  /** Filters set from outside the filter bar (a tree selection, a tab). */
  fixedQuery?: Record<string, string | number | boolean | undefined>;
  rowKey?: string;
  toolbar?: ReactNode;
  title?: ReactNode;
  pageSize?: number;
  /** 批量操作: rows get checkboxes, and these act on the selected rows (each checked and audited by the server). */
  bulk?: { actions: BulkAction[]; selectable?: (row: T) => boolean; exportSelection?: boolean };
};

type Query = Record<string, string | number | boolean | undefined>;

/** A query as the filter form shows it (dateRange back to its two days). */
function formValues(q: Query, filters: ListFilter[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of filters) {
    if (f.type === "dateRange") {
      if (q.from || q.to) out[f.name] = [q.from ? dayjs(String(q.from)) : null, q.to ? dayjs(String(q.to)) : null];
    } else if (q[f.name] !== undefined) out[f.name] = String(q[f.name]);
  }
  return out;
}

function filterValues(values: Record<string, unknown>, filters: ListFilter[]): Query {
  const out: Query = {};
  for (const f of filters) {
    const v = values[f.name];
    if (v === undefined || v === null || v === "") continue;
    if (f.type === "dateRange") {
      const [from, to] = v as [Dayjs, Dayjs];
      if (from) out.from = from.startOf("day").toISOString();
      if (to) out.to = to.endOf("day").toISOString();
    } else out[f.name] = v as string;
  }
  return out;
}

/**
 * The list page every module uses: a filter bar, a sortable paged table, column settings that persist,
 * export to .xlsx with the same filters, and clear empty and error states.
 */
export function ListPage<T extends object>({
  id,
  url,
  exportUrl,
  exportName,
  columns,
  filters = [],
  fixedQuery = {},
  rowKey = "id",
  toolbar,
  title,
  pageSize: initialPageSize = 20,
  bulk,
}: Props<T>) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const userId = useAuth().me?.user.id;
  // A link may open the list filtered (the home page's figures: ?status=evaluating): filters named in the address.
  // Otherwise the list opens where this user left it in this tab (filters, page, sort).
  const [params] = useSearchParams();
  const [fromAddress] = useState<Query>(() =>
    Object.fromEntries(
      filters
        .filter((f) => f.type !== "dateRange" && params.get(f.name))
        .map((f) => [f.name, params.get(f.name) ?? ""]),
    ),
  );
  const [last] = useState(() => (Object.keys(fromAddress).length ? null : lastListState.read(userId, id)));
  const [filterQuery, setFilterQuery] = useState<Query>(last?.filters ?? fromAddress);
  const [page, setPage] = useState(last?.page ?? 1);
  const [pageSize, setPageSize] = useState(last?.pageSize ?? initialPageSize);
  const [sort, setSort] = useState<string | undefined>(last?.sort);
  useEffect(() => {
    lastListState.write(userId, id, { filters: filterQuery as ListViewState["filters"], page, pageSize, sort });
  }, [userId, id, filterQuery, page, pageSize, sort]);
  const [selected, setSelected] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  // Phones: only the first filter shows until 更多筛选 is pressed, so the list is not pushed off the screen.
  const phone = Grid.useBreakpoint().md === false;
  const [allFilters, setAllFilters] = useState(false);
  const folded = phone && filters.length > 1 && !allFilters;
  const activeFilters = Object.values(filterQuery).filter((v) => v !== undefined && v !== "").length;
  const storageKey = `shiliu.columns.${id}`;
  const settings = useListSettings(id);
  const [widths, setWidths] = useState<Record<string, number>>({});
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      return (
        JSON.parse(localStorage.getItem(storageKey) ?? "null") ??
        columns.filter((c) => c.defaultHidden).map((c) => c.key)
      );
    } catch {
      return [];
    }
  });

  // The user's column choice and widths from the server (they follow the user to any computer) win over this
  // browser's, once they arrive; a change made before they arrive is kept.
  const touched = useRef(false);
  const serverPrefs = settings.settings?.prefs;
  useEffect(() => {
    if (!serverPrefs || touched.current) return;
    setHidden(serverPrefs.hidden);
    setWidths(serverPrefs.widths);
  }, [serverPrefs]);

  const query = { ...filterQuery, ...fixedQuery };
  const result = useQuery({
    queryKey: [id, query, page, pageSize, sort],
    queryFn: () => api.get<Page<T>>(url, { ...query, page, pageSize, sort }),
    placeholderData: keepPreviousData,
  });

  const visibleColumns = useMemo(
    () =>
      columns
        .filter((c) => !hidden.includes(c.key))
        .map((c) => ({
          ...c,
          width: widths[c.key] ?? c.width,
          onHeaderCell: () =>
            ({
              width: widths[c.key] ?? c.width,
              resizeLabel: t("list.resizeColumn", { name: typeof c.title === "string" ? c.title : c.key }),
              onResizeWidth: (w: number, done: boolean) => {
                touched.current = true;
                const next = { ...widths, [c.key]: w };
                setWidths(next);
                if (done) settings.savePrefs({ hidden, widths: next });
              },
            }) as React.HTMLAttributes<HTMLElement>,
          sorter: c.sortField ? true : undefined,
          sortOrder:
            c.sortField && sort?.replace(/^-/, "") === c.sortField
              ? sort.startsWith("-")
                ? ("descend" as const)
                : ("ascend" as const)
              : null,
        })),
    [columns, hidden, sort, widths, settings.savePrefs],
  );

  const setHiddenPersist = (next: string[]) => {
    touched.current = true;
    setHidden(next);
    localStorage.setItem(storageKey, JSON.stringify(next));
    settings.savePrefs({ hidden: next, widths });
  };

  const currentView = (): ListViewState => ({
    filters: Object.fromEntries(
      Object.entries(filterQuery).filter(([, v]) => v !== undefined && v !== ""),
    ) as ListViewState["filters"],
    sort,
    pageSize,
    hidden,
  });
  const applyView = (v: ListView) => {
    form.resetFields();
    form.setFieldsValue(formValues(v.state.filters, filters));
    setFilterQuery(v.state.filters);
    setSort(v.state.sort);
    if (v.state.pageSize) setPageSize(v.state.pageSize);
    if (v.state.hidden) setHiddenPersist(v.state.hidden);
    setPage(1);
  };

  const onTableChange = (p: TablePaginationConfig, _f: unknown, s: SorterResult<T> | SorterResult<T>[]) => {
    const sorter = Array.isArray(s) ? s[0] : s;
    const col = columns.find((c) => c.key === sorter?.columnKey);
    const nextSort =
      col?.sortField && sorter.order ? `${sorter.order === "descend" ? "-" : ""}${col.sortField}` : undefined;
    if (nextSort !== sort) {
      setSort(nextSort);
      setPage(1);
    } else {
      setPage(p.current ?? 1);
      setPageSize(p.pageSize ?? pageSize);
    }
  };

  const columnSettings = (
    <Checkbox.Group
      value={columns.map((c) => c.key).filter((k) => !hidden.includes(k))}
      onChange={(keys) => setHiddenPersist(columns.map((c) => c.key).filter((k) => !keys.includes(k)))}
    >
      <Space orientation="vertical">
        {columns.map((c) => (
          <Checkbox key={c.key} value={c.key}>
            {c.title as ReactNode}
          </Checkbox>
        ))}
      </Space>
    </Checkbox.Group>
  );

  return (
    <Card title={title} extra={toolbar}>
      {filters.length > 0 && (
        <Form
          form={form}
          // A form name prefixes the field ids, so a drawer form's 机构类型 never collides with this filter's.
          name={`${id}-filters`}
          initialValues={formValues(last?.filters ?? fromAddress, filters)}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onFinish={(values) => {
            setFilterQuery(filterValues(values, filters));
            setPage(1);
          }}
        >
          {filters.map((f, i) => (
            // Folded filters stay mounted (hidden), so their values still reach the query.
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              hidden={folded && i > 0}
              style={phone ? { width: "100%", marginInlineEnd: 0 } : undefined}
            >
              {f.type === "text" ? (
                <Input allowClear placeholder={f.placeholder} style={{ width: phone ? "100%" : 200 }} maxLength={50} />
              ) : f.type === "select" ? (
                <Select
                  allowClear
                  options={f.options}
                  style={{ width: phone ? "100%" : 160 }}
                  placeholder={t("common.all")}
                />
              ) : f.type === "boolean" ? (
                <Select
                  allowClear
                  style={{ width: phone ? "100%" : 100 }}
                  placeholder={t("common.all")}
                  options={[
                    { value: "true", label: t("common.yes") },
                    { value: "false", label: t("common.no") },
                  ]}
                />
              ) : f.type === "region" ? (
                <RegionPicker style={{ width: phone ? "100%" : 240 }} />
              ) : f.type === "org" ? (
                <OrgPicker style={{ width: phone ? "100%" : 240 }} />
              ) : (
                <DatePicker.RangePicker />
              )}
            </Form.Item>
          ))}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t("common.search")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilterQuery({});
                  setPage(1);
                }}
              >
                {t("common.reset")}
              </Button>
              {phone && filters.length > 1 && (
                <Button type="link" onClick={() => setAllFilters(!allFilters)} aria-expanded={allFilters}>
                  {allFilters
                    ? t("common.lessFilters")
                    : activeFilters > 0
                      ? t("common.moreFiltersActive", { n: activeFilters })
                      : t("common.moreFilters")}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>
      )}
      <div style={{ display: "flex", justifyContent: "flex-end", gap: 8, marginBottom: 8, flexWrap: "wrap" }}>
        <SavedViews settings={settings} current={currentView} onApply={applyView} />
        {exportUrl && (
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                await download(exportUrl, { ...query, sort }, exportName);
              } catch (e) {
                message.error((e as Error).message);
              } finally {
                setExporting(false);
              }
            }}
          >
            {t("common.export")}
          </Button>
        )}
        <Tooltip title={t("common.refresh")}>
          <Button icon={<ReloadOutlined />} onClick={() => result.refetch()} aria-label={t("common.refresh")} />
        </Tooltip>
        <Popover content={columnSettings} title={t("common.columns")} trigger="click" placement="bottomRight">
          <Button icon={<SettingOutlined />} aria-label={t("common.columns")} />
        </Popover>
      </div>
      {result.error ? (
        <Alert
          type="error"
          showIcon
          title={t("common.loadFailed", { message: (result.error as Error).message })}
          action={<Button onClick={() => result.refetch()}>{t("common.retry")}</Button>}
        />
      ) : (
        <>
          {bulk && (
            <BulkBar
              actions={bulk.actions}
              selected={selected}
              onExport={
                // 导出所选: the export route given `ids` exports those rows only (still within the caller's scope).
                bulk.exportSelection && exportUrl
                  ? () => download(exportUrl, { ...query, sort, ids: selected.join(",") }, exportName)
                  : undefined
              }
              onClear={() => setSelected([])}
              onDone={(r) => {
                const done = new Set(r.succeeded.map((x) => x.id));
                setSelected((keys) => keys.filter((k) => !done.has(k)));
                qc.invalidateQueries({ queryKey: [id] });
              }}
            />
          )}
          <Table<T>
            rowKey={rowKey}
            components={{ header: { cell: ResizableTitle } }}
            rowSelection={
              bulk
                ? {
                    selectedRowKeys: selected,
                    // With a column fixed on the left, the checkboxes must be fixed too or that column covers the next.
                    fixed: columns.some((c) => c.fixed === "left" || c.fixed === true) ? ("left" as const) : undefined,
                    preserveSelectedRowKeys: true,
                    onChange: (keys) => setSelected(keys.map(String)),
                    getCheckboxProps: (row: T) => ({ disabled: bulk.selectable ? !bulk.selectable(row) : false }),
                  }
                : undefined
            }
            size="middle"
            loading={result.isFetching}
            dataSource={result.data?.items ?? []}
            columns={visibleColumns as ColumnsType<T>}
            onChange={onTableChange}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <Empty description={t("common.empty")} /> }}
            pagination={{
              current: page,
              pageSize,
              total: result.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100, 200],
              // Past COUNT_CAP the server stops counting (totalCapped): say so rather than show a false total.
              showTotal: (total) =>
                result.data?.totalCapped
                  ? t("common.totalCapped", { total: total.toLocaleString("zh-CN") })
                  : t("common.total", { total }),
            }}
          />
        </>
      )}
    </Card>
  );
}
