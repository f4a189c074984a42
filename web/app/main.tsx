import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { ApiError, setUnauthenticatedHandler } from "./api";
import { AuthProvider } from "./auth";
import { AppLayout } from "./components/AppLayout";
import { Guard, RequireAuth } from "./components/RequireAuth";
import { NotFoundPage } from "./components/ResultPages";
import { getLocale, initLocale } from "./i18n";
import LoginPage from "./pages/LoginPage";
import { PAGE_ROUTES } from "./routes";
import "./console.css";
import "./print.css";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale("zh-cn");
dayjs.tz.setDefault("Asia/Shanghai");

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(
  [
    { path: "/login", element: <LoginPage /> },
    {
      path: "/",
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        ...PAGE_ROUTES.map((r) => ({
          path: r.path || undefined,
          index: r.path === "" ? (true as const) : undefined,
          element: <Guard permission={r.permission} page={r.element} />,
        })),
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: "/admin" },
);

setUnauthenticatedHandler((code) => {
  queryClient.setQueryData(["me"], null);
  const here = window.location.pathname.replace(/^\/admin/, "") || "/";
  if (!here.startsWith("/login"))
    router.navigate(`/login?${code === "SESSION_EXPIRED" ? "expired=1&" : ""}next=${encodeURIComponent(here)}`);
});

/** A user (or a browser test) that asks the system for reduced motion gets no antd animations: menus open at once. */
const reducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

const CHINESE_FONTS =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

function render() {
  const theme = {
    token: {
      motion: !reducedMotion,
      colorPrimary: "#c8102e",
      borderRadius: 4,
      // 蒙古文: the font shipped with the app first (loaded by initLocale), Chinese fonts for what stays Chinese.
      fontFamily: getLocale() === "mn-Mong" ? `'Noto Sans Mongolian', ${CHINESE_FONTS}` : CHINESE_FONTS,
    },
  };
  createRoot(document.getElementById("root")!).render(
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

// The language chosen on this device (Mongolian loads its strings and font first; Chinese renders at once).
initLocale().then(render);
