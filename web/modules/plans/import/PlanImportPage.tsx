import { ArrowLeftOutlined, FileSearchOutlined, InboxOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Radio,
  Row,
  Space,
  Statistic,
  Typography,
  Upload,
} from "antd";
import type { RcFile, UploadFile } from "antd/es/upload";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import type { ImportPreview, PlanStatus, PlanView } from "../../../../contracts/plans";
import { ApiError, api } from "../../../app/api";
import { RegionPicker } from "../../../app/components/RegionPicker";
import { applyServerErrors } from "../../../app/components/serverErrors";
import { t } from "../../../app/i18n";
import { PlanMetaFields, type PlanMetaValues, planMetaBody } from "../PlanMetaFields";
import { planKeys } from "../planApi";
import { CandidateList } from "./CandidateList";
import { listCandidates, namesInUse, treeWithDecisions } from "./candidates";
import { initialChoice, isSettled, mappingBody, type UnitChoice } from "./mapping";
import { PreviewTree } from "./PreviewTree";
import { UnitMappingTable } from "./UnitMappingTable";

/** Plan documents are text: the largest real ones are a few hundred KB (the server refuses above 10 MB). */
const MAX_SIZE = 10 * 1024 * 1024;
const ACCEPTED = [".txt", ".docx"];

const i = (key: string, params?: Record<string, string | number>) => t(`plans.import.${key}`, params);

type CommitValues = PlanMetaValues & { status: PlanStatus };

function metaFromPreview(p: ImportPreview): CommitValues {
  const year = new Date().getFullYear();
  return {
    title: p.title ?? p.sourceFileName.replace(/\.(txt|docx)$/i, ""),
    docNumber: p.docNumber ?? "",
    periodStart: p.periodStart ?? year,
    periodEnd: p.periodEnd ?? year + 4,
    cycle: "quarterly",
    graceDays: 10,
    remindDays: 15,
    status: "draft",
  };
}

/** Step 1: choose the document (and, for a lower region's plan, its region) and have it parsed. */
function UploadStep({ onPreview }: { onPreview: (p: ImportPreview) => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<RcFile | null>(null);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [parsing, setParsing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileList: UploadFile[] = file ? [{ uid: file.uid, name: file.name, size: file.size, status: "done" }] : [];

  const parse = async () => {
    if (!file) return;
    setParsing(true);
    setError(null);
    const body = new FormData();
    if (regionCode) body.append("regionCode", regionCode);
    body.append("file", file, file.name);
    try {
      onPreview(await api.post<ImportPreview>("/api/plans/import/preview", body));
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : t("common.unknownError"));
    } finally {
      setParsing(false);
    }
  };

  return (
    <Card title={i("uploadTitle")}>
      <Typography.Paragraph type="secondary">{i("uploadHint")}</Typography.Paragraph>
      <Upload.Dragger
        accept={ACCEPTED.join(",")}
        maxCount={1}
        multiple={false}
        fileList={fileList}
        beforeUpload={(f) => {
          if (!ACCEPTED.some((ext) => f.name.toLowerCase().endsWith(ext))) {
            message.error(i("onlyTxtDocx"));
            return Upload.LIST_IGNORE;
          }
          if (f.size > MAX_SIZE) {
            message.error(i("tooLarge"));
            return Upload.LIST_IGNORE;
          }
          setFile(f);
          setError(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
        data-testid="plan-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{i("dragText")}</p>
        <p className="ant-upload-hint">{i("dragHint")}</p>
      </Upload.Dragger>
      <Form layout="vertical" style={{ marginTop: 16, maxWidth: 420 }}>
        <Form.Item label={t("plans.fields.region")} extra={t("plans.extra.region")}>
          <RegionPicker value={regionCode} onChange={setRegionCode} />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          title={i("parseFailed")}
          description={error}
          style={{ marginBottom: 16 }}
          data-testid="parse-error"
        />
      )}
      <Button
        type="primary"
        icon={<FileSearchOutlined />}
        disabled={!file}
        loading={parsing}
        onClick={parse}
        data-testid="plan-parse"
      >
        {i("parse")}
      </Button>
    </Card>
  );
}

/** What the parser recognised: counts and warnings, above the review. */
function PreviewSummary({ preview, unsettled }: { preview: ImportPreview; unsettled: number }) {
  const c = preview.counts;
  return (
    <Card data-testid="preview-summary">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: "file", label: i("file"), children: preview.sourceFileName },
          { key: "region", label: t("plans.fields.region"), children: preview.regionName },
        ]}
      />
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        {(["chapters", "sections", "columns", "tasks"] as const).map((k) => (
          <Col xs={12} sm={6} key={k}>
            <Statistic title={i(`counts.${k}`)} value={c[k]} />
          </Col>
        ))}
      </Row>
      {preview.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={i("warnings", { count: preview.warnings.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Alert
        type={unsettled > 0 ? "info" : "success"}
        showIcon
        style={{ marginTop: 16 }}
        title={
          unsettled > 0
            ? i("unitsToMap", { total: preview.units.length, count: unsettled })
            : i("unitsAllSettled", { total: preview.units.length })
        }
        data-testid="mapping-status"
      />
    </Card>
  );
}

/**
 * 导入规划: upload a .txt/.docx plan, review the parsed tree (with source line numbers and warnings), settle the
 * unit names the parser found, set the plan's period and cycle, and commit. Nothing is stored before the commit,
 * and the commit stores everything or nothing.
 */
export default function PlanImportPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CommitValues>();
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, UnitChoice>>({});
  const [refused, setRefused] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const candidates = useMemo(() => listCandidates(preview?.tree ?? []), [preview]);
  // Only names on what will be committed count: a candidate left out needs no mapping.
  const unsettledNames = useMemo(() => {
    const used = namesInUse(preview?.tree ?? [], accepted);
    return new Set(
      (preview?.units ?? []).filter((u) => used.has(u.name) && !isSettled(u, choices[u.name])).map((u) => u.name),
    );
  }, [preview, choices, accepted]);

  const startReview = (p: ImportPreview) => {
    setPreview(p);
    setChoices(Object.fromEntries(p.units.map((u) => [u.name, initialChoice(u)])));
    setRefused([]);
    setAccepted(new Set());
    setError(null);
    form.setFieldsValue(metaFromPreview(p));
  };

  const setChoice = (name: string, c: UnitChoice) => {
    setChoices((all) => ({ ...all, [name]: c }));
    setRefused((r) => r.filter((n) => n !== name));
  };

  /** 其余全部新建 / 全部忽略: settles every name still open the same way. */
  const settleRest = (mode: "create" | "ignore") => {
    setChoices((all) => {
      const next = { ...all };
      for (const u of preview?.units ?? [])
        if (!isSettled(u, all[u.name]))
          next[u.name] = mode === "create" ? { mode, name: u.name, type: "party_gov" } : { mode };
      return next;
    });
    setRefused([]);
  };

  const commit = async (v: CommitValues, confirmNoUnits = false) => {
    if (!preview) return;
    if (unsettledNames.size > 0) {
      setError(i("mapFirst", { names: [...unsettledNames].join("、") }));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const plan = await api.post<PlanView>("/api/plans/import/commit", {
        ...planMetaBody(v),
        regionCode: preview.regionCode,
        status: v.status,
        sourceFileName: preview.sourceFileName,
        tree: treeWithDecisions(preview.tree, accepted),
        mapping: mappingBody(choices),
        confirmNoUnits,
      });
      message.success(i("committed", { title: plan.title, tasks: plan.counts.tasks }));
      await queryClient.invalidateQueries({ queryKey: planKeys.list });
      navigate(`/plans/${plan.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === "UNITS_UNMAPPED") {
        const names = Array.isArray(e.details?.names) ? (e.details.names as string[]) : [];
        setRefused(names);
        setError(e.message);
      } else if (e instanceof ApiError && e.code === "PLAN_NO_UNITS") {
        // No task has a responsible unit: import only when the user says so.
        modal.confirm({
          title: i("noUnitsTitle"),
          content: e.message,
          okText: i("noUnitsOk"),
          cancelText: i("noUnitsCancel"),
          onOk: () => commit(v, true),
        });
      } else {
        setError(applyServerErrors(form, e));
      }
    } finally {
      setSaving(false);
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/plans")}>
      {i("backToList")}
    </Button>
  );

  if (!preview)
    return (
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        {back}
        <UploadStep onPreview={startReview} />
      </Space>
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap>
        {back}
        <Button onClick={() => setPreview(null)} data-testid="plan-reupload">
          {i("chooseAgain")}
        </Button>
      </Space>
      <PreviewSummary preview={preview} unsettled={unsettledNames.size} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14} style={{ minWidth: 0 }}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Card title={i("mappingTitle")}>
              <Typography.Paragraph type="secondary">{i("mappingHint")}</Typography.Paragraph>
              {unsettledNames.size > 0 && (
                <Space wrap style={{ marginBottom: 12 }}>
                  <Button size="small" onClick={() => settleRest("create")} data-testid="mapping-create-rest">
                    {i("createRest")}
                  </Button>
                  <Button size="small" onClick={() => settleRest("ignore")}>
                    {i("ignoreRest")}
                  </Button>
                </Space>
              )}
              <UnitMappingTable units={preview.units} choices={choices} onChange={setChoice} refused={refused} />
            </Card>
            <CandidateList tree={preview.tree} candidates={candidates} accepted={accepted} onChange={setAccepted} />
            <Card title={i("metaTitle")}>
              <Form<CommitValues>
                name="planImport"
                form={form}
                layout="vertical"
                initialValues={metaFromPreview(preview)}
                onFinish={(v) => commit(v)}
                onValuesChange={() => error && setError(null)}
              >
                <PlanMetaFields />
                <Form.Item name="status" label={i("statusAfter")} extra={i("statusAfterHint")}>
                  <Radio.Group
                    options={[
                      { value: "draft", label: i("asDraft") },
                      { value: "active", label: i("asActive") },
                    ]}
                  />
                </Form.Item>
              </Form>
              {error && (
                <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
              )}
              <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="plan-commit">
                {i("commit")}
              </Button>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10} style={{ minWidth: 0 }}>
          <Card title={i("treeTitle")} styles={{ body: { paddingInline: 8 } }}>
            <PreviewTree tree={preview.tree} unsettled={unsettledNames} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
