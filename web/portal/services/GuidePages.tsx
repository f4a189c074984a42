import { useEffect, useState } from "react";
import { guideItems as lines, type PublicGuide, type PublicGuides } from "../../../contracts/services";
import { localized, t } from "../i18n";
import { Link, navigate } from "../router";
import { useFetch } from "../useFetch";
import { WindowList } from "./WindowList";

const regionParam = () => new URLSearchParams(window.location.search).get("region") ?? "";
const guidesUrl = (region: string) =>
  `/api/public/services/guides${region ? `?region=${encodeURIComponent(region)}` : ""}`;

/** The Mongolian font, fetched only when a guide has Mongolian text (a Chinese page has none otherwise). */
function useMongolianFont(data: PublicGuides | undefined) {
  const needed = !!data?.guides.some((g) => g.titleMn || g.contentMn);
  useEffect(() => {
    if (needed) import("@fontsource/noto-sans-mongolian/mongolian-400.css").catch(() => undefined);
  }, [needed]);
}

/** One guide, as the page and the printed material show it (the LED screen has its own, larger layout). */
function GuideArticle({ g }: { g: PublicGuide }) {
  const part = (key: string, body: string, list?: "ol" | "ul") =>
    body.trim() ? (
      <section className="guide-part">
        <h3>{t(`portal.serviceGuide.${key}`)}</h3>
        {list === "ol" ? (
          <ol>
            {lines(body).map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the steps are text in their order
              <li key={i}>{l}</li>
            ))}
          </ol>
        ) : list === "ul" ? (
          <ul>
            {lines(body).map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the materials are text in their order
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : (
          <p className="pre-line">{body}</p>
        )}
      </section>
    ) : null;
  // In Mongolian the heading is the Mongolian title (when staff entered one); on a Chinese page the Mongolian
  // title and text stand beside the Chinese in their own vertical box.
  const title = localized(g.title, g.titleMn);
  const mongolianPage = title.lang === "mn-Mong";
  return (
    <article className="panel guide" aria-labelledby={`guide-${g.category}`} data-testid="guide">
      <h2 id={`guide-${g.category}`} className="sub-title">
        <span lang={title.lang}>{title.text}</span>
        {g.green && <span className="badge badge-ended">{t("portal.serviceDesk.greenBadge")}</span>}
      </h2>
      {(g.titleMn || g.contentMn) && (
        <div className="guide-mn" lang="mn-Mong">
          {!mongolianPage && g.titleMn && <p className="guide-mn-title">{g.titleMn}</p>}
          {g.contentMn && <p className="pre-line">{g.contentMn}</p>}
        </div>
      )}
      {part("serviceItems", g.serviceItems)}
      {part("conditions", g.conditions)}
      {part("materials", g.materials, "ul")}
      {part("procedure", g.procedure, "ol")}
      {g.timeLimitDays != null && (
        <section className="guide-part">
          <h3>{t("portal.serviceGuide.timeLimit")}</h3>
          <p>{t("portal.serviceGuide.timeLimitText", { days: g.timeLimitDays })}</p>
        </section>
      )}
      {part("cautions", g.cautions)}
      <p className="meta">
        {t("portal.serviceGuide.from", { org: g.orgName })} ·{" "}
        {t("portal.serviceGuide.version", { version: g.version, date: g.publishedAt.slice(0, 10) })}
      </p>
      <p className="no-print">
        <Link href={`/requests?category=${encodeURIComponent(g.category)}`}>{t("portal.serviceGuide.apply")}</Link>
      </p>
    </article>
  );
}

/** /requests/guide: the region's guides, its windows, and the printed 宣传材料 (the same page, printed). */
export function GuidePage() {
  const [region, setRegion] = useState(regionParam);
  const { data, error } = useFetch<PublicGuides>(guidesUrl(region));
  const chosen = data?.region?.code ?? region;
  useMongolianFont(data);
  return (
    <section className="container page guide-page" aria-labelledby="guide-title">
      <div className="section-head">
        <h1 id="guide-title">
          {t("portal.serviceGuide.title")}
          {data?.region && <span className="guide-region">（{data.region.name}）</span>}
        </h1>
        <p>{t("portal.serviceGuide.lead")}</p>
      </div>
      <div className="guide-toolbar no-print">
        {data && data.regions.length > 1 && (
          <div className="field">
            <label htmlFor="guide-region">{t("portal.news.region")}</label>
            <select
              id="guide-region"
              value={chosen}
              onChange={(e) => {
                setRegion(e.target.value);
                navigate(`/requests/guide?region=${e.target.value}`);
              }}
            >
              {data.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" className="btn" onClick={() => window.print()}>
          {t("portal.serviceGuide.print")}
        </button>
        <Link className="btn" href={`/requests/screen${chosen ? `?region=${chosen}` : ""}`}>
          {t("portal.serviceGuide.screen")}
        </Link>
        <Link href="/requests">{t("portal.serviceDesk.applyTitle")}</Link>
      </div>
      {error && <p className="alert alert-error">{error.message}</p>}
      {!data && !error && <p className="loading">{t("portal.loading")}</p>}
      {data && data.guides.length === 0 && <p className="empty">{t("portal.serviceGuide.none")}</p>}
      {data && data.guides.length > 1 && (
        <nav className="guide-index no-print" aria-label={t("portal.serviceGuide.title")}>
          <ul>
            {data.guides.map((g) => (
              <li key={g.category}>
                <a href={`#guide-${g.category}`} lang={localized(g.title, g.titleMn).lang}>
                  {localized(g.title, g.titleMn).text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {data?.guides.map((g) => (
        <GuideArticle key={g.category} g={g} />
      ))}
      {data && data.windows.length > 0 && <WindowList windows={data.windows} />}
    </section>
  );
}

/**
 * /requests/screen: the window's LED display (宣传教育平台's "一块LED显示屏"): the region's guides one after another
 * in large type, with the windows' hours below; no header or footer; a pause button (content that moves by
 * itself can be stopped). `?seconds=` sets the pace (default 20).
 */
export function GuideScreen() {
  const params = new URLSearchParams(window.location.search);
  const seconds = Math.min(120, Math.max(5, Number(params.get("seconds")) || 20));
  const { data, error } = useFetch<PublicGuides>(guidesUrl(params.get("region") ?? ""));
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const count = data?.guides.length ?? 0;
  useMongolianFont(data);
  useEffect(() => {
    document.documentElement.classList.add("led-screen");
    return () => document.documentElement.classList.remove("led-screen");
  }, []);
  useEffect(() => {
    if (paused || count < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % count), seconds * 1000);
    return () => clearInterval(timer);
  }, [paused, count, seconds]);
  const g = data?.guides[index % Math.max(1, count)];
  return (
    <section className="screen" aria-labelledby="screen-title" aria-live={paused ? "polite" : "off"}>
      <header className="screen-head">
        <h1 id="screen-title">
          {t("portal.serviceGuide.title")}
          {data?.region && ` · ${data.region.name}`}
        </h1>
        {count > 1 && (
          <div className="screen-controls">
            <span>{t("portal.serviceGuide.position", { n: (index % count) + 1, total: count })}</span>
            <button type="button" className="btn" onClick={() => setPaused(!paused)} aria-pressed={paused}>
              {paused ? t("portal.serviceGuide.play") : t("portal.serviceGuide.pause")}
            </button>
          </div>
        )}
      </header>
      {error && <p className="alert alert-error">{error.message}</p>}
      {data && !g && <p className="screen-empty">{t("portal.serviceGuide.none")}</p>}
      {g && (
        <div className="screen-body" data-testid="screen-guide">
          <h2 lang={localized(g.title, g.titleMn).lang}>
            {localized(g.title, g.titleMn).text}
            {g.green && <span className="badge badge-ended">{t("portal.serviceDesk.greenBadge")}</span>}
          </h2>
          <p className="screen-items">{g.serviceItems}</p>
          <div className="screen-cols">
            {g.materials.trim() && (
              <div>
                <h3>{t("portal.serviceGuide.materials")}</h3>
                <ul>
                  {lines(g.materials).map((l, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: text in its order
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              </div>
            )}
            <div>
              <h3>{t("portal.serviceGuide.procedure")}</h3>
              <ol>
                {lines(g.procedure).map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: text in its order
                  <li key={i}>{l}</li>
                ))}
              </ol>
              {g.timeLimitDays != null && (
                <p className="screen-limit">
                  {t("portal.serviceGuide.timeLimit")}：
                  {t("portal.serviceGuide.timeLimitText", { days: g.timeLimitDays })}
                </p>
              )}
            </div>
          </div>
          {g.titleMn && (
            <p className="screen-mn" lang="mn-Mong">
              {g.titleMn}
            </p>
          )}
        </div>
      )}
      {data && data.windows.length > 0 && (
        <footer className="screen-foot">
          {data.windows.map((w) => (
            <span key={w.id}>
              {w.name}：{w.address}，{w.hours}（{w.languages.join("、")}）
            </span>
          ))}
        </footer>
      )}
    </section>
  );
}
