import { t } from "../i18n";
import { Icon, type IconName, Pomegranate } from "../icons";
import { Link } from "../router";
import { SearchBox } from "../search/SearchBox";
import { type PortalSection, sections } from "../sections";

const FEATURES: { key: string; icon: IconName }[] = [
  { key: "open", icon: "notice" },
  { key: "near", icon: "user" },
  { key: "trace", icon: "clipboard" },
];

function SectionCard({ section }: { section: PortalSection }) {
  return (
    <li className="card card-link" data-section={section.key}>
      <Link href={section.href} className="card-inner">
        <span className="card-icon">
          <Icon name={section.icon} size={28} />
        </span>
        <h3 className="card-title">{t(section.titleKey)}</h3>
        <p className="card-desc">{t(section.descKey)}</p>
        <span className="card-go">
          {t("portal.services.enter")}
          <Icon name="arrow" size={18} />
        </span>
      </Link>
    </li>
  );
}

/** The sections with a page of their own; the others stay off the home page until they open. */
const openSections = sections.filter((s) => s.available && s.page);

/** The public home: purpose, what the platform does for the public, and the public services. */
export default function HomePage() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero-grid">
          <div>
            <p className="hero-kicker">{t("portal.hero.kicker")}</p>
            <h1 id="hero-title" className="hero-title">
              {t("portal.hero.title")}
            </h1>
            <p className="hero-lead">{t("portal.hero.lead")}</p>
            <div className="hero-actions">
              <a className="btn btn-light" href="#services">
                {t("portal.hero.cta")}
              </a>
              <a className="btn btn-ghost" href="/admin/">
                {t("portal.staffLogin")}
              </a>
            </div>
            <SearchBox id="home-search" />
          </div>
          <Pomegranate />
        </div>
      </section>

      <section className="container features" aria-labelledby="features-title">
        <h2 id="features-title" className="visually-hidden">
          {t("portal.features.title")}
        </h2>
        <ul className="feature-list">
          {FEATURES.map((f) => (
            <li key={f.key} className="feature">
              <span className="feature-icon">
                <Icon name={f.icon} />
              </span>
              <div>
                <h3 className="feature-title">{t(`portal.features.${f.key}.title`)}</h3>
                <p className="feature-desc">{t(`portal.features.${f.key}.desc`)}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section id="services" className="container services" aria-labelledby="services-title" tabIndex={-1}>
        <div className="section-head">
          <h2 id="services-title">{t("portal.services.title")}</h2>
          <p>{t("portal.services.lead")}</p>
        </div>
        <ul className="card-grid">
          {openSections.map((s) => (
            <SectionCard key={s.key} section={s} />
          ))}
        </ul>
      </section>
    </>
  );
}
