import { t } from "../i18n";
import { Link } from "../router";

/** A plain message page (栏目即将开放, 页面不存在) with a way back home. */
export function MessagePage({ title, desc }: { title: string; desc: string }) {
  return (
    <section className="container message" aria-labelledby="message-title">
      <h1 id="message-title">{title}</h1>
      <p>{desc}</p>
      <Link className="btn btn-primary" href="/">
        {t("portal.backHome")}
      </Link>
    </section>
  );
}
