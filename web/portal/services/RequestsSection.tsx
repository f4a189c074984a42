import { t } from "../i18n";
import { Link } from "../router";
import { useFetch } from "../useFetch";
import { GuidePage, GuideScreen } from "./GuidePages";
import { type PublicOptions, RequestForm } from "./RequestForm";
import { TrackRequest } from "./TrackRequest";
import { WindowList } from "./WindowList";

function Desk() {
  const { data, error } = useFetch<PublicOptions>("/api/public/services/options");
  return (
    <section className="container page" aria-labelledby="requests-title">
      <div className="section-head">
        <h1 id="requests-title">{t("portal.sections.requests.title")}</h1>
        <p>{t("portal.serviceDesk.lead")}</p>
        <p>
          <Link href="/requests/track">{t("portal.serviceDesk.trackLink")}</Link>
        </p>
        <p>
          <Link href="/requests/guide">{t("portal.serviceGuide.deskLink")}</Link>
        </p>
      </div>
      {error && <p className="alert alert-error">{error.message}</p>}
      {!data && !error && <p className="loading">{t("portal.loading")}</p>}
      {data && (
        <>
          <section className="panel" aria-labelledby="apply-title">
            <h2 id="apply-title" className="sub-title">
              {t("portal.serviceDesk.applyTitle")}
            </h2>
            <RequestForm options={data} />
          </section>
          <WindowList windows={data.windows} />
        </>
      )}
    </section>
  );
}

/**
 * 服务申请与查询: /requests (apply, windows), /requests/track (follow by code, rate, who accessed the data),
 * /requests/guide (服务指南, printable as 宣传材料) and /requests/screen (the window's LED display).
 */
export default function RequestsSection({ subPath }: { subPath: string }) {
  const sub = subPath.replace(/^\/+/, "");
  if (sub === "track") return <TrackRequest />;
  if (sub === "guide") return <GuidePage />;
  if (sub === "screen") return <GuideScreen />;
  return <Desk />;
}
