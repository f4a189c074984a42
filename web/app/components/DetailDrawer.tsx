import { Descriptions, Drawer, Tabs } from "antd";
import type { ReactNode } from "react";
import { t } from "../i18n";
import { AuditPanel } from "./AuditPanel";

/** A record's details in a side drawer, with its 操作记录 (audit history) in a second tab. */
export function DetailDrawer({
  open,
  onClose,
  title,
  items,
  historyUrl,
  extra,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  items: { label: string; value: ReactNode }[];
  historyUrl?: string;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Drawer open={open} onClose={onClose} title={title} size={560} extra={extra} destroyOnHidden>
      <Tabs
        items={[
          {
            key: "detail",
            label: t("common.detail"),
            children: (
              <>
                <Descriptions
                  column={1}
                  bordered
                  size="small"
                  items={items.map((i) => ({ key: i.label, label: i.label, children: i.value }))}
                />
                {children}
              </>
            ),
          },
          ...(historyUrl
            ? [{ key: "history", label: t("common.history"), children: <AuditPanel url={historyUrl} /> }]
            : []),
        ]}
      />
    </Drawer>
  );
}
