import { Spin } from "antd";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "../auth";
import { ForbiddenPage } from "./ResultPages";

/** Sends visitors without a full session to the login page, remembering where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Spin size="large" style={{ display: "block", marginTop: 160 }} />;
  if (me?.stage !== "full") return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <>{children}</>;
}

/** A page shown only to users with its permission; the server checks again on every request. */
export function Guard({ permission, page: Page }: { permission?: string; page: React.ComponentType }) {
  const { can } = useAuth();
  if (permission && !can(permission)) return <ForbiddenPage />;
  return <Page />;
}
