import { Alert, Descriptions, Form, Input, InputNumber, Radio, Switch, Tag, Typography } from "antd";
import { t } from "../../app/i18n";
import { methodOptions } from "./evaluationDicts";
import { type Derived, type EditNode, fmtTenths, LIMITS } from "./treeModel";

/**
 * One indicator's content: name, scoring method and 分值 (leaves), 一票否决, scoring standard and expected
 * evidence. Every change goes straight into the tree, so the totals and checks follow as one types.
 */
export function IndicatorNodePanel({
  node,
  derived,
  editable,
  onChange,
}: {
  node: EditNode;
  derived: Derived;
  editable: boolean;
  onChange: (patch: Partial<Omit<EditNode, "uid" | "children">>, field: string) => void;
}) {
  const leaf = node.children.length === 0;
  const code = derived.code.get(node.uid) ?? "";
  const depth = derived.depth.get(node.uid) ?? 1;
  const problems = derived.problemsOf.get(node.uid) ?? [];
  const errorOf = (...fields: string[]) => {
    const p = problems.filter((x) => fields.includes(x.field));
    return p.length ? { validateStatus: "error" as const, help: p.map((x) => x.message).join("；") } : {};
  };
  const sum = fmtTenths(derived.sumTenths.get(node.uid) ?? 0);

  if (!editable) return <IndicatorNodeView node={node} derived={derived} />;

  return (
    <Form layout="vertical" disabled={!editable} data-testid="indicator-node-form" component="div">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t(`evaluation.level.${Math.min(depth, 6)}`)} · {t("evaluation.fields.code")} {code}
        {!leaf && ` · ${t("evaluation.units.nodes", { count: node.children.length })}`}
      </Typography.Paragraph>
      <Form.Item label={t("evaluation.fields.title")} required {...errorOf("title")}>
        <Input.TextArea
          value={node.title}
          onChange={(e) => onChange({ title: e.target.value }, "title")}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={LIMITS.title}
          data-testid="node-title"
        />
      </Form.Item>
      {leaf ? (
        <>
          <Form.Item label={t("evaluation.fields.method")} required {...errorOf("method")}>
            <Radio.Group
              value={node.method}
              onChange={(e) => onChange({ method: e.target.value }, "method")}
              options={methodOptions().map((o) => ({ ...o, disabled: node.veto && o.value !== "yes_no" }))}
              optionType="button"
              data-testid="node-method"
            />
            {node.method && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`evaluation.methodHints.${node.method}`)}
                </Typography.Text>
              </div>
            )}
          </Form.Item>
          <div style={{ display: "flex", gap: 24, flexWrap: "wrap" }}>
            <Form.Item
              label={t("evaluation.fields.maxScore")}
              required
              extra={problems.some((p) => p.field === "maxScore") ? undefined : t("evaluation.editor.leafScoreHint")}
              {...errorOf("maxScore")}
            >
              <InputNumber
                value={node.maxScore}
                onChange={(v) => onChange({ maxScore: typeof v === "number" ? v : null }, "maxScore")}
                min={0}
                max={LIMITS.nodeScore}
                step={0.5}
                style={{ width: 140 }}
                suffix={t("evaluation.units.point")}
                data-testid="node-score"
              />
            </Form.Item>
            <Form.Item label={t("evaluation.fields.veto")} {...errorOf("veto")}>
              <Switch
                checked={node.veto}
                onChange={(v) => onChange({ veto: v }, "veto")}
                checkedChildren={t("common.yes")}
                unCheckedChildren={t("common.no")}
                data-testid="node-veto"
              />
            </Form.Item>
          </div>
          {node.veto && (
            <Alert type="warning" showIcon title={t("evaluation.editor.vetoHint")} style={{ marginBottom: 16 }} />
          )}
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t("evaluation.editor.parentNoMethod")}</Typography.Paragraph>
          <Form.Item
            label={t("evaluation.fields.maxScore")}
            extra={
              problems.some((p) => p.field === "maxScore") ? undefined : t("evaluation.editor.parentScoreHint", { sum })
            }
            {...errorOf("maxScore")}
          >
            <InputNumber
              value={node.maxScore}
              onChange={(v) => onChange({ maxScore: typeof v === "number" ? v : null }, "maxScore")}
              min={0}
              max={LIMITS.nodeScore}
              step={0.5}
              style={{ width: 140 }}
              suffix={t("evaluation.units.point")}
              data-testid="node-score"
            />
          </Form.Item>
        </>
      )}
      <Form.Item label={t("evaluation.fields.standard")} {...errorOf("standard")}>
        <Input.TextArea
          value={node.standard}
          onChange={(e) => onChange({ standard: e.target.value }, "standard")}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={LIMITS.standard}
          showCount
          data-testid="node-standard"
        />
      </Form.Item>
      <Form.Item label={t("evaluation.fields.evidence")} {...errorOf("evidence")}>
        <Input.TextArea
          value={node.evidence}
          onChange={(e) => onChange({ evidence: e.target.value }, "evidence")}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={LIMITS.evidence}
          showCount
          data-testid="node-evidence"
        />
      </Form.Item>
      {problems.some((p) => p.field === "level" || p.field === "tree") && (
        <Alert
          type="error"
          showIcon
          title={problems
            .filter((p) => p.field === "level" || p.field === "tree")
            .map((p) => p.message)
            .join("；")}
        />
      )}
    </Form>
  );
}

const text = (v: string) =>
  v.trim() ? (
    <span style={{ whiteSpace: "pre-wrap" }}>{v}</span>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

/** One indicator, read only (a published set, or a user who may not edit). */
function IndicatorNodeView({ node, derived }: { node: EditNode; derived: Derived }) {
  const leaf = node.children.length === 0;
  const depth = derived.depth.get(node.uid) ?? 1;
  const sum = fmtTenths(derived.sumTenths.get(node.uid) ?? 0);
  const items = [
    {
      key: "level",
      label: t("evaluation.fields.level"),
      children: `${t(`evaluation.level.${Math.min(depth, 6)}`)} · ${t("evaluation.fields.code")} ${derived.code.get(node.uid)}`,
    },
    { key: "title", label: t("evaluation.fields.title"), children: text(node.title) },
    ...(leaf
      ? [
          {
            key: "method",
            label: t("evaluation.fields.method"),
            children: node.method ? t(`evaluation.methods.${node.method}`) : "—",
          },
          {
            key: "maxScore",
            label: t("evaluation.fields.maxScore"),
            children: node.maxScore === null ? "—" : t("evaluation.units.points", { value: node.maxScore }),
          },
          {
            key: "veto",
            label: t("evaluation.fields.veto"),
            children: node.veto ? <Tag color="red">{t("common.yes")}</Tag> : t("common.no"),
          },
        ]
      : [
          {
            key: "maxScore",
            label: t("evaluation.fields.maxScore"),
            children: t("evaluation.units.subtotal", { value: sum }),
          },
        ]),
    { key: "standard", label: t("evaluation.fields.standard"), children: text(node.standard) },
    { key: "evidence", label: t("evaluation.fields.evidence"), children: text(node.evidence) },
  ];
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      items={items}
      styles={{ label: { width: 96, whiteSpace: "nowrap" } }}
      data-testid="indicator-node-view"
    />
  );
}
