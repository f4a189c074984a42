import { DeleteOutlined, DownOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Form, Input, Modal, Tooltip } from "antd";
import { useState } from "react";
import type { ListView, ListViewState } from "../../../contracts/identity";
import { t } from "../i18n";
import type { useListSettings } from "./listSettings";

/** 视图: the user's saved views of a list — apply one, save the current filters as one, delete one. */
export function SavedViews({
  settings,
  current,
  onApply,
}: {
  settings: ReturnType<typeof useListSettings>;
  current: () => ListViewState;
  onApply: (v: ListView) => void;
}) {
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const views = settings.settings?.views ?? [];
  return (
    <>
      <Dropdown
        trigger={["click"]}
        menu={{
          items: [
            ...(views.length === 0
              ? [{ key: "__none", label: t("list.noViews"), disabled: true }]
              : views.map((v) => ({
                  key: v.id,
                  label: (
                    <span style={{ display: "flex", justifyContent: "space-between", gap: 16 }}>
                      <span data-testid="saved-view">{v.name}</span>
                      <DeleteOutlined
                        aria-label={t("list.deleteView", { name: v.name })}
                        onClick={(e) => {
                          e.stopPropagation();
                          modal.confirm({
                            title: t("list.deleteView", { name: v.name }),
                            onOk: async () => {
                              await settings.deleteView.mutateAsync(v.id);
                              message.success(t("list.viewDeleted", { name: v.name }));
                            },
                          });
                        }}
                      />
                    </span>
                  ),
                  onClick: () => {
                    onApply(v);
                    message.success(t("list.viewApplied", { name: v.name }));
                  },
                }))),
            { type: "divider" as const },
            {
              key: "__save",
              icon: <SaveOutlined />,
              label: t("list.saveView"),
              onClick: () => {
                form.resetFields();
                setSaving(true);
              },
            },
          ],
        }}
      >
        <Tooltip title={t("list.viewsHint")}>
          <Button data-testid="list-views">
            {t("list.views")} <DownOutlined />
          </Button>
        </Tooltip>
      </Dropdown>
      <Modal
        open={saving}
        title={t("list.saveViewTitle")}
        confirmLoading={settings.saveView.isPending}
        onCancel={() => setSaving(false)}
        onOk={async () => {
          const { name } = await form.validateFields();
          try {
            await settings.saveView.mutateAsync({ name: name.trim(), state: current() });
            message.success(t("list.viewSaved", { name: name.trim() }));
            setSaving(false);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t("list.viewName")}
            extra={t("list.viewNameHint")}
            rules={[{ required: true, whitespace: true, message: t("common.required", { field: t("list.viewName") }) }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
