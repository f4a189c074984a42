import { useState } from "react";
import { query } from "../api";
import { Pager } from "../creation/Pager";
import { localized, t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import { type BaseDirectory, fileUrl } from "./types";

const PAGE_SIZE = 12;
const LEVELS = ["national", "region", "city", "county"] as const;
type Filters = { q: string; kind: string; level: string };
type Crumb = { code: string; name: string };

/** 教育基地名录: filters, the distribution by region (drill down), distance order when the visitor allows it. */
export default function BasesDirectory() {
  const [draft, setDraft] = useState<Filters>({ q: "", kind: "", level: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  const [trail, setTrail] = useState<Crumb[]>([]);
  const [page, setPage] = useState(1);
  const [pos, setPos] = useState<{ lat: number; lng: number } | null>(null);
  const [posError, setPosError] = useState(false);
  const region = trail.at(-1)?.code;
  const { data, error, loading } = useFetch<BaseDirectory>(
    `/api/public/bases${query({ ...filters, regionCode: region, page, pageSize: PAGE_SIZE, lat: pos?.lat, lng: pos?.lng })}`,
  );
  const locate = () => {
    if (!navigator.geolocation) return setPosError(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPos({ lat: Math.round(p.coords.latitude * 1000) / 1000, lng: Math.round(p.coords.longitude * 1000) / 1000 });
        setPosError(false);
        setPage(1);
      },
      () => setPosError(true),
      { timeout: 10_000, maximumAge: 600_000 },
    );
  };
  const max = Math.max(1, ...(data?.byRegion.map((r) => r.count) ?? []));

  return (
    <section className="container page" aria-labelledby="bases-title">
      <div className="section-head">
        <h1 id="bases-title">{t("portal.sections.bases.title")}</h1>
        <p>{t("portal.bases.lead")}</p>
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
          <label htmlFor="bases-q">{t("portal.bases.q")}</label>
          <input
            id="bases-q"
            value={draft.q}
            maxLength={50}
            placeholder={t("portal.bases.qHint")}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="bases-kind">{t("portal.bases.kind")}</label>
          <select id="bases-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            <option value="">{t("portal.bases.all")}</option>
            {data?.kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="bases-level">{t("portal.bases.level")}</label>
          <select id="bases-level" value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value })}>
            <option value="">{t("portal.bases.all")}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`portal.levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t("portal.bases.search")}
          </button>
          <button type="button" className="btn btn-toggle" aria-pressed={!!pos} onClick={locate}>
            {t("portal.bases.near")}
          </button>
        </div>
      </form>
      {pos && <p className="hint">{t("portal.bases.nearOn")}</p>}
      {posError && <p className="hint">{t("portal.bases.nearDenied")}</p>}

      <section className="panel" aria-labelledby="bases-map-title">
        <div className="panel-head">
          <h2 id="bases-map-title" className="sub-title">
            {t("portal.bases.mapTitle")}
          </h2>
          <nav className="crumbs" aria-label={t("portal.bases.mapLabel")}>
            <button type="button" className="link-button" disabled={!trail.length} onClick={() => setTrail([])}>
              {t("portal.bases.allRegions")}
            </button>
            {trail.map((c, i) => (
              <span key={c.code}>
                <span aria-hidden="true"> / </span>
                <button
                  type="button"
                  className="link-button"
                  disabled={i === trail.length - 1}
                  onClick={() => setTrail(trail.slice(0, i + 1))}
                >
                  {c.name}
                </button>
              </span>
            ))}
          </nav>
        </div>
        <p className="hint">{t("portal.bases.mapHint")}</p>
        <ul className="tiles" aria-label={t("portal.bases.mapLabel")}>
          {data?.byRegion
            .filter((r) => r.regionCode !== region)
            .map((r) => {
              const share = r.count / max;
              return (
                <li key={r.regionCode}>
                  <button
                    type="button"
                    className="tile"
                    style={{ "--share": share.toFixed(2) } as React.CSSProperties}
                    data-dark={share > 0.55 ? "true" : undefined}
                    onClick={() => {
                      setTrail([...trail, { code: r.regionCode, name: r.regionName }]);
                      setPage(1);
                    }}
                    aria-label={t("portal.bases.tileLabel", { name: r.regionName, n: r.count })}
                  >
                    <span className="tile-name">{r.regionName}</span>
                    <span className="tile-count">{r.count}</span>
                  </button>
                </li>
              );
            })}
        </ul>
      </section>

      <h2 className="sub-title">
        {t("portal.bases.listTitle", { name: trail.at(-1)?.name ?? "", n: data?.total ?? 0 })}
      </h2>
      {error && <p className="alert alert-error">{error.message}</p>}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && data.items.length === 0 && <p className="empty">{t("portal.bases.empty")}</p>}
      <ul className="base-grid">
        {data?.items.map((b) => {
          const name = localized(b.name, b.nameMn);
          return (
            <li key={b.id} className="base-card">
              {b.coverId ? (
                <img className="base-cover" src={fileUrl(b.id, b.coverId)} alt="" loading="lazy" />
              ) : (
                <div className="base-cover base-cover-empty" aria-hidden="true" />
              )}
              <div className="base-card-body">
                <h3 className="base-name" lang={name.lang}>
                  {b.hasPage ? <Link href={`/bases/${b.id}`}>{name.text}</Link> : name.text}
                </h3>
                <p className="meta">
                  {b.kindLabel} · {t(`portal.levels.${b.level}`)} · {b.regionName}
                  {b.distanceKm !== null && ` · ${t("portal.bases.km", { km: b.distanceKm })}`}
                </p>
                {b.address && <p className="meta">{b.address}</p>}
                {b.openingHours && (
                  <p className="meta">
                    {t("portal.bases.openingHours")}：{b.openingHours}
                  </p>
                )}
                {b.hasPage ? (
                  <Link className="btn btn-primary btn-small" href={`/bases/${b.id}`}>
                    {t("portal.bases.visit")}
                  </Link>
                ) : (
                  <span className="badge badge-pending">{t("portal.bases.noPage")}</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {data && <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />}
    </section>
  );
}
