import { useEffect, useState } from "react";
import { query } from "../api";
import { localized, t } from "../i18n";
import { useFetch } from "../useFetch";
import { cnDate } from "./format";
import { Pager } from "./Pager";
import type { Category, Page, PublicMap, PublicUnit } from "./types";

const PAGE_SIZE = 20;
const LEVELS = ["national", "region", "city", "county"] as const;

type Filters = { level: string; category: string; year: string; q: string };
type Crumb = { code: string; name: string };

/**
 * The distribution as tiles, one per lower region holding named units, shaded by count. A schematic on purpose:
 * maps published in China must use an approved base map (审图号), which the platform does not ship.
 */
function DistributionTiles({ map, onDrill }: { map: PublicMap; onDrill: (c: Crumb) => void }) {
  const max = Math.max(1, ...map.points.map((p) => p.count));
  if (map.points.length === 0) return <p className="empty">{t("portal.units.mapEmpty")}</p>;
  return (
    <ul className="tiles" aria-label={t("portal.units.mapLabel", { name: map.regionName })}>
      {map.points.map((p) => {
        const share = p.count / max;
        return (
          <li key={p.regionCode}>
            <button
              type="button"
              className="tile"
              style={{ "--share": share.toFixed(2) } as React.CSSProperties}
              data-dark={share > 0.55 ? "true" : undefined}
              onClick={() => onDrill({ code: p.regionCode, name: p.regionName })}
              aria-label={t("portal.units.tileLabel", { name: p.regionName, n: p.count })}
            >
              <span className="tile-name">{p.regionName}</span>
              <span className="tile-count">{p.count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** 示范单位名录: units whose designation is valid today, by region (drill down), level, category, year, name. */
export default function UnitsSection() {
  const [trail, setTrail] = useState<Crumb[]>([]);
  const [filters, setFilters] = useState<Filters>({ level: "", category: "", year: "", q: "" });
  const [draft, setDraft] = useState<Filters>(filters);
  const [page, setPage] = useState(1);
  const region = trail.at(-1)?.code;
  const base = { regionCode: region, level: filters.level, category: filters.category };
  const map = useFetch<PublicMap>(`/api/public/creation/map${query(base)}`);
  const units = useFetch<Page<PublicUnit>>(
    `/api/public/creation/units${query({ ...base, year: filters.year, q: filters.q, page, pageSize: PAGE_SIZE })}`,
  );
  const categories = useFetch<Category[]>("/api/public/creation/categories");

  // The country has one province on most installations: start inside it.
  useEffect(() => {
    const m = map.data;
    if (m && trail.length === 0 && m.regionCode === "" && m.points.length === 1)
      setTrail([{ code: m.points[0].regionCode, name: m.points[0].regionName }]);
  }, [map.data, trail.length]);

  const drill = (c: Crumb) => {
    setTrail((tr) => [...tr, c]);
    setPage(1);
  };
  const year = new Date().getFullYear();
  const years = Array.from({ length: 10 }, (_, i) => String(year - i));

  return (
    <section className="container page" aria-labelledby="units-title">
      <div className="section-head">
        <h1 id="units-title">{t("portal.sections.units.title")}</h1>
        <p>{t("portal.units.lead")}</p>
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
          <label htmlFor="units-q">{t("portal.units.q")}</label>
          <input
            id="units-q"
            value={draft.q}
            maxLength={50}
            placeholder={t("portal.units.qHint")}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="units-level">{t("portal.units.level")}</label>
          <select id="units-level" value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value })}>
            <option value="">{t("portal.units.all")}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`portal.levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="units-category">{t("portal.units.category")}</label>
          <select
            id="units-category"
            value={draft.category}
            onChange={(e) => setDraft({ ...draft, category: e.target.value })}
          >
            <option value="">{t("portal.units.all")}</option>
            {categories.data?.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="units-year">{t("portal.units.year")}</label>
          <select id="units-year" value={draft.year} onChange={(e) => setDraft({ ...draft, year: e.target.value })}>
            <option value="">{t("portal.units.all")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {t("portal.units.yearOption", { year: y })}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t("portal.units.search")}
          </button>
        </div>
      </form>

      <section className="panel" aria-labelledby="units-map-title">
        <div className="panel-head">
          <h2 id="units-map-title" className="sub-title">
            {t("portal.units.mapTitle")}
          </h2>
          <nav className="crumbs" aria-label={t("portal.units.regionPath")}>
            <button
              type="button"
              className="link-button"
              disabled={trail.length === 0}
              onClick={() => {
                setTrail([]);
                setPage(1);
              }}
            >
              {t("portal.units.country")}
            </button>
            {trail.map((c, i) => (
              <span key={c.code}>
                <span aria-hidden="true"> / </span>
                <button
                  type="button"
                  className="link-button"
                  disabled={i === trail.length - 1}
                  aria-current={i === trail.length - 1 ? "location" : undefined}
                  onClick={() => {
                    setTrail(trail.slice(0, i + 1));
                    setPage(1);
                  }}
                >
                  {c.name}
                </button>
              </span>
            ))}
          </nav>
        </div>
        <p className="hint">{t("portal.units.mapHint")}</p>
        {map.error && <p className="alert alert-error">{map.error.message}</p>}
        {map.data && <DistributionTiles map={map.data} onDrill={drill} />}
      </section>

      <h2 className="sub-title">
        {t("portal.units.listTitle", {
          name: trail.at(-1)?.name ?? t("portal.units.country"),
          n: units.data?.total ?? 0,
        })}
      </h2>
      {units.error && <p className="alert alert-error">{units.error.message}</p>}
      {units.data && units.data.items.length === 0 && <p className="empty">{t("portal.units.empty")}</p>}
      {units.data && units.data.items.length > 0 && (
        <section
          className="table-wrap"
          aria-label={t("portal.units.tableLabel")}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box is reached by the keyboard to scroll it
          tabIndex={0}
        >
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("portal.units.col.name")}</th>
                <th scope="col">{t("portal.units.col.region")}</th>
                <th scope="col">{t("portal.units.col.category")}</th>
                <th scope="col">{t("portal.units.col.level")}</th>
                <th scope="col">{t("portal.units.col.namedOn")}</th>
                <th scope="col">{t("portal.units.col.certificate")}</th>
              </tr>
            </thead>
            <tbody>
              {units.data.items.map((u) => {
                const name = localized(u.unitName, u.unitNameMn);
                return (
                  <tr key={u.id}>
                    <td data-label={t("portal.units.col.name")} lang={name.lang}>
                      {name.text}
                    </td>
                    <td data-label={t("portal.units.col.region")}>{u.regionName}</td>
                    <td data-label={t("portal.units.col.category")}>{u.categoryLabel}</td>
                    <td data-label={t("portal.units.col.level")}>{t(`portal.levels.${u.level}`)}</td>
                    <td data-label={t("portal.units.col.namedOn")}>{cnDate(u.namedOn)}</td>
                    <td className="nowrap" data-label={t("portal.units.col.certificate")}>
                      {u.certificateNo}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {units.data && <Pager page={page} pageSize={PAGE_SIZE} total={units.data.total} onPage={setPage} />}
    </section>
  );
}
