import { Descriptions, Drawer, Grid, Tabs } from "antd";
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
  // Phones: the drawer takes the whole width and its buttons move under the title, which then has room.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={phone ? "100%" : 560}
      // At most about two thirds of the header: more buttons wrap onto a second line instead of squeezing the
      // title to one character a line and pushing the close button out of the drawer.
      extra={phone || !extra ? undefined : <div style={{ maxWidth: 360, textAlign: "right" }}>{extra}</div>}
      destroyOnHidden
    >
      {phone && extra && <div style={{ marginBottom: 12 }}>{extra}</div>}
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
                  // One-column bordered lists otherwise squeeze the labels to a character or two per line.
                  styles={{ label: { whiteSpace: "nowrap" } }}
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
