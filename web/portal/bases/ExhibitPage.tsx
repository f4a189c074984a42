import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import { type BasePage, fileUrl } from "./types";

/** One exhibit's own page (what its QR code opens on a phone): pictures, narration, video and the text. */
export default function ExhibitPage({ baseId, exhibitId }: { baseId: string; exhibitId: string }) {
  const { data: page, error } = useFetch<BasePage>(`/api/public/bases/${baseId}`);
  if (error)
    return (
      <section className="container page">
        <p className="alert alert-error">{error.status === 404 ? t("portal.bases.notFound") : error.message}</p>
        <Link href="/bases">{t("portal.bases.back")}</Link>
      </section>
    );
  if (!page) return <p className="container loading">{t("portal.loading")}</p>;
  const e = page.content.exhibits.find((x) => x.id === exhibitId);
  const back = (
    <p className="meta">
      <Link href={`/bases/${baseId}`}>{t("portal.bases.backToBase", { name: page.name })}</Link>
    </p>
  );
  if (!e)
    return (
      <section className="container page">
        <p className="alert alert-error">{t("portal.bases.exhibitNotFound")}</p>
        {back}
      </section>
    );
  const titleOf = (id: string) => page.files.find((f) => f.id === id)?.title ?? e.title;
  return (
    <article className="container page exhibit-page" aria-labelledby="exhibit-title">
      {back}
      <header className="article-head">
        <h1 id="exhibit-title">{e.title}</h1>
        <p className="meta">{page.name}</p>
      </header>
      {e.imageIds.map((id) => (
        <figure key={id} className="exhibit-figure">
          <img src={fileUrl(baseId, id)} alt={titleOf(id)} />
          <figcaption>{titleOf(id)}</figcaption>
        </figure>
      ))}
      {e.audioId && (
        <section className="panel" aria-labelledby="exhibit-audio-title">
          <h2 id="exhibit-audio-title" className="sub-title">
            {t("portal.bases.audio")}
          </h2>
          {/* biome-ignore lint/a11y/useMediaCaption: the narration's words are the exhibit's text below */}
          <audio controls preload="none" src={fileUrl(baseId, e.audioId)} className="exhibit-audio" />
        </section>
      )}
      {e.videoId && (
        // biome-ignore lint/a11y/useMediaCaption: uploaded by the base; captions are not part of the material
        <video controls preload="none" src={fileUrl(baseId, e.videoId)} className="exhibit-video" />
      )}
      {e.videoUrl && (
        <p>
          <a className="btn btn-light" href={e.videoUrl} target="_blank" rel="noopener noreferrer">
            {t("portal.bases.video")}
          </a>
        </p>
      )}
      <div className="article-body">
        {e.text.split(/\n+/).map((para) => (
          <p key={para}>{para}</p>
        ))}
      </div>
      <figure className="exhibit-qr">
        <img
          src={`/api/public/bases/${baseId}/exhibits/${encodeURIComponent(e.id)}/qr.svg`}
          alt={t("portal.bases.qrAlt", { title: e.title })}
          width={160}
          height={160}
        />
        <figcaption>{t("portal.bases.qr")}</figcaption>
      </figure>
    </article>
  );
}
