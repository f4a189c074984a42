import { lazy, Suspense } from "react";
import { cnDate, cnDateOfInstant } from "../creation/format";
import { localized, t } from "../i18n";
import { Link, navigate } from "../router";
import { useFetch } from "../useFetch";
import { type BasePage, exhibitHref, fileUrl } from "./types";

// The WebGL viewer loads when a page has a panorama (outside the portal's first page's budget).
const PanoramaViewer = lazy(() => import("../../shared/panorama/PanoramaViewer"));

/** The panorama: a 360° view (WebGL) whose hotspots lead to their exhibits; the wide picture scrolling sideways
 * while the viewer loads and where WebGL is unavailable. */
function Panorama({ page }: { page: BasePage }) {
  const p = page.content.panorama;
  if (!p) return null;
  const flat = <FlatPanorama page={page} />;
  const exhibitOf = new Map(p.hotspots.map((h) => [h.id, h.exhibitId]));
  return (
    <section className="panel" aria-labelledby="base-pano-title">
      <h2 id="base-pano-title" className="sub-title">
        {t("portal.bases.panorama")}
      </h2>
      <Suspense fallback={flat}>
        <PanoramaViewer
          src={fileUrl(page.id, p.imageId)}
          hotspots={p.hotspots}
          labels={{
            region: t("portal.bases.panorama"),
            hint: t("portal.bases.panoramaViewHint"),
            zoomIn: t("portal.bases.panoramaZoomIn"),
            zoomOut: t("portal.bases.panoramaZoomOut"),
            reset: t("portal.bases.panoramaReset"),
          }}
          hrefOf={(h) => {
            const e = exhibitOf.get(h.id);
            return e ? exhibitHref(page.id, e) : undefined;
          }}
          onOpen={(h, e) => {
            const ex = exhibitOf.get(h.id);
            if (!ex || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            navigate(exhibitHref(page.id, ex));
          }}
          fallback={flat}
        />
      </Suspense>
    </section>
  );
}

/** The panorama without WebGL: the wide picture scrolls sideways; its hotspots lead to their exhibits. */
function FlatPanorama({ page }: { page: BasePage }) {
  const p = page.content.panorama;
  if (!p) return null;
  return (
    <>
      <p className="hint">{t("portal.bases.panoramaHint")}</p>
      <div className="pano" role="img" aria-label={t("portal.bases.panorama")}>
        <div className="pano-inner">
          <img src={fileUrl(page.id, p.imageId)} alt="" />
          {p.hotspots.map((h) => {
            const left = `${(((h.yaw % 360) + 360) % 360) / 3.6}%`;
            const top = `${50 - h.pitch / 1.8}%`;
            return h.exhibitId ? (
              <Link key={h.id} className="pano-spot" style={{ left, top }} href={exhibitHref(page.id, h.exhibitId)}>
                {h.title}
              </Link>
            ) : (
              <span key={h.id} className="pano-spot" style={{ left, top }}>
                {h.title}
              </span>
            );
          })}
        </div>
      </div>
    </>
  );
}

/** A base's 数字教育基地 page: introduction, gallery, panorama, exhibits and the sessions open for booking. */
export default function BaseDetail({ baseId }: { baseId: string }) {
  const { data: page, error } = useFetch<BasePage>(`/api/public/bases/${baseId}`);
  if (error)
    return (
      <section className="container page">
        <p className="alert alert-error">{error.status === 404 ? t("portal.bases.notFound") : error.message}</p>
        <Link href="/bases">{t("portal.bases.back")}</Link>
      </section>
    );
  if (!page) return <p className="container loading">{t("portal.loading")}</p>;
  const titleOf = (id: string) => page.files.find((f) => f.id === id)?.title ?? "";
  const name = localized(page.name, page.content.nameMn);
  const intro = localized(page.content.intro, page.content.introMn);
  return (
    <article className="container page" aria-labelledby="base-title">
      <p className="meta">
        <Link href="/bases">{t("portal.bases.back")}</Link>
      </p>
      <header className="article-head">
        <h1 id="base-title" lang={name.lang}>
          {name.text}
        </h1>
        <p className="meta">
          {page.kindLabel} · {page.levelLabel} · {page.regionName}
        </p>
        <dl className="result base-facts">
          {page.address && (
            <>
              <dt>{t("portal.bases.address")}</dt>
              <dd>{page.address}</dd>
            </>
          )}
          {page.openingHours && (
            <>
              <dt>{t("portal.bases.openingHours")}</dt>
              <dd>{page.openingHours}</dd>
            </>
          )}
          {page.closedDays && (
            <>
              <dt>{t("portal.bases.closedDays")}</dt>
              <dd>{page.closedDays}</dd>
            </>
          )}
          {page.contactPhone && (
            <>
              <dt>{t("portal.bases.phone")}</dt>
              <dd>
                <a href={`tel:${page.contactPhone}`}>{page.contactPhone}</a>
              </dd>
            </>
          )}
        </dl>
      </header>

      {intro.text && (
        <section aria-labelledby="base-intro-title">
          <h2 id="base-intro-title" className="sub-title">
            {t("portal.bases.intro")}
          </h2>
          <div className="article-body" lang={intro.lang}>
            {intro.text.split(/\n+/).map((para) => (
              <p key={para}>{para}</p>
            ))}
          </div>
        </section>
      )}

      {page.content.galleryIds.length > 0 && (
        <section aria-labelledby="base-gallery-title">
          <h2 id="base-gallery-title" className="sub-title">
            {t("portal.bases.gallery")}
          </h2>
          <ul className="gallery">
            {page.content.galleryIds.map((id) => (
              <li key={id}>
                <a href={fileUrl(page.id, id)} aria-label={t("portal.bases.galleryItem", { title: titleOf(id) })}>
                  <img src={fileUrl(page.id, id)} alt={titleOf(id)} loading="lazy" />
                </a>
                <span className="gallery-caption">{titleOf(id)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <Panorama page={page} />

      {page.content.exhibits.length > 0 && (
        <section aria-labelledby="base-exhibits-title">
          <h2 id="base-exhibits-title" className="sub-title">
            {t("portal.bases.exhibits")}
          </h2>
          <ul className="exhibit-list">
            {page.content.exhibits.map((e) => (
              <li key={e.id} className="exhibit-row">
                {e.imageIds[0] && <img src={fileUrl(page.id, e.imageIds[0])} alt="" loading="lazy" />}
                <div>
                  <Link className="notice-title" href={exhibitHref(page.id, e.id)}>
                    {e.title}
                  </Link>
                  {e.audioId && <span className="badge badge-open">{t("portal.bases.exhibitAudio")}</span>}
                  <p className="meta">{e.text.slice(0, 60)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="panel" aria-labelledby="base-sessions-title">
        <h2 id="base-sessions-title" className="sub-title">
          {t("portal.bases.sessions")}
        </h2>
        <p className="hint">{t("portal.bases.sessionsHint")}</p>
        {page.sessions.length === 0 ? (
          <p className="empty">{t("portal.bases.noSessions")}</p>
        ) : (
          <section
            className="table-wrap"
            aria-label={t("portal.bases.sessions")}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box is reached by the keyboard to scroll it
            tabIndex={0}
          >
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("portal.bases.col.date")}</th>
                  <th scope="col">{t("portal.bases.col.time")}</th>
                  <th scope="col">{t("portal.bases.col.remaining")}</th>
                  <th scope="col">{t("portal.bases.col.perGroup")}</th>
                  <th scope="col">{t("portal.bases.col.action")}</th>
                </tr>
              </thead>
              <tbody>
                {page.sessions.map((s) => (
                  <tr key={s.id}>
                    <td data-label={t("portal.bases.col.date")}>{cnDate(s.date)}</td>
                    <td data-label={t("portal.bases.col.time")}>
                      {s.startTime}-{s.endTime}
                    </td>
                    <td data-label={t("portal.bases.col.remaining")}>
                      {s.remaining > 0 ? t("portal.bases.remaining", { n: s.remaining }) : t("portal.bases.full")}
                    </td>
                    <td data-label={t("portal.bases.col.perGroup")}>
                      {t("portal.bases.remaining", { n: s.maxPerGroup })}
                    </td>
                    <td data-label={t("portal.bases.col.action")}>
                      {s.remaining > 0 && (
                        <Link className="btn btn-primary btn-small" href={`/bases/${page.id}/book/${s.id}`}>
                          {t("portal.bases.book")}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <p>
          <Link href="/bases/booking">{t("portal.bases.form.track")}</Link>
        </p>
      </section>
      <p className="meta">{t("portal.bases.version", { v: page.version, date: cnDateOfInstant(page.publishedAt) })}</p>
    </article>
  );
}
