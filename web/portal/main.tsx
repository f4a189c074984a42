import { createRoot } from "react-dom/client";
import { applyStoredLargeText } from "./largeText";
import { PortalApp } from "./PortalApp";
import "./portal.css";

applyStoredLargeText();
createRoot(document.getElementById("root")!).render(<PortalApp />);
