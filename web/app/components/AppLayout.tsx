import { DownOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from "@ant-design/icons";
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Tag, Typography, theme } from "antd";
import { Suspense, useEffect, useMemo, useState } from "react";
import { Link, matchPath, Outlet, useLocation, useNavigate } from "react-router";
import { MessageBell } from "../../modules/notify/MessageBell";
import { useAuth } from "../auth";
import { applyUserLocale, getLocale, switchLocale, t } from "../i18n";
import { inMenu } from "../pageRoute";
import { MENU_GROUPS, PAGE_ROUTES } from "../routes";
import { OutboxIndicator } from "./OutboxIndicator";

const { Header, Sider, Content } = Layout;

/**
 * 中文 ⇄ 蒙古文, remembered for this user on this device; the page reloads in the chosen language (its strings and
 * the Mongolian font are fetched only then). The label is Chinese in both languages, as on the portal: a Chinese
 * page has no Mongolian font yet, so ᠮᠣᠩᠭᠣᠯ would show as empty boxes on many machines; the title says it in both.
 */
function LanguageSwitch({ username, compact }: { username?: string; compact: boolean }) {
  const mn = getLocale() === "mn-Mong";
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      lang="zh-CN"
      loading={busy}
      title={mn ? "切换为中文" : "切换为蒙古文（传统蒙古文）"}
      aria-label={mn ? "切换为中文" : "切换为蒙古文"}
      data-testid="console-language-switch"
      onClick={() => {
        setBusy(true);
        switchLocale(mn ? "zh-CN" : "mn-Mong", username);
      }}
    >
      {compact ? undefined : mn ? "中文" : "蒙古文"}
    </Button>
  );
}

/** The console frame: side menu built from the user's permissions, breadcrumbs, user menu. */
export function AppLayout() {
  const { me, can, scopeOf, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Phones get the menu in a drawer behind a button, so the page keeps the whole width.
  const isPhone = !Grid.useBreakpoint().md;
  const { token } = theme.useToken();
  // The router has already removed the /admin basename: "/orgs" → "orgs".
  const current = location.pathname.replace(/^\/+/, "");
  const mn = getLocale() === "mn-Mong";
  // The signed-in user's own language on this device (another user may have chosen differently here).
  const username = me?.user.username;
  useEffect(() => {
    if (username) applyUserLocale(username);
  }, [username]);

  const items = useMemo(() => {
    const visible = PAGE_ROUTES.filter((r) => inMenu(r, can, scopeOf));
    const top = visible.filter((r) => !r.group).map((r) => ({ key: r.path, icon: r.icon, label: t(r.titleKey) }));
    const groups = Object.entries(MENU_GROUPS)
      .map(([key, g]) => ({
        key: `group:${key}`,
        icon: g.icon,
        label: t(g.titleKey),
        children: visible
          .filter((r) => r.group === key)
          .map((r) => ({ key: r.path, icon: r.icon, label: t(r.titleKey) })),
      }))
      .filter((g) => g.children.length > 0);
    return [...top, ...groups];
  }, [can, scopeOf]);

  const route =
    PAGE_ROUTES.find((r) => r.path === current) ??
    PAGE_ROUTES.find((r) => r.path.includes(":") && matchPath(`/${r.path}`, `/${current}`));
  // A detail page (plans/:id) sits under its list page in the menu and the breadcrumb.
  const parent = route?.parent ? PAGE_ROUTES.find((r) => r.path === route.parent) : undefined;
  const menuRoute = parent ?? route;
  const crumbs = [
    { title: <Link to="/">{t("menu.home")}</Link> },
    ...(menuRoute?.group ? [{ title: t(MENU_GROUPS[menuRoute.group].titleKey) }] : []),
    ...(parent ? [{ title: <Link to={`/${parent.path}`}>{t(parent.titleKey)}</Link> }] : []),
    ...(route && route.path !== "" ? [{ title: t(route.titleKey) }] : []),
  ];
  const openGroup = menuRoute?.group ? [`group:${menuRoute.group}`] : [];

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[menuRoute?.path ?? current]}
      defaultOpenKeys={openGroup}
      items={items}
      onClick={(e) => {
        setDrawerOpen(false);
        navigate(`/${e.key}`);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          styles={{ body: { padding: 0, background: "#001529" }, header: { display: "none" } }}
        >
          <div
            style={{
              height: 56,
              display: "flex",
              alignItems: "center",
              justifyContent: "center",
              color: "#fff",
              fontWeight: 600,
              fontSize: 18,
              letterSpacing: 2,
            }}
          >
            {t("app.name")}
          </div>
          {menu}
        </Drawer>
      ) : (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} breakpoint="lg" theme="dark">
          <div
            style={{
              height: 56,
              display: "flex",
              alignItems: "center",
              justifyContent: "center",
              color: "#fff",
              fontWeight: 600,
              fontSize: collapsed ? 16 : 18,
              letterSpacing: 2,
            }}
          >
            <span
              style={{
                display: "inline-block",
                width: 14,
                height: 14,
                borderRadius: 7,
                background: "#c8102e",
                marginRight: collapsed ? 0 : 8,
              }}
            />
            {!collapsed && t("app.name")}
          </div>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: isPhone ? "0 8px" : "0 24px",
            gap: 8,
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {isPhone ? (
            // One line on a phone: a long page title or user name is cut with an ellipsis (it wrapped over the page).
            <div style={{ display: "flex", alignItems: "center", gap: 4, minWidth: 0, flex: 1 }}>
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t("common.menu")}
              />
              <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
                {route ? t(route.titleKey) : t("app.name")}
              </Typography.Text>
            </div>
          ) : (
            <Breadcrumb items={crumbs} />
          )}
          <Space size={isPhone ? 4 : 16} style={{ flexShrink: 0 }}>
            <LanguageSwitch username={username} compact={isPhone} />
            <OutboxIndicator />
            <MessageBell />
            <Dropdown
              menu={{
                items: [
                  { key: "profile", icon: <UserOutlined />, label: t("auth.profile") },
                  { type: "divider" },
                  { key: "logout", icon: <LogoutOutlined />, label: t("auth.logout") },
                ],
                onClick: async ({ key }) => {
                  if (key === "profile") navigate("/profile");
                  if (key === "logout") {
                    await logout();
                    navigate("/login");
                  }
                },
              }}
            >
              <Space style={{ cursor: "pointer" }} data-testid="user-menu">
                <UserOutlined />
                <Typography.Text
                  ellipsis={isPhone}
                  style={isPhone ? { maxWidth: 80, verticalAlign: "middle" } : undefined}
                >
                  {me?.user.displayName}
                </Typography.Text>
                {!isPhone && (
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {me?.user.orgName}
                  </Tag>
                )}
                <DownOutlined style={{ fontSize: 10 }} />
              </Space>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: isPhone ? 8 : 16 }}>
          {mn && !isPhone && route ? (
            // 蒙古文: the page's title as a vertical heading (lines top to bottom, GB/T 26233) beside the page,
            // whose tables, forms and charts keep horizontal lines.
            <div className="mn-page">
              <h1 className="mn-page-title" data-testid="mn-page-title">
                {t(route.titleKey)}
              </h1>
              <div className="mn-page-body">
                <Suspense fallback={<Spin style={{ display: "block", marginTop: 80 }} />}>
                  <Outlet />
                </Suspense>
              </div>
            </div>
          ) : (
            <Suspense fallback={<Spin style={{ display: "block", marginTop: 80 }} />}>
              <Outlet />
            </Suspense>
          )}
        </Content>
      </Layout>
    </Layout>
  );
}
