import { Fragment, Suspense, useEffect, useMemo, useState } from "react";
import { setLocale, t, useLocale } from "./i18n";
import { Icon, Logo } from "./icons";
import { useLargeText } from "./largeText";
import { Link, usePathname } from "./router";
import { matchRoute } from "./routes";

/**
 * 中文 ⇄ 蒙古文, remembered on this device. The label is Chinese in both languages: a Chinese page has no
 * Mongolian font yet (it is fetched only when chosen), so ᠮᠣᠩᠭᠣᠯ would show as empty boxes on many machines.
 */
function LanguageSwitch() {
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const mn = locale === "mn-Mong";
  return (
    <button
      type="button"
      className="btn btn-toggle"
      lang="zh-CN"
      title={t("portal.langSwitch")}
      disabled={busy}
      data-testid="language-switch"
      onClick={async () => {
        setBusy(true);
        try {
          await setLocale(mn ? "zh-CN" : "mn-Mong");
        } finally {
          setBusy(false);
        }
      }}
    >
      <Icon name="globe" size={20} />
      {mn ? "中文" : "蒙古文"}
    </button>
  );
}

function Header() {
  const [large, setLarge] = useLargeText();
  return (
    <header className="site-header">
      <div className="container header-row">
        {/* Named by its visible text (the name and subtitle), as speech input expects; the title says where it goes. */}
        <Link href="/" className="brand" title={t("portal.homeLink")}>
          <Logo size={44} />
          <span className="brand-text">
            <span className="brand-name">{t("portal.name")}</span>
            <span className="brand-sub">{t("portal.subtitle")}</span>
          </span>
        </Link>
        <nav className="header-actions" aria-label={t("portal.mainNav")}>
          <button
            type="button"
            className="btn btn-toggle"
            aria-pressed={large}
            title={t("portal.largeTextHint")}
            onClick={() => setLarge(!large)}
          >
            <Icon name="type" size={20} />
            {t("portal.largeText")}
          </button>
          <LanguageSwitch />
          <a className="btn btn-primary" href="/admin/" title={t("portal.staffLoginHint")}>
            <Icon name="user" size={20} />
            {t("portal.staffLogin")}
          </a>
        </nav>
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <div>
          <p className="footer-name">
            <Logo size={28} />
            {t("portal.name")}
          </p>
          <p>{t("portal.footer.about")}</p>
        </div>
        <div>
          <p>{t("portal.footer.privacy")}</p>
          <p>{t("portal.footer.accessibility")}</p>
        </div>
        <div className="footer-links">
          <a href="/admin/">{t("portal.staffLogin")}</a>
        </div>
      </div>
      <div className="container footer-bottom">
        <p className="footer-copy">{t("portal.footer.copyright", { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}

/** The public portal: header, the page for the current path, footer. */
export function PortalApp() {
  const pathname = usePathname();
  const locale = useLocale();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the route's title is in the chosen language
  const route = useMemo(() => matchRoute(pathname), [pathname, locale]);
  useEffect(() => {
    const site = `${t("portal.name")} · ${t("portal.subtitle")}`;
    document.title = route.title ? `${route.title} - ${site}` : site;
  }, [route]);
  // A change of language renders the whole page afresh in it (t() reads the chosen language).
  return (
    <Fragment key={locale}>
      <a className="skip-link" href="#main">
        {t("portal.skip")}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="container loading">{t("portal.loading")}</p>}>
          <Fragment key={pathname}>{route.element}</Fragment>
        </Suspense>
      </main>
      <Footer />
    </Fragment>
  );
}
