import { useState } from "react";
import { query } from "../api";
import { cnDate } from "../creation/format";
import { Pager } from "../creation/Pager";
import type { Page } from "../creation/types";
import { t } from "../i18n";
import { useFetch } from "../useFetch";

const PAGE_SIZE = 12;

type Deed = {
  id: string;
  campaignTitle: string;
  year: number;
  kindLabel: string;
  honoreeName: string;
  honoreeUnit: string;
  regionName: string;
  awardedOn: string;
  summary: string;
  fields: { label: string; value: string }[];
};
type Facets = {
  kinds: { code: string; label: string }[];
  regions: { code: string; name: string }[];
  years: number[];
};
type Filters = { q: string; kind: string; regionCode: string; year: string };

/** 先进事迹库: awarded collectives and individuals with their public summary (consented fields only), searchable. */
export default function DeedsSection() {
  // The site search links here with ?q= (站内搜索 → 先进事迹).
  const [filters, setFilters] = useState<Filters>(() => ({
    q: new URLSearchParams(window.location.search).get("q")?.trim().slice(0, 50) ?? "",
    kind: "",
    regionCode: "",
    year: "",
  }));
  const [draft, setDraft] = useState<Filters>(filters);
  const [page, setPage] = useState(1);
  const facets = useFetch<Facets>("/api/public/honors/deeds/facets");
  const deeds = useFetch<Page<Deed>>(`/api/public/honors/deeds${query({ ...filters, page, pageSize: PAGE_SIZE })}`);
  const d = (k: string, v?: Record<string, string | number>) => t(`portal.deeds.${k}`, v);
  const select = (key: keyof Filters, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`deeds-${key}`}>{label}</label>
      <select id={`deeds-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
        <option value="">{d("all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="container page" aria-labelledby="deeds-title">
      <div className="section-head">
        <h1 id="deeds-title">{t("portal.sections.models.title")}</h1>
        <p>{d("lead")}</p>
      </div>
      <form
        className="form filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setPage(1);
        }}
      >
        <div className="field">
          <label htmlFor="deeds-q">{d("q")}</label>
          <input
            id="deeds-q"
            value={draft.q}
            maxLength={50}
            placeholder={d("qHint")}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        {select(
          "kind",
          d("kind"),
          (facets.data?.kinds ?? []).map((k) => ({ value: k.code, label: k.label })),
        )}
        {select(
          "regionCode",
          d("region"),
          (facets.data?.regions ?? []).map((r) => ({ value: r.code, label: r.name })),
        )}
        {select(
          "year",
          d("year"),
          (facets.data?.years ?? []).map((y) => ({ value: String(y), label: d("yearOption", { year: y }) })),
        )}
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {d("search")}
          </button>
        </div>
      </form>
      <h2 className="sub-title">{d("listTitle", { n: deeds.data?.total ?? 0 })}</h2>
      {deeds.error && <p className="alert alert-error">{deeds.error.message}</p>}
      {deeds.data && deeds.data.items.length === 0 && <p className="empty">{d("empty")}</p>}
      {deeds.data && deeds.data.items.length > 0 && (
        <ul className="deeds" aria-label={d("listLabel")}>
          {deeds.data.items.map((x) => (
            <li key={x.id} className="panel deed">
              <h3 className="sub-title">
                {x.honoreeName} <span className="badge">{x.kindLabel}</span>
              </h3>
              <p className="hint">
                {[x.honoreeUnit, x.regionName].filter(Boolean).join(" · ")}
                <br />
                {d("awardedOn", { campaign: x.campaignTitle, date: cnDate(x.awardedOn) })}
              </p>
              {x.fields.length > 0 && (
                <p className="hint">{x.fields.map((f) => `${f.label}：${f.value}`).join("　")}</p>
              )}
              <p>{x.summary}</p>
            </li>
          ))}
        </ul>
      )}
      {deeds.data && <Pager page={page} pageSize={PAGE_SIZE} total={deeds.data.total} onPage={setPage} />}
    </section>
  );
}
