import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import type { DataScope, Me } from "../../contracts/identity";
import { ApiError, api } from "./api";

type AuthState = {
  me: Me | null;
  loading: boolean;
  can: (permission: string) => boolean;
  /** The widest data scope the user has for a permission (null without it). */
  scopeOf: (permission: string) => DataScope | null;
  refresh: () => Promise<unknown>;
  setMe: (me: Me | null) => void;
  logout: () => Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      try {
        return await api.get<Me>("/api/auth/me");
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const me = query.data ?? null;
  const setMe = useCallback((next: Me | null) => qc.setQueryData(["me"], next), [qc]);
  const logout = useCallback(async () => {
    try {
      await api.post("/api/auth/logout");
    } catch {}
    // Drop every other cached answer, but keep the ["me"] query observed: setting it to null is what
    // tells the app the user has left (clearing it too would leave the login page believing otherwise).
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" });
    qc.setQueryData(["me"], null);
  }, [qc]);
  const value = useMemo<AuthState>(
    () => ({
      me,
      loading: query.isLoading,
      can: (p) => !!me?.permissions.includes(p),
      scopeOf: (p) => (me?.permissions.includes(p) ? (me.scopes?.[p] ?? "self") : null),
      refresh: () => query.refetch(),
      setMe,
      logout,
    }),
    [me, query.isLoading, query.refetch, setMe, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
