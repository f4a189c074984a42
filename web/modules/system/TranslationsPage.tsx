import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Input,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import type { RcFile } from "antd/es/upload";
import { type CSSProperties, useEffect, useState } from "react";
import type { ImportRowError } from "../../../contracts/common";
import {
  TRANSLATION_SET_LABELS,
  TRANSLATION_SETS,
  TRANSLATION_STATES,
  type TranslationSet,
  type TranslationState,
} from "../../../contracts/portal-i18n/keys";
import type { TranslationImportResult, TranslationList, TranslationRow } from "../../../contracts/translations";
import { ApiError, api, download } from "../../app/api";
import { AuditPanel } from "../../app/components/AuditPanel";
import {
  ExcelImportModal,
  ImportRowErrorReport,
  importRowErrorsOf,
  TemplateStep,
  XlsxDragger,
} from "../../app/components/ExcelImportModal";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";

const tr = (key: string, params?: Record<string, string | number>) => t(`system.translations.${key}`, params);
const TEXTS = { prefix: "system.translations" };
const KEY = ["system", "translations"] as const;
const STATE_COLORS: Record<TranslationState, string> = { 待翻译: "default", 待校对: "gold", 已校对: "green" };
/** Mongolian shown horizontally in the console, in the portal's font (loaded with this page only). */
const MN: CSSProperties = { fontFamily: '"Noto Sans Mongolian", sans-serif' };

const exportSheet = (set?: TranslationSet) =>
  download(
    "/api/system/translations/export",
    { locale: "mn-Mong", set },
    `界面翻译-蒙古文${set ? `-${TRANSLATION_SET_LABELS[set]}` : ""}.xlsx`,
  );

/**
 * 界面翻译 (system administrator): the interface strings in Mongolian with their state, in two sets — the
 * portal's (公众门户) and the console's frame and unit-facing pages (管理后台) — counts by state over both and
 * per set (待翻译 is the missing-string count: those show in Chinese), filter by set and state and search, edit
 * one string in place, export the sheet for translators (both sets, or the chosen one) and import it back.
 */
export default function TranslationsPage() {
  const [state, setState] = useState<TranslationState | "all">("all");
  const [set, setSet] = useState<TranslationSet | "all">("all");
  const [q, setQ] = useState("");
  const [importing, setImporting] = useState(false);
  const { message } = App.useApp();
  useEffect(() => {
    import("@fontsource/noto-sans-mongolian/mongolian-400.css").catch(() => undefined);
  }, []);
  const list = useQuery({
    queryKey: [...KEY, set, state, q],
    queryFn: () =>
      api.get<TranslationList>("/api/system/translations", {
        locale: "mn-Mong",
        set: set === "all" ? undefined : set,
        state: state === "all" ? undefined : state,
        q: q || undefined,
      }),
  });
  const counts = list.data?.counts;
  return (
    <Card
      title={tr("title")}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              exportSheet(set === "all" ? undefined : set).catch((e: Error) =>
                message.error(tr("exportFailed", { message: e.message })),
              )
            }
            data-testid="translations-export"
          >
            {tr("export")}
          </Button>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            onClick={() => setImporting(true)}
            data-testid="translations-import"
          >
            {tr("import")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{tr("subtitle")}</Typography.Paragraph>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="translation-counts">
        <Col xs={12} md={6}>
          <Statistic title={tr("total")} value={counts?.total ?? "—"} />
        </Col>
        <Col xs={12} md={6}>
          <div data-testid="count-missing" data-value={counts?.待翻译}>
            <Statistic title={tr("missing")} value={counts?.待翻译 ?? "—"} />
          </div>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={tr("toCheck")} value={counts?.待校对 ?? "—"} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={tr("checked")} value={counts?.已校对 ?? "—"} />
        </Col>
      </Row>
      {list.data && (
        <Space orientation="vertical" size={2} style={{ marginBottom: 12 }}>
          {list.data.sets.map((s) => (
            <Typography.Text
              key={s.set}
              type="secondary"
              data-testid={`set-counts-${s.set}`}
              data-missing={s.counts.待翻译}
            >
              {tr("setCounts", {
                label: s.label,
                total: s.counts.total,
                missing: s.counts.待翻译,
                toCheck: s.counts.待校对,
                checked: s.counts.已校对,
              })}
            </Typography.Text>
          ))}
        </Space>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<TranslationSet | "all">
          value={set}
          onChange={setSet}
          data-testid="translation-set"
          options={[
            { value: "all", label: tr("allSets") },
            ...TRANSLATION_SETS.map((s) => ({ value: s, label: TRANSLATION_SET_LABELS[s] })),
          ]}
        />
        <Segmented<TranslationState | "all">
          value={state}
          onChange={setState}
          options={[
            { value: "all", label: tr("all") },
            ...TRANSLATION_STATES.map((s) => ({ value: s, label: `${s}${counts ? `（${counts[s]}）` : ""}` })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={tr("search")}
          aria-label={tr("search")}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
        />
      </Space>
      <TranslationTable rows={list.data?.items ?? []} loading={list.isLoading} />
      <TranslationImportModal open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}

function TranslationTable({ rows, loading }: { rows: TranslationRow[]; loading: boolean }) {
  const [editing, setEditing] = useState<{ key: string; text: string; state: TranslationState } | null>(null);
  const [history, setHistory] = useState<TranslationRow | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (e: { key: string; text: string; state: TranslationState }) =>
      api.put<TranslationRow>("/api/system/translations", {
        locale: "mn-Mong",
        translationKey: e.key,
        translation: e.text,
        translationState: e.state,
      }),
    onSuccess: () => {
      message.success(tr("saved"));
      setEditing(null);
      return qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e: Error) => message.error(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : e.message),
  });
  return (
    <>
      <Table<TranslationRow>
        rowKey="key"
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: tr("columns.key"),
            dataIndex: "key",
            width: 220,
            render: (k: string) => (
              <Typography.Text code style={{ fontSize: 12 }}>
                {k}
              </Typography.Text>
            ),
          },
          { title: tr("columns.zh"), dataIndex: "zh", width: 260 },
          {
            title: tr("columns.text"),
            dataIndex: "text",
            width: 300,
            render: (text: string, r) =>
              editing?.key === r.key ? (
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  value={editing.text}
                  lang="mn-Mong"
                  style={MN}
                  aria-label={tr("textLabel")}
                  data-testid="translation-text"
                  onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                />
              ) : text ? (
                <span lang="mn-Mong" style={MN}>
                  {text}
                </span>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: tr("columns.state"),
            dataIndex: "state",
            width: 120,
            render: (s: TranslationState, r) =>
              editing?.key === r.key ? (
                <Select<TranslationState>
                  value={editing.state}
                  style={{ width: 100 }}
                  aria-label={tr("stateLabel")}
                  data-testid="translation-state"
                  onChange={(v) => setEditing({ ...editing, state: v })}
                  options={TRANSLATION_STATES.map((x) => ({ value: x, label: x }))}
                />
              ) : (
                <Tag color={STATE_COLORS[s]}>{s}</Tag>
              ),
          },
          {
            title: tr("columns.updated"),
            key: "updated",
            width: 190,
            render: (_: unknown, r) =>
              r.edited ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.updatedByName}
                  <br />
                  {r.updatedAt ? formatTime(r.updatedAt) : ""}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {tr("notEdited")}
                </Typography.Text>
              ),
          },
          {
            title: tr("columns.actions"),
            key: "actions",
            width: 150,
            fixed: "right",
            render: (_: unknown, r) =>
              editing?.key === r.key ? (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    loading={save.isPending}
                    onClick={() => save.mutate(editing)}
                    data-testid="translation-save"
                  >
                    {tr("save")}
                  </Button>
                  <Button type="link" size="small" onClick={() => setEditing(null)}>
                    {tr("cancel")}
                  </Button>
                </Space>
              ) : (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setEditing({ key: r.key, text: r.text, state: r.state })}
                    data-testid={`translation-edit-${r.key}`}
                  >
                    {tr("edit")}
                  </Button>
                  <Button type="link" size="small" onClick={() => setHistory(r)}>
                    {t("common.history")}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Drawer open={!!history} title={history?.zh} onClose={() => setHistory(null)} size="large">
        {history && <AuditPanel url={`/api/system/translations/${encodeURIComponent(history.key)}/history`} />}
      </Drawer>
    </>
  );
}

type Outcome =
  | { kind: "preview"; result: TranslationImportResult }
  | { kind: "applied"; result: TranslationImportResult }
  | { kind: "failed"; errors: ImportRowError[] }
  | { kind: "error"; message: string };

/** Import the translators' sheet: preview what changes (or every row's error), then apply the same file. */
function TranslationImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<RcFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const previewed = outcome?.kind === "preview" && outcome.result.errors.length === 0 ? outcome.result : null;

  const send = async (apply: boolean) => {
    if (!file) {
      message.warning(tr("chooseFile"));
      return;
    }
    setBusy(true);
    const body = new FormData();
    body.append("file", file, file.name);
    try {
      const url = apply ? "/api/system/translations/import" : "/api/system/translations/import/preview";
      const result = await api.post<TranslationImportResult>(url, body);
      if (!apply && result.errors.length) setOutcome({ kind: "failed", errors: result.errors });
      else setOutcome({ kind: apply ? "applied" : "preview", result });
      if (apply) {
        setFile(null);
        await qc.invalidateQueries({ queryKey: KEY });
      }
    } catch (e) {
      const errors = importRowErrorsOf(e);
      if (errors) setOutcome({ kind: "failed", errors });
      else
        setOutcome({ kind: "error", message: e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setOutcome(null);
    setFile(null);
    onClose();
  };

  return (
    <ExcelImportModal
      open={open}
      onClose={close}
      title={tr("importTitle")}
      width={{ xs: "95vw", md: 960 }}
      submitText={previewed ? tr("apply") : tr("preview")}
      busy={busy}
      canSubmit={!!file && !(previewed && previewed.changes.length === 0)}
      onSubmit={() => send(!!previewed)}
      done={outcome?.kind === "applied"}
    >
      {outcome?.kind === "applied" ? (
        <Result
          status="success"
          title={tr("applied", { count: outcome.result.changes.length })}
          subTitle={tr("appliedHint")}
          data-testid="import-success"
        />
      ) : (
        <>
          <TemplateStep
            hint={tr("stepTemplate")}
            linkText={tr("export")}
            download={() => exportSheet()}
            failedText={(m) => tr("exportFailed", { message: m })}
          />
          <Typography.Paragraph type="secondary">{tr("stepUpload")}</Typography.Paragraph>
          <XlsxDragger
            texts={TEXTS}
            file={file}
            onChange={(f) => {
              setFile(f);
              setOutcome(null);
            }}
          />
          {outcome?.kind === "error" && (
            <Alert
              type="error"
              showIcon
              title={tr("nothingImported")}
              description={outcome.message}
              style={{ marginTop: 16 }}
              data-testid="import-error"
            />
          )}
          {outcome?.kind === "failed" && <ImportRowErrorReport texts={TEXTS} errors={outcome.errors} fileLevel />}
          {previewed && <ImportPreview result={previewed} />}
        </>
      )}
    </ExcelImportModal>
  );
}

function ImportPreview({ result }: { result: TranslationImportResult }) {
  return (
    <div style={{ marginTop: 16 }} data-testid="import-preview">
      <Alert
        type={result.changes.length ? "info" : "success"}
        showIcon
        title={
          result.changes.length
            ? tr("previewSummary", {
                total: result.total,
                changes: result.changes.length,
                unchanged: result.unchanged,
                missing: result.counts.待翻译,
                toCheck: result.counts.待校对,
                checked: result.counts.已校对,
              })
            : tr("noChanges")
        }
        style={{ marginBottom: 12 }}
      />
      {result.changes.length > 0 && (
        <Table
          size="small"
          rowKey="key"
          dataSource={result.changes}
          pagination={result.changes.length > 10 ? { pageSize: 10, size: "small" } : false}
          scroll={{ x: 800 }}
          columns={[
            { title: tr("row"), dataIndex: "row", width: 70 },
            { title: tr("columns.key"), dataIndex: "key", width: 200 },
            { title: tr("columns.zh"), dataIndex: "zh", width: 180 },
            {
              title: tr("before"),
              key: "before",
              render: (_: unknown, c) => (
                <span lang="mn-Mong" style={MN}>
                  {c.before.text || "—"} <Tag color={STATE_COLORS[c.before.state]}>{c.before.state}</Tag>
                </span>
              ),
            },
            {
              title: tr("after"),
              key: "after",
              render: (_: unknown, c) => (
                <span lang="mn-Mong" style={MN}>
                  {c.after.text || "—"} <Tag color={STATE_COLORS[c.after.state]}>{c.after.state}</Tag>
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
