import type { SiteSearchResult } from "../../../contracts/content";
import { query } from "../api";
import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import { SearchBox } from "./SearchBox";

const LISTS: Record<string, string> = {
  news: "/news",
  policies: "/policies",
  notices: "/notices",
  units: "/units",
  bases: "/bases",
  deeds: "/models",
};

/** 站内搜索: news, policies, notices, named units, education bases and deeds matching the words, grouped by kind. */
export default function SearchSection() {
  const q = new URLSearchParams(window.location.search).get("q")?.trim() ?? "";
  const { data, error, loading } = useFetch<SiteSearchResult>(q ? `/api/public/search${query({ q })}` : null);
  return (
    <section className="container page" aria-labelledby="search-title">
      <div className="section-head">
        <h1 id="search-title">{t("portal.sections.search.title")}</h1>
        <p>{t("portal.search.lead")}</p>
      </div>
      <SearchBox key={q} initial={q} id="search-page-q" />
      {error && <p className="alert alert-error">{error.message}</p>}
      {loading && <p className="loading">{t("portal.loading")}</p>}
      {data && (
        <p className="meta" role="status">
          {t("portal.search.summary", { q, n: data.groups.reduce((s, g) => s + g.total, 0) })}
        </p>
      )}
      {data?.groups.map((g) => (
        <section key={g.kind} className="search-group" aria-labelledby={`search-${g.kind}`}>
          <h2 id={`search-${g.kind}`} className="sub-title">
            {g.label}
            <span className="facet-count">{g.total}</span>
          </h2>
          {g.items.length === 0 ? (
            <p className="empty">{t("portal.search.none")}</p>
          ) : (
            <ul className="notice-list">
              {g.items.map((hit) => (
                <li key={hit.id} className="notice-row">
                  <Link href={hit.href} className="notice-title">
                    {hit.title}
                  </Link>
                  <p className="meta">{hit.meta}</p>
                </li>
              ))}
            </ul>
          )}
          {g.total > g.items.length && (
            <p>
              <Link href={`${LISTS[g.kind]}${g.kind === "policies" ? query({ q }) : ""}`}>
                {t("portal.search.more", { n: g.total, label: g.label })}
              </Link>
            </p>
          )}
        </section>
      ))}
    </section>
  );
}
