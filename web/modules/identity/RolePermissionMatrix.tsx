import { CheckCircleFilled, LockOutlined, MinusCircleOutlined } from "@ant-design/icons";
import { Checkbox, Space, Tag, Tooltip, Typography, theme } from "antd";
import type { CSSProperties } from "react";
import { RESERVED_PERMISSIONS } from "../../../contracts/identity";
import { t } from "../../app/i18n";

export type PermissionGroup = {
  module: string;
  label: string;
  permissions: { code: string; label: string }[];
};

const HIDDEN: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
};

const isReserved = (code: string) => Object.hasOwn(RESERVED_PERMISSIONS, code);

/**
 * The permission matrix of a role: one row per module, a checkbox per permission, 全选 per module.
 * For custom roles the 三员 permissions are shown but locked; for read-only roles everything is locked.
 */
export function RolePermissionMatrix({
  groups,
  value = [],
  onChange,
  readOnly,
  lockReserved,
  id,
}: {
  groups: PermissionGroup[];
  value?: string[];
  onChange?: (next: string[]) => void;
  readOnly: boolean;
  /** Custom roles may not hold 三员专属权限. */
  lockReserved: boolean;
  id?: string;
}) {
  const { token } = theme.useToken();
  const selected = new Set(value);
  const editable = (code: string) => !readOnly && !(lockReserved && isReserved(code));
  const set = (codes: string[], on: boolean) => {
    const next = new Set(selected);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    // Keep the order of the permission list so the saved array is stable.
    onChange?.(groups.flatMap((g) => g.permissions.map((p) => p.code)).filter((c) => next.has(c)));
  };
  const border = `1px solid ${token.colorBorderSecondary}`;

  return (
    <div id={id} style={{ border, borderRadius: token.borderRadiusLG, overflow: "hidden" }}>
      <div
        style={{
          display: "grid",
          gridTemplateColumns: "200px 1fr",
          background: token.colorFillAlter,
          borderBottom: border,
          fontWeight: 600,
        }}
      >
        <div style={{ padding: "8px 12px", borderRight: border }}>{t("identity.roles.matrixModule")}</div>
        <div style={{ padding: "8px 12px" }}>{t("identity.roles.matrixPermissions")}</div>
      </div>
      {groups.map((g, gi) => {
        const codes = g.permissions.map((p) => p.code);
        const choosable = codes.filter(editable);
        const chosen = codes.filter((c) => selected.has(c)).length;
        const chosenChoosable = choosable.filter((c) => selected.has(c)).length;
        const all = choosable.length > 0 && chosenChoosable === choosable.length;
        return (
          <div
            key={g.module}
            data-testid={`perm-module-${g.module}`}
            style={{
              display: "grid",
              gridTemplateColumns: "200px 1fr",
              borderBottom: gi < groups.length - 1 ? border : undefined,
            }}
          >
            <div style={{ padding: "10px 12px", borderRight: border }}>
              <Typography.Text strong>{g.label}</Typography.Text>
              <div style={{ marginTop: 4, display: "flex", alignItems: "center", gap: 8 }}>
                {!readOnly && (
                  <Checkbox
                    checked={all}
                    indeterminate={chosenChoosable > 0 && !all}
                    disabled={choosable.length === 0}
                    onChange={(e) => set(choosable, e.target.checked)}
                    aria-label={`${g.label}${t("identity.roles.selectAll")}`}
                  >
                    {t("identity.roles.selectAll")}
                  </Checkbox>
                )}
                <Tag style={{ marginInlineEnd: 0 }} color={chosen > 0 ? "processing" : undefined}>
                  {chosen}/{codes.length}
                </Tag>
              </div>
            </div>
            <div style={{ padding: "10px 12px" }}>
              <Space wrap size={[20, 8]}>
                {g.permissions.map((p) => {
                  const reserved = isReserved(p.code);
                  const lock = reserved && (
                    <LockOutlined style={{ marginInlineStart: 4, color: token.colorTextTertiary, fontSize: 12 }} />
                  );
                  if (readOnly) {
                    const granted = selected.has(p.code);
                    return (
                      <span
                        key={p.code}
                        style={{ color: granted ? token.colorText : token.colorTextSecondary }}
                        data-granted={granted}
                      >
                        {granted ? (
                          <CheckCircleFilled style={{ color: token.colorSuccess, marginInlineEnd: 6 }} />
                        ) : (
                          <MinusCircleOutlined style={{ color: token.colorTextQuaternary, marginInlineEnd: 6 }} />
                        )}
                        <span style={HIDDEN}>
                          {granted ? t("identity.roles.granted") : t("identity.roles.notGranted")}
                        </span>
                        {p.label}
                        {lock}
                      </span>
                    );
                  }
                  const box = (
                    <Checkbox
                      key={p.code}
                      checked={selected.has(p.code)}
                      disabled={!editable(p.code)}
                      onChange={(e) => set([p.code], e.target.checked)}
                    >
                      {p.label}
                      {lock}
                    </Checkbox>
                  );
                  return reserved ? (
                    <Tooltip key={p.code} title={t("identity.roles.reservedTip")}>
                      <span>{box}</span>
                    </Tooltip>
                  ) : (
                    <span key={p.code}>{box}</span>
                  );
                })}
              </Space>
            </div>
          </div>
        );
      })}
    </div>
  );
}
