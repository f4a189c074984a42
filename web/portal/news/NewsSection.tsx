import { useState } from "react";
import type { PublicNewsDetail, PublicNewsItem } from "../../../contracts/content";
import { query } from "../api";
import { cnDateOfInstant } from "../creation/format";
import { Pager } from "../creation/Pager";
import { localized, t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
const PAGE_SIZE = 10;
const CATEGORIES = ["work", "grassroots", "media"] as const;
/** The regions the portal offers as a filter (a region shows its own and its lower levels' articles). */
const REGIONS = [
  ["1505", "tongliao"],
  ["150522", "houqi"],
] as const;

const fileUrl = (newsId: string, fileId: string) => `/api/public/news/${newsId}/files/${fileId}`;

function NewsList() {
  const [page, setPage] = useState(1);
  const [category, setCategory] = useState("");
  const [region, setRegion] = useState("");
  const { data, error, loading } = useFetch<Page<PublicNewsItem>>(
    `/api/public/news${query({ page, pageSize: PAGE_SIZE, category, regionCode: region })}`,
  );
  return (
    <section className="container page" aria-labelledby="news-title">
      <div className="section-head">
        <h1 id="news-title">{t("portal.sections.news.title")}</h1>
        <p>{t("portal.news.lead")}</p>
        <p>
          <a href="/api/public/news/rss.xml">{t("portal.news.rss")}</a>
        </p>
      </div>
      <form className="form filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="news-category">{t("portal.news.category")}</label>
          <select
            id="news-category"
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t("portal.news.all")}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`portal.news.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="news-region">{t("portal.news.region")}</label>
          <select
            id="news-region"
            value={region}
            onChange={(e) => {
              setRegion(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t("portal.news.allRegions")}</option>
            {REGIONS.map(([code, key]) => (
              <option key={code} value={code}>
                {t(`portal.news.regions.${key}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <p className="alert alert-error">{error.message}</p>}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && data.items.length === 0 && <p className="empty">{t("portal.news.empty")}</p>}
      <ul className="notice-list">
        {data?.items.map((n) => {
          const title = localized(n.title, n.titleMn);
          return (
            <li key={n.id} className="notice-row news-row">
              {n.coverId && <img className="news-cover" src={fileUrl(n.id, n.coverId)} alt="" width={96} height={72} />}
              <div>
                <div className="notice-row-head">
                  <span className="badge">{n.categoryLabel}</span>
                  <Link href={`/news/${n.id}`} className="notice-title" lang={title.lang}>
                    {title.text}
                  </Link>
                </div>
                {n.summary && <p lang="zh-CN">{n.summary}</p>}
                <p className="meta">
                  <span>{n.orgName}</span>
                  <span>{cnDateOfInstant(n.publishedAt)}</span>
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      {data && <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />}
    </section>
  );
}

function NewsDetail({ id }: { id: string }) {
  const { data, error, loading } = useFetch<PublicNewsDetail>(`/api/public/news/${id}`);
  return (
    <article className="container page" aria-labelledby="news-detail-title">
      <p>
        <Link href="/news">{t("portal.news.back")}</Link>
      </p>
      {error && <p className="alert alert-error">{error.status === 404 ? t("portal.news.notFound") : error.message}</p>}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && <Article data={data} />}
    </article>
  );
}

/** The article in the visitor's language: the Mongolian title and text where staff entered them, else Chinese. */
function Article({ data }: { data: PublicNewsDetail }) {
  const title = localized(data.title, data.titleMn);
  const body = localized(data.body, data.bodyMn);
  return (
    <>
      <h1 id="news-detail-title" lang={title.lang}>
        {title.text}
      </h1>
      <p className="meta">
        <span>{data.categoryLabel}</span>
        <span>{data.orgName}</span>
        <span>{cnDateOfInstant(data.publishedAt)}</span>
        {data.source && <span>{t("portal.news.source", { source: data.source })}</span>}
      </p>
      <div className="article-body" lang={body.lang}>
        {body.text.split("\n").map((para, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, in order
          <p key={i}>{para}</p>
        ))}
      </div>
      {data.photos.length > 0 && (
        <ul className="photo-grid">
          {data.photos.map((p) => (
            <li key={p.id}>
              <figure>
                <img src={fileUrl(data.id, p.id)} alt={p.title} loading="lazy" />
                <figcaption>{p.title}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** 新闻动态: published articles by category and region, each article with its photos; an RSS feed. */
export default function NewsSection({ subPath }: { subPath: string }) {
  const rest = subPath.replace(/^\/+/, "");
  return rest === "" ? <NewsList /> : <NewsDetail id={rest} />;
}
