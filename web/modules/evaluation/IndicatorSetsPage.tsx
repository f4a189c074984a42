import { DownloadOutlined, EllipsisOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Divider, Dropdown, Grid, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import type { IndicatorSetSummary, NamingLevel } from "../../../contracts/evaluation";
import { download } from "../../app/api";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { CopySetModal } from "./CopySetModal";
import { levelOptions, SET_LIST_ID, STATUS_LABELS, setKey, useCategories } from "./evaluationDicts";
import { downloadIndicatorTemplate, IndicatorImportModal } from "./IndicatorImportModal";

const label = (key: string) => t(`evaluation.fields.${key}`);

/** 指标体系: every published set and the drafts of the user's own and lower departments. */
export default function IndicatorSetsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const categories = useCategories();
  const [importOpen, setImportOpen] = useState(false);
  const [importKey, setImportKey] = useState(0);
  const [copying, setCopying] = useState<IndicatorSetSummary | null>(null);
  const open = (id: string) => navigate(`/evaluation/indicator-sets/${id}`);
  const manage = can("evaluation:manage");
  // On a phone nothing is pinned: pinned name and action columns would cover each other.
  const wide = !!Grid.useBreakpoint().md;

  const filters: ListFilter[] = useMemo(
    () => [
      {
        name: "q",
        label: t("common.keyword"),
        type: "text",
        placeholder: t("evaluation.filters.keywordPlaceholder"),
      },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: Object.entries(STATUS_LABELS()).map(([value, s]) => ({ value, label: s.label })),
      },
      { name: "level", label: label("levels"), type: "select", options: levelOptions() },
      { name: "category", label: label("categories"), type: "select", options: categories.options },
    ],
    [categories.options],
  );

  const columns: ListColumn<IndicatorSetSummary>[] = [
    {
      key: "name",
      title: label("name"),
      dataIndex: "name",
      fixed: wide ? "left" : undefined,
      width: wide ? 280 : 200,
      ellipsis: true,
      render: (name: string, s) => (
        <Typography.Link onClick={() => open(s.id)} data-testid="set-name-link">
          {name}
        </Typography.Link>
      ),
    },
    { key: "versionLabel", title: label("versionLabel"), dataIndex: "versionLabel" },
    {
      key: "status",
      title: label("status"),
      dataIndex: "status",
      render: (st: string) => <StatusTag status={st} labels={STATUS_LABELS()} />,
    },
    {
      key: "categories",
      title: label("categories"),
      dataIndex: "categories",
      render: (list: string[], s) =>
        list.length ? (
          <Space size={[4, 4]} wrap>
            {list.map((c, i) => (
              <Tag key={c}>{s.categoryLabels[i] ?? categories.labelOf(c)}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t("common.all")}</Typography.Text>
        ),
    },
    {
      key: "levels",
      title: label("levels"),
      dataIndex: "levels",
      render: (list: NamingLevel[]) => list.map((l) => t(`evaluation.levels.${l}`)).join("、"),
    },
    {
      key: "score",
      title: `${label("total")} / ${label("passLine")}`,
      render: (_: unknown, s) => `${s.total} / ${s.passLine}`,
    },
    { key: "leafCount", title: label("leafCount"), dataIndex: "leafCount", align: "right" },
    { key: "vetoCount", title: label("vetoCount"), dataIndex: "vetoCount", align: "right" },
    { key: "ownerOrg", title: label("ownerOrg"), dataIndex: "ownerOrgName" },
    { key: "updatedAt", title: label("updatedAt"), dataIndex: "updatedAt", render: formatTime },
    {
      key: "publishedAt",
      title: label("publishedAt"),
      dataIndex: "publishedAt",
      render: formatTime,
      defaultHidden: true,
    },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: wide ? "right" : undefined,
      width: 200,
      render: (_: unknown, s) => (
        <Space separator={<Divider orientation="vertical" />} size={0}>
          <Typography.Link onClick={() => open(s.id)}>
            {manage && s.status === "draft" ? t("evaluation.actions.edit") : t("evaluation.actions.open")}
          </Typography.Link>
          {manage && (
            <Typography.Link onClick={() => setCopying(s)} data-testid="set-copy-link">
              {t("evaluation.actions.copy")}
            </Typography.Link>
          )}
          <Typography.Link
            onClick={() =>
              download(`/api/indicator-sets/${s.id}/export`, undefined, `${s.name}.xlsx`).catch((e: Error) =>
                message.error(t("evaluation.messages.exportFailed", { message: e.message })),
              )
            }
          >
            {t("common.export")}
          </Typography.Link>
        </Space>
      ),
    },
  ];

  const getTemplate = () =>
    downloadIndicatorTemplate().catch((e: Error) =>
      message.error(t("evaluation.messages.templateFailed", { message: e.message })),
    );
  const startImport = () => {
    setImportKey((k) => k + 1);
    setImportOpen(true);
  };
  const create = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => open("new")} data-testid="set-create">
      {t("evaluation.actions.create")}
    </Button>
  );
  // On a phone the template and import go into a “more” menu, so the card keeps its title.
  const toolbar =
    manage &&
    (wide ? (
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={getTemplate}>
          {t("evaluation.actions.template")}
        </Button>
        <Button icon={<UploadOutlined />} onClick={startImport} data-testid="set-import">
          {t("evaluation.actions.import")}
        </Button>
        {create}
      </Space>
    ) : (
      <Space>
        <Dropdown
          trigger={["click"]}
          menu={{
            items: [
              { key: "template", icon: <DownloadOutlined />, label: t("evaluation.actions.template") },
              { key: "import", icon: <UploadOutlined />, label: t("evaluation.actions.import") },
            ],
            onClick: ({ key }) => (key === "template" ? getTemplate() : startImport()),
          }}
        >
          <Button icon={<EllipsisOutlined />} aria-label={t("evaluation.actions.more")} />
        </Dropdown>
        {create}
      </Space>
    ));

  return (
    <>
      <ListPage<IndicatorSetSummary>
        id={SET_LIST_ID}
        url="/api/indicator-sets"
        title={t("evaluation.listTitle")}
        toolbar={toolbar}
        filters={filters}
        columns={columns}
      />
      <IndicatorImportModal
        key={`import-${importKey}`}
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={(set) => {
          setImportOpen(false);
          qc.setQueryData(setKey(set.id), set);
          qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
          message.success(t("evaluation.import.success", { name: set.name, count: set.leafCount }));
          open(set.id);
        }}
      />
      {copying && (
        <CopySetModal
          open
          set={copying}
          onClose={() => setCopying(null)}
          onCopied={(copy) => {
            setCopying(null);
            qc.setQueryData(setKey(copy.id), copy);
            qc.invalidateQueries({ queryKey: [SET_LIST_ID] });
            open(copy.id);
          }}
        />
      )}
    </>
  );
}
