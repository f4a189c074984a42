import { useQuery } from "@tanstack/react-query";
import { Space, Tag, Typography } from "antd";
import { DATA_SCOPE_LABELS, type Role } from "../../../contracts/identity";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";

/** Query key prefix of the user list (ListPage id); invalidate it after any write. */
export const USER_LIST_ID = "identity.users";

/** The roles a user may be given (needs role:read); empty without that permission. */
export function useRoles() {
  const { can } = useAuth();
  const allowed = can("role:read");
  const query = useQuery({
    queryKey: ["identity.roleOptions"],
    queryFn: () => api.get<Role[]>("/api/roles"),
    enabled: allowed,
    staleTime: 60_000,
  });
  return { roles: query.data ?? [], loading: allowed && query.isLoading, allowed };
}

/** A role in a picker: its name, data scope and, for the three admin roles (三员), that mark. */
export function RoleOptionLabel({ role }: { role: Role }) {
  return (
    <Space size={6} style={{ width: "100%", justifyContent: "space-between" }}>
      <Typography.Text>{role.name}</Typography.Text>
      <Space size={2}>
        {role.adminKind && (
          <Tag color="volcano" variant="outlined" style={{ marginInlineEnd: 0 }}>
            {t("identity.users.adminTag")}
          </Tag>
        )}
        <Tag style={{ marginInlineEnd: 0 }}>
          {t("identity.users.scopeTag", { scope: DATA_SCOPE_LABELS[role.dataScope] })}
        </Tag>
      </Space>
    </Space>
  );
}
