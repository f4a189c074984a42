import { useState } from "react";
import type { z } from "zod";
import type { publicActivity } from "../../../contracts/activities";
import { query } from "../api";
import { cnDate } from "../creation/format";
import { Pager } from "../creation/Pager";
import type { Page } from "../creation/types";
import { t } from "../i18n";
import { useFetch } from "../useFetch";

// Type-only: the portal bundle never carries zod or the contracts themselves.
type PublicActivity = z.infer<typeof publicActivity>;

const PAGE_SIZE = 12;

/** 活动风采: confirmed activities their organizers chose to publish, latest first, with their photos. */
export default function ActivitiesSection() {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useFetch<Page<PublicActivity>>(
    `/api/public/activities${query({ page, pageSize: PAGE_SIZE })}`,
  );
  return (
    <section className="container page" aria-labelledby="activities-title">
      <div className="section-head">
        <h1 id="activities-title">{t("portal.sections.activities.title")}</h1>
        <p>{t("portal.activities.lead")}</p>
      </div>
      {error && <p className="alert alert-error">{error.message}</p>}
      {loading && !data && <p className="loading">{t("portal.loading")}</p>}
      {data && data.items.length === 0 && <p className="empty">{t("portal.activities.empty")}</p>}
      <ul className="card-grid">
        {data?.items.map((a) => (
          <li key={a.id} className="card" data-testid="public-activity">
            <article className="card-inner">
              {a.photoIds.length > 0 && (
                <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
                  {a.photoIds.map((p) => (
                    <img
                      key={p}
                      src={`/api/public/activities/${a.id}/photos/${p}`}
                      alt={t("portal.activities.photoAlt", { title: a.title })}
                      loading="lazy"
                      style={{ width: "100%", maxHeight: "12rem", objectFit: "cover", borderRadius: "0.5rem" }}
                    />
                  ))}
                </div>
              )}
              <h2 className="card-title">{a.title}</h2>
              <p className="meta">
                <span>{cnDate(a.startDate)}</span>
                <span>{a.regionName}</span>
                <span>{a.orgName}</span>
              </p>
              <p className="meta">
                <span className="badge">{a.typeLabel}</span>
                <span className="badge">{a.domainLabel}</span>
                <span>{t("portal.activities.participants", { n: a.participantTotal })}</span>
              </p>
              {a.summary && <p className="card-desc">{a.summary}</p>}
            </article>
          </li>
        ))}
      </ul>
      {data && <Pager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />}
    </section>
  );
}
