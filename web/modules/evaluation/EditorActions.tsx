/** The indicator-set editor's buttons: the header (save, publish, export, copy, history) and the tree toolbar. */
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CopyOutlined,
  DeleteOutlined,
  DownloadOutlined,
  HistoryOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  SubnodeOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { Button, Popconfirm, Space, Tooltip } from "antd";
import { memo, type ReactNode } from "react";
import { useNavigate } from "react-router";
import type { IndicatorSetView } from "../../../contracts/evaluation";
import { t } from "../../app/i18n";

export function BackButton() {
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/evaluation/indicator-sets")}>
      {t("evaluation.actions.back")}
    </Button>
  );
}

export type Act = (
  key:
    | "addRoot"
    | "addChild"
    | "addSibling"
    | "duplicate"
    | "up"
    | "down"
    | "indent"
    | "outdent"
    | "remove"
    | "undo"
    | "history"
    | "export"
    | "copy"
    | "publish"
    | "save",
) => void;

/** The set's buttons: back, history, export, copy, publish (a saved draft without problems), save. */
export const HeaderActions = memo(function HeaderActions({
  view,
  editable,
  canCopy,
  dirty,
  problemCount,
  saving,
  publishing,
  act,
}: {
  view: IndicatorSetView | null;
  editable: boolean;
  canCopy: boolean;
  dirty: boolean;
  problemCount: number;
  saving: boolean;
  publishing: boolean;
  act: Act;
}) {
  const blocked = dirty || problemCount > 0;
  return (
    <Space wrap>
      <BackButton />
      {view && (
        <Button icon={<HistoryOutlined />} onClick={() => act("history")} data-testid="set-history">
          {t("evaluation.actions.history")}
        </Button>
      )}
      {view && (
        <Button icon={<DownloadOutlined />} onClick={() => act("export")} data-testid="set-export">
          {t("evaluation.actions.export")}
        </Button>
      )}
      {view && canCopy && (
        <Button icon={<CopyOutlined />} onClick={() => act("copy")} data-testid="set-copy">
          {t("evaluation.actions.copy")}
        </Button>
      )}
      {view && editable && (
        <Popconfirm
          title={t("evaluation.confirm.publish", { name: view.name, version: view.versionLabel })}
          description={<div style={{ maxWidth: 300 }}>{t("evaluation.confirm.publishHint")}</div>}
          okText={t("evaluation.actions.publish")}
          cancelText={t("common.cancel")}
          onConfirm={() => act("publish")}
          disabled={blocked}
        >
          <Tooltip
            title={
              dirty
                ? t("evaluation.messages.saveFirst")
                : problemCount
                  ? t("evaluation.summary.problems", { count: problemCount })
                  : undefined
            }
          >
            <Button icon={<SendOutlined />} loading={publishing} disabled={blocked} data-testid="set-publish">
              {t("evaluation.actions.publish")}
            </Button>
          </Tooltip>
        </Popconfirm>
      )}
      {editable && (
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => act("save")}
          data-testid="set-save"
        >
          {t("evaluation.actions.save")}
        </Button>
      )}
    </Space>
  );
});

/** What can be done to the selected indicator: add below or beside, move, change level, copy, undo, delete. */
export const TreeToolbar = memo(function TreeToolbar({
  wide,
  hasSelection,
  canUp,
  canDown,
  canOutdent,
  canIndent,
  canUndo,
  selectionName,
  descendantCount,
  act,
}: {
  wide: boolean;
  hasSelection: boolean;
  canUp: boolean;
  canDown: boolean;
  canOutdent: boolean;
  canIndent: boolean;
  canUndo: boolean;
  /** The selected indicator's code and name, read when the delete confirmation opens. */
  selectionName: () => string;
  descendantCount: number;
  act: Act;
}) {
  const buttons: { key: Parameters<Act>[0]; test: string; icon: ReactNode; label: string; enabled: boolean }[] = [
    {
      key: "addChild",
      test: "child",
      icon: <SubnodeOutlined />,
      label: t("evaluation.actions.addChild"),
      enabled: hasSelection,
    },
    {
      key: "addSibling",
      test: "sibling",
      icon: <PlusOutlined />,
      label: t("evaluation.actions.addSibling"),
      enabled: hasSelection,
    },
    { key: "up", test: "up", icon: <ArrowUpOutlined />, label: t("evaluation.actions.moveUp"), enabled: canUp },
    {
      key: "down",
      test: "down",
      icon: <ArrowDownOutlined />,
      label: t("evaluation.actions.moveDown"),
      enabled: canDown,
    },
    {
      key: "outdent",
      test: "outdent",
      icon: <MenuFoldOutlined />,
      label: t("evaluation.actions.outdent"),
      enabled: canOutdent,
    },
    {
      key: "indent",
      test: "indent",
      icon: <MenuUnfoldOutlined />,
      label: t("evaluation.actions.indent"),
      enabled: canIndent,
    },
    {
      key: "duplicate",
      test: "duplicate",
      icon: <CopyOutlined />,
      label: t("evaluation.actions.duplicate"),
      enabled: hasSelection,
    },
    { key: "undo", test: "undo", icon: <UndoOutlined />, label: t("evaluation.actions.undo"), enabled: canUndo },
  ];
  return (
    <div
      style={{
        display: "flex",
        flexWrap: "wrap",
        gap: 4,
        marginBottom: 8,
        paddingBottom: 8,
        borderBottom: "1px solid #f0f0f0",
      }}
      data-testid="tree-toolbar"
    >
      {buttons.map((b) => (
        <Tooltip key={b.key} title={wide ? undefined : b.label}>
          <Button
            size="small"
            icon={b.icon}
            onClick={() => act(b.key)}
            disabled={!b.enabled}
            data-testid={`tree-${b.test}`}
            aria-label={b.label}
          >
            {wide ? b.label : null}
          </Button>
        </Tooltip>
      ))}
      <Popconfirm
        title={() => t("evaluation.editor.deleteConfirm", { name: selectionName() })}
        description={descendantCount ? t("evaluation.editor.deleteHint", { count: descendantCount }) : undefined}
        okText={t("evaluation.actions.delete")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: true, "data-testid": "tree-delete-ok" }}
        onConfirm={() => act("remove")}
        disabled={!hasSelection}
      >
        <Tooltip title={wide ? undefined : t("evaluation.actions.delete")}>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={!hasSelection}
            data-testid="tree-delete"
            aria-label={t("evaluation.actions.delete")}
          >
            {wide ? t("evaluation.actions.delete") : null}
          </Button>
        </Tooltip>
      </Popconfirm>
    </div>
  );
});
