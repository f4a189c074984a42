import { type FormEvent, useState } from "react";
import type { PolicyPage, PolicyView } from "../../../contracts/content";
import { query } from "../api";
import { cnDate } from "../creation/format";
import { Pager } from "../creation/Pager";
import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";

const PAGE_SIZE = 10;
type Facet = "topic" | "level" | "validity" | "year";
type Filters = Partial<Record<Facet, string>> & { q?: string };

function Facets({ data, filters, onChange }: { data: PolicyPage; filters: Filters; onChange: (f: Filters) => void }) {
  return (
    <div className="facets">
      {(["topic", "level", "validity", "year"] as const).map((facet) => (
        <fieldset key={facet} className="facet">
          <legend>{t(`portal.policies.facets.${facet}`)}</legend>
          <ul>
            {data.facets[facet].map((v) => {
              const on = filters[facet] === v.code;
              return (
                <li key={v.code}>
                  <button
                    type="button"
                    className={on ? "facet-value facet-on" : "facet-value"}
                    aria-pressed={on}
                    onClick={() => onChange({ ...filters, [facet]: on ? undefined : v.code })}
                  >
                    {facet === "year" ? t("portal.policies.year", { year: v.label }) : v.label}
                    <span className="facet-count">{v.count}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}

function PolicyList() {
  const initialQ = new URLSearchParams(window.location.search).get("q") ?? "";
  const [filters, setFilters] = useState<Filters>({ q: initialQ || undefined });
  const [draft, setDraft] = useState(initialQ);
  const [page, setPage] = useState(1);
  const { data, error, loading } = useFetch<PolicyPage>(
    `/api/public/policies${query({ ...filters, page, pageSize: PAGE_SIZE })}`,
  );
  const change = (f: Filters) => {
    setFilters(f);
    setPage(1);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change({ ...filters, q: draft.trim() || undefined });
  };
  return (
    <section className="container page" aria-labelledby="policies-title">
      <div className="section-head">
        <h1 id="policies-title">{t("portal.sections.policies.title")}</h1>
        <p>{t("portal.policies.lead")}</p>
      </div>
      <form className="form form-inline" aria-label={t("portal.policies.q")} onSubmit={submit}>
        <div className="field">
          <label htmlFor="policies-q">{t("portal.policies.q")}</label>
          <input
            id="policies-q"
            type="search"
            value={draft}
            maxLength={50}
            placeholder={t("portal.policies.qHint")}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            {t("portal.policies.search")}
          </button>
        </div>
      </form>
      {error && <p className="alert alert-error">{error.message}</p>}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && <Facets data={data} filters={filters} onChange={change} />}
      {data && (
        <p className="meta" role="status">
          {t("portal.policies.count", { n: data.total })}
        </p>
      )}
      {data && data.items.length === 0 && <p className="empty">{t("portal.policies.empty")}</p>}
      <ul className="notice-list">
        {data?.items.map((p) => (
          <li key={p.id} className="notice-row">
            <div className="notice-row-head">
              <span className={`badge badge-validity-${p.validity}`}>
                {t(`portal.policies.validity.${p.validity}`)}
              </span>
              <Link href={`/policies/${p.id}`} className="notice-title">
                {p.title}
              </Link>
            </div>
            <p className="meta">
              <span>{p.issuer}</span>
              {p.docNumber && <span>{p.docNumber}</span>}
              <span>{t("portal.policies.publishedOn", { date: cnDate(p.publishedOn) })}</span>
              <span>{p.levelLabel}</span>
            </p>
          </li>
        ))}
      </ul>
      {data && <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />}
    </section>
  );
}

function PolicyDetail({ id }: { id: string }) {
  const { data, error, loading } = useFetch<PolicyView>(`/api/public/policies/${id}`);
  const row = (label: string, value: React.ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value || "—"}</dd>
    </div>
  );
  return (
    <article className="container page" aria-labelledby="policy-title">
      <p>
        <Link href="/policies">{t("portal.policies.back")}</Link>
      </p>
      {error && (
        <p className="alert alert-error">{error.status === 404 ? t("portal.policies.notFound") : error.message}</p>
      )}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && (
        <>
          <h1 id="policy-title">{data.title}</h1>
          <dl className="doc-fields">
            {row(t("portal.policies.fields.issuer"), data.issuer)}
            {row(t("portal.policies.fields.docNumber"), data.docNumber)}
            {row(t("portal.policies.fields.writtenOn"), cnDate(data.writtenOn))}
            {row(t("portal.policies.fields.publishedOn"), cnDate(data.publishedOn))}
            {row(t("portal.policies.fields.topic"), data.topicLabel)}
            {row(t("portal.policies.fields.level"), data.levelLabel)}
            {row(t("portal.policies.fields.validity"), t(`portal.policies.validity.${data.validity}`))}
            {data.replacedById &&
              row(
                t("portal.policies.fields.replacedBy"),
                <Link href={`/policies/${data.replacedById}`}>{data.replacedByTitle}</Link>,
              )}
          </dl>
          <div className="article-body">
            {data.body.split("\n").map((para, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order
              <p key={i}>{para}</p>
            ))}
          </div>
          {data.attachments.length > 0 && (
            <>
              <h2 className="sub-title">{t("portal.policies.attachments")}</h2>
              <ul>
                {data.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`/api/public/policies/${data.id}/files/${a.id}`}>{a.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </article>
  );
}

/** 政策法规: faceted filters (主题分类, 效力级别, 有效性, 年份) and Chinese full-text search; each document's full text. */
export default function PoliciesSection({ subPath }: { subPath: string }) {
  const rest = subPath.replace(/^\/+/, "");
  return rest === "" ? <PolicyList /> : <PolicyDetail id={rest} />;
}
