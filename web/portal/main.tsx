import { createRoot } from "react-dom/client";
import { initLocale } from "./i18n";
import { applyStoredLargeText } from "./largeText";
import { PortalApp } from "./PortalApp";
import "./portal.css";

applyStoredLargeText();
// A visitor who chose Mongolian gets its strings and font before the first render (Chinese renders at once).
initLocale().then(() => createRoot(document.getElementById("root")!).render(<PortalApp />));
