import { t } from "../i18n";
import type { PublicWindow } from "./RequestForm";

/** 社区服务窗口: name, region, address, hours and the languages served (the desk and the 服务指南 page). */
export function WindowList({ windows }: { windows: PublicWindow[] }) {
  return (
    <>
      <h2 className="sub-title">{t("portal.serviceDesk.windowsTitle")}</h2>
      <ul className="notice-list">
        {windows.map((w) => (
          <li key={w.id} className="notice-row">
            <strong>{w.name}</strong>（{w.regionName}）
            <div className="meta">
              {w.address} · {w.hours} · {t("portal.serviceDesk.languages")}
              {w.languages.join("、")}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
