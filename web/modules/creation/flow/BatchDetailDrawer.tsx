import { Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import type { Batch } from "../../../../contracts/creation";
import { useAuth } from "../../../app/auth";
import { DetailDrawer } from "../../../app/components/DetailDrawer";
import { formatTime } from "../../../app/format";
import { BatchStatusTag, LevelTag, levelLabel, tf, useCategories, usePublishedSets } from "./shared";

const label = (key: string) => tf(`batches.fields.${key}`);
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? tf("none") : v);

export function CategoryTags({ codes }: { codes: string[] }) {
  const { labelOf } = useCategories();
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((c) => (
        <Tag key={c} style={{ marginInlineEnd: 0 }}>
          {labelOf(c)}
        </Tag>
      ))}
    </Space>
  );
}

/** Which indicator set scores which category: the default set, then the categories with their own. */
function BatchSets({ batch }: { batch: Batch }) {
  const { can } = useAuth();
  const { labelOf } = useCategories();
  const { sets } = usePublishedSets(batch.level, can("evaluation:read"));
  const nameOf = (id: string) => {
    const s = sets.find((x) => x.id === id);
    return s ? `${s.name}（${s.versionLabel}）` : tf("none");
  };
  const own = Object.entries(batch.categorySets);
  return (
    <Space orientation="vertical" size={2}>
      <span>{nameOf(batch.setId)}</span>
      {own.map(([c, id]) => (
        <Typography.Text key={c} type="secondary" style={{ fontSize: 12 }}>
          {labelOf(c)}：{nameOf(id)}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function BatchDetailDrawer({
  batch,
  onClose,
  extra,
}: {
  batch: Batch | null;
  onClose: () => void;
  extra?: ReactNode;
}) {
  const items = batch
    ? [
        { label: label("name"), value: batch.name },
        { label: label("status"), value: <BatchStatusTag status={batch.status} /> },
        { label: label("year"), value: batch.year },
        { label: label("level"), value: <LevelTag level={batch.level} /> },
        { label: label("categories"), value: <CategoryTags codes={batch.categories} /> },
        { label: tf("batches.detail.sets"), value: <BatchSets batch={batch} /> },
        { label: label("submitDeadline"), value: batch.submitDeadline },
        { label: label("reviewDeadline"), value: dash(batch.reviewDeadline) },
        { label: label("evaluationDeadline"), value: dash(batch.evaluationDeadline) },
        { label: label("namingDeadline"), value: dash(batch.namingDeadline) },
        { label: label("quota"), value: batch.quota ?? tf("unlimited") },
        { label: label("noticeDays"), value: batch.noticeDays },
        { label: label("validityYears"), value: batch.validityYears },
        {
          label: label("prerequisiteLevel"),
          value: batch.prerequisiteLevel ? levelLabel(batch.prerequisiteLevel) : tf("notRequired"),
        },
        { label: label("organiser"), value: `${batch.organiserOrgName}（${batch.regionName}）` },
        { label: label("applicationCount"), value: batch.applicationCount },
        { label: label("namedCount"), value: batch.namedCount },
        {
          label: label("description"),
          value: <div style={{ whiteSpace: "pre-wrap" }}>{dash(batch.description)}</div>,
        },
        { label: label("updatedAt"), value: formatTime(batch.updatedAt) },
      ]
    : [];
  return (
    <DetailDrawer
      open={!!batch}
      onClose={onClose}
      title={batch ? `${tf("batches.detail.title")} · ${batch.name}` : ""}
      items={items}
      historyUrl={batch ? `/api/creation/batches/${batch.id}/history` : undefined}
      extra={extra}
    />
  );
}
