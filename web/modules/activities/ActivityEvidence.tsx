import { FlagOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Select, Space, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import type { ActivityRef, ActivitySummary, ActivityView } from "../../../contracts/activities";
import { api, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { t } from "../../app/i18n";
import { MaterialList } from "../materials/MaterialPicker";

const refOf = (a: ActivitySummary): ActivityRef => ({
  id: a.id,
  title: a.title,
  startDate: a.startDate,
  orgName: a.orgName,
});
const line = (a: ActivityRef) => `${a.title}（${a.orgName}，${a.startDate}）`;

/**
 * Activity records reused as evidence (填一次，多处用) wherever a form takes evidence — a progress report, a score
 * sheet item, an assessment's reported item. `ActivityEvidenceField` picks them; `ActivityEvidenceLinks` lists
 * the cited ones, each opening through the citing object (`base`, e.g. `/api/plans/:id`): its
 * `${base}/activities/:activityId` and `${base}/evidence/:materialId/…` routes let whoever sees that object read
 * the record and its photos and files, whatever their own activities scope.
 */
const e = (key: string) => t(`activities.evidence.${key}`);

/**
 * 佐证活动: activity records the unit may read, submitted or confirmed, found by typing part of the title. A form
 * field: value/onChange are the cited records. Hidden without activity:read.
 */
export function ActivityEvidenceField({
  value = [],
  onChange,
}: {
  value?: ActivityRef[];
  onChange?: (v: ActivityRef[]) => void;
}) {
  const { can } = useAuth();
  const [options, setOptions] = useState<ActivitySummary[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  if (!can("activity:read")) return <Typography.Text type="secondary">{e("noAccess")}</Typography.Text>;

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<Page<ActivitySummary>>("/api/activities", {
          q: q.trim() || undefined,
          pageSize: 30,
        });
        setOptions(page.items.filter((a) => a.status === "submitted" || a.status === "confirmed"));
      } catch {
        setOptions([]);
      } finally {
        setLoading(false);
      }
    }, 250);
  };

  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }}>
      <Select
        style={{ width: "100%" }}
        value={null}
        onChange={(id: string) => {
          const a = options.find((x) => x.id === id);
          if (a && !value.some((v) => v.id === id)) onChange?.([...value, refOf(a)]);
        }}
        showSearch={{ filterOption: false, onSearch: search }}
        onFocus={() => options.length === 0 && search("")}
        options={options.filter((a) => !value.some((v) => v.id === a.id)).map((a) => ({ value: a.id, label: line(a) }))}
        loading={loading}
        placeholder={e("pick")}
        notFoundContent={loading ? e("searching") : e("noMatch")}
        data-testid="activity-evidence-pick"
      />
      {value.length > 0 && (
        <Space size={[4, 4]} wrap data-testid="activity-evidence-list">
          {value.map((a) => (
            <Tag
              key={a.id}
              icon={<FlagOutlined />}
              // A record's title, organizer and date run longer than a phone is wide: wrap, never overflow.
              style={{ whiteSpace: "normal", maxWidth: "100%", height: "auto" }}
              closable
              onClose={(ev) => {
                ev.preventDefault();
                onChange?.(value.filter((v) => v.id !== a.id));
              }}
            >
              {line(a)}
            </Tag>
          ))}
        </Space>
      )}
    </Space>
  );
}

/** A cited record, read through the citing object: whoever sees it sees the record and opens its photos and files. */
function CitedActivityDrawer({ base, id, onClose }: { base: string; id: string | null; onClose: () => void }) {
  const q = useQuery({
    queryKey: ["cited-activity", base, id ?? ""],
    queryFn: () => api.get<ActivityView>(`${base}/activities/${id}`),
    enabled: !!id,
  });
  const a = q.data;
  const f = (k: string) => e(`fields.${k}`);
  return (
    <DetailDrawer
      open={!!id}
      onClose={onClose}
      title={a?.title ?? ""}
      items={
        a
          ? [
              { label: f("type"), value: `${a.typeLabel} · ${a.domainLabel}` },
              { label: f("date"), value: a.startDate === a.endDate ? a.startDate : `${a.startDate} 至 ${a.endDate}` },
              { label: f("place"), value: `${a.regionName}${a.address ? ` ${a.address}` : ""}` },
              { label: f("org"), value: [a.orgName, ...a.coOrgs.map((o) => o.name)].join("、") },
              {
                label: f("participants"),
                value: `${a.participantTotal}（${a.participants.map((p) => `${p.label} ${p.count}`).join("，") || "—"}）`,
              },
              { label: f("summary"), value: a.summary ?? "—" },
            ]
          : []
      }
    >
      {a && (
        <MaterialList
          items={[...a.photos, ...a.files].map((m) => ({ ...m, size: 0 }))}
          hrefFor={(m) => ({
            preview: `${base}/evidence/${m.id}/preview`,
            download: `${base}/evidence/${m.id}/download`,
          })}
        />
      )}
    </DetailDrawer>
  );
}

/** The records an object cites, by name; each opens (through the object, `base`) in a drawer. */
export function ActivityEvidenceLinks({ base, activities }: { base: string; activities: ActivityRef[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <Space size={[8, 2]} wrap>
        {activities.map((a) => (
          <Typography.Link key={a.id} onClick={() => setOpen(a.id)} data-testid="activity-evidence-link">
            <FlagOutlined /> {line(a)}
          </Typography.Link>
        ))}
      </Space>
      <CitedActivityDrawer base={base} id={open} onClose={() => setOpen(null)} />
    </>
  );
}
