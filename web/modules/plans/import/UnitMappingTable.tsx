import { useQuery } from "@tanstack/react-query";
import { Button, Grid, Input, Select, Space, Table, Tag, Typography } from "antd";
import { api } from "../../../app/api";
import { OrgPicker } from "../../../app/components/OrgPicker";
import { t } from "../../../app/i18n";
import { ResolutionTag } from "../labels";
import { DEFAULT_ORG_TYPE, isSettled, type Resolution, type UnitChoice } from "./mapping";

type DictItem = { code: string; label: string };

function useOrgTypeOptions() {
  const { data } = useQuery({
    queryKey: ["dict", "org_type"],
    queryFn: () => api.get<DictItem[]>("/api/dicts/org_type"),
    staleTime: 5 * 60_000,
  });
  return (data ?? []).map((d) => ({ value: d.code, label: d.label }));
}

const m = (key: string, params?: Record<string, string | number>) => t(`plans.import.mapping.${key}`, params);

/** What the automatic match found: the organizations (a collective lists several) or the best candidates. */
function MatchCell({ r }: { r: Resolution }) {
  if (r.orgs.length === 0) return <Typography.Text type="secondary">{m("noMatch")}</Typography.Text>;
  const shown = r.orgs.slice(0, 3);
  return (
    <Space size={[4, 4]} wrap>
      {shown.map((o) => (
        <Tag key={o.id} style={{ marginInlineEnd: 0 }}>
          {o.name}
        </Tag>
      ))}
      {r.orgs.length > shown.length && (
        <Typography.Text type="secondary">{m("moreOrgs", { count: r.orgs.length - shown.length })}</Typography.Text>
      )}
      {r.status === "fuzzy" && (
        <Typography.Text type="secondary">{m("score", { score: Math.round(r.score * 100) / 100 })}</Typography.Text>
      )}
    </Space>
  );
}

/** The control that settles one name. */
function ChoiceCell({
  r,
  choice,
  onChange,
  typeOptions,
}: {
  r: Resolution;
  choice: UnitChoice;
  onChange: (c: UnitChoice) => void;
  typeOptions: { value: string; label: string }[];
}) {
  const modes = [
    ...(r.needsMapping ? [] : [{ value: "auto", label: m("modes.auto") }]),
    { value: "org", label: m("modes.org") },
    { value: "create", label: m("modes.create") },
    { value: "ignore", label: m("modes.ignore") },
  ];
  const setMode = (mode: UnitChoice["mode"]) =>
    onChange(
      mode === "create"
        ? { mode, name: r.name, type: DEFAULT_ORG_TYPE }
        : mode === "org"
          ? { mode, orgId: r.candidates[0]?.id }
          : { mode },
    );
  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }}>
      <Select
        value={choice.mode}
        options={modes}
        onChange={setMode}
        style={{ width: "100%", maxWidth: 220 }}
        aria-label={m("modeFor", { name: r.name })}
        data-testid="mapping-mode"
      />
      {choice.mode === "org" && (
        <>
          <OrgPicker
            value={choice.orgId}
            onChange={(orgId) => onChange({ mode: "org", orgId })}
            style={{ width: "100%", maxWidth: 360 }}
            placeholder={m("orgPlaceholder")}
          />
          {r.candidates.length > 0 && (
            <Space size={[4, 4]} wrap>
              <Typography.Text type="secondary">{m("candidates")}</Typography.Text>
              {r.candidates.slice(0, 3).map((c) => (
                <Button key={c.id} size="small" onClick={() => onChange({ mode: "org", orgId: c.id })}>
                  {c.name}
                  {m("score", { score: Math.round(c.score * 100) / 100 })}
                </Button>
              ))}
            </Space>
          )}
        </>
      )}
      {choice.mode === "create" && (
        <div style={{ display: "flex", flexWrap: "wrap", gap: 6, maxWidth: 360 }}>
          <Input
            value={choice.name}
            maxLength={100}
            onChange={(e) => onChange({ ...choice, name: e.target.value })}
            aria-label={m("newName")}
            style={{ flex: "1 1 160px" }}
          />
          <Select
            value={choice.type}
            options={typeOptions}
            onChange={(type) => onChange({ ...choice, type })}
            style={{ flex: "1 1 120px" }}
            aria-label={m("newType")}
          />
        </div>
      )}
    </Space>
  );
}

/**
 * 单位对应: each unit name the parser found, how it matched (exact, alias, fuzzy with its score, a collective
 * such as 区直各部门, or nothing), and the user's decision. Names that need a decision come first.
 */
export function UnitMappingTable({
  units,
  choices,
  onChange,
  refused,
}: {
  units: Resolution[];
  choices: Record<string, UnitChoice>;
  onChange: (name: string, c: UnitChoice) => void;
  /** Names the server refused at commit, marked until settled again. */
  refused: string[];
}) {
  const typeOptions = useOrgTypeOptions();
  // On a phone the name column narrows so the decision stays on screen without scrolling sideways.
  const narrow = !Grid.useBreakpoint().sm;
  const rows = [...units].sort((a, b) => Number(b.needsMapping) - Number(a.needsMapping));
  return (
    <Table<Resolution>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={narrow ? undefined : { x: 560 }}
      // Fixed layout on a phone: the inputs take the column's width instead of widening the table off screen.
      tableLayout={narrow ? "fixed" : undefined}
      onRow={(r) => ({ "data-testid": "unit-row", "data-name": r.name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: "name",
          title: m("name"),
          width: narrow ? 100 : 190,
          render: (_, r) => {
            const settled = isSettled(r, choices[r.name]) && !refused.includes(r.name);
            return (
              <Space orientation="vertical" size={4}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m("nodeCount", { count: r.nodeCount })}
                </Typography.Text>
                <Space size={4} wrap>
                  <ResolutionTag status={r.status} />
                  {r.needsMapping && (
                    <Tag color={settled ? "green" : "red"} variant="outlined">
                      {settled ? m("settled") : m("unsettled")}
                    </Tag>
                  )}
                </Space>
              </Space>
            );
          },
        },
        {
          key: "choice",
          title: m("choice"),
          render: (_, r) => {
            const choice = choices[r.name] ?? { mode: "auto" };
            return (
              <Space orientation="vertical" size={6} style={{ width: "100%" }}>
                <ChoiceCell r={r} choice={choice} onChange={(c) => onChange(r.name, c)} typeOptions={typeOptions} />
                {choice.mode === "auto" && <MatchCell r={r} />}
              </Space>
            );
          },
        },
      ]}
    />
  );
}
