import { Button, Card, List, Space, Switch, Tag, Typography } from "antd";
import type { PlanTreePreview } from "../../../../contracts/plans";
import { t } from "../../../app/i18n";
import type { CandidateRef } from "./candidates";

const i = (key: string, params?: Record<string, string | number>) => t(`plans.import.${key}`, params);

/** Principles found under 指导思想/基本原则 headings: shown so the user sees they were not taken as tasks. */
function principlesOf(tree: PlanTreePreview[], out: PlanTreePreview[] = []): PlanTreePreview[] {
  for (const n of tree) {
    if (n.principles?.length) out.push(n);
    principlesOf(n.children, out);
  }
  return out;
}

/**
 * 候选任务: unnumbered paragraphs that open with a lead sentence, offered as tasks. Each is accepted or left out
 * (left out by default); only the accepted ones are committed, under the heading they were found in.
 */
export function CandidateList({
  tree,
  candidates,
  accepted,
  onChange,
}: {
  tree: PlanTreePreview[];
  candidates: CandidateRef[];
  accepted: Set<string>;
  onChange: (next: Set<string>) => void;
}) {
  const principles = principlesOf(tree);
  if (candidates.length === 0 && principles.length === 0) return null;
  const toggle = (key: string, on: boolean) => {
    const next = new Set(accepted);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  return (
    <Card title={i("candidatesTitle", { count: candidates.length })} data-testid="candidate-list">
      {candidates.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">{i("candidatesHint")}</Typography.Paragraph>
          <Space style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => onChange(new Set(candidates.map((c) => c.key)))}>
              {i("candidatesAcceptAll")}
            </Button>
            <Button size="small" onClick={() => onChange(new Set())}>
              {i("candidatesRejectAll")}
            </Button>
          </Space>
          <List
            size="small"
            dataSource={candidates}
            renderItem={({ key, heading, candidate: c }) => (
              <List.Item
                data-testid="candidate"
                extra={
                  <Switch
                    checked={accepted.has(key)}
                    onChange={(on) => toggle(key, on)}
                    checkedChildren={i("candidateAccepted")}
                    unCheckedChildren={i("candidateRejected")}
                    aria-label={c.title}
                  />
                }
              >
                <List.Item.Meta
                  title={
                    <span>
                      {c.title}
                      {c.units.map((u) => (
                        <Tag key={u} style={{ marginInlineStart: 6 }}>
                          {u}
                        </Tag>
                      ))}
                    </span>
                  }
                  description={i("candidateUnder", { line: c.line, heading: `${heading.number} ${heading.title}` })}
                />
              </List.Item>
            )}
          />
        </>
      )}
      {principles.map((h) => (
        <Typography.Paragraph key={`${h.line}-${h.title}`} type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {i("principlesUnder", { heading: `${h.number} ${h.title}`, count: h.principles?.length ?? 0 })}
          {(h.principles ?? []).map((p) => (
            <Tag key={`${p.line}-${p.title}`} style={{ marginInlineStart: 6 }}>
              {p.number}
              {p.title}
            </Tag>
          ))}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
