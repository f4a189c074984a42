import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Col, Divider, Grid, Popconfirm, Row, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { ORG_STATUS_LABELS, type Org } from "../../../contracts/org";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { DetailDrawer } from "../../app/components/DetailDrawer";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { formatTime } from "../../app/format";
import { t } from "../../app/i18n";
import { OrgDetailSections } from "../../app/orgSections";
import { ORG_LIST_ID, useOrgTypes } from "./OrgDicts";
import { OrgForm } from "./OrgForm";
import { downloadOrgTemplate, OrgImportModal } from "./OrgImportModal";
import { OrgRegionTree, type RegionSelection } from "./OrgRegionTree";

const label = (key: string) => t(`org.fields.${key}`);
const dash = (v: string | null | undefined) => v || "—";

function OrgFlags({ org }: { org: Pick<Org, "isEthnicAffairsDept" | "isMemberUnit"> }) {
  if (!org.isEthnicAffairsDept && !org.isMemberUnit) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {org.isEthnicAffairsDept && (
        <Tag color="red" variant="outlined">
          {label("ethnicDept")}
        </Tag>
      )}
      {org.isMemberUnit && (
        <Tag color="blue" variant="outlined">
          {label("memberUnit")}
        </Tag>
      )}
    </Space>
  );
}

/** 组织机构: the region tree on the left filters the organization list on the right (above it on a phone). */
export default function OrgsPage() {
  const wide = !!Grid.useBreakpoint().lg;
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const types = useOrgTypes();
  const [region, setRegion] = useState<RegionSelection>(null);
  const [includeSub, setIncludeSub] = useState(true);
  const [detail, setDetail] = useState<Org | null>(null);
  const [form, setForm] = useState<{ open: boolean; org: Org | null; key: number }>({
    open: false,
    org: null,
    key: 0,
  });
  const [importOpen, setImportOpen] = useState(false);
  const [importKey, setImportKey] = useState(0);

  const refreshList = () => queryClient.invalidateQueries({ queryKey: [ORG_LIST_ID] });
  const openForm = (org: Org | null) => setForm((f) => ({ open: true, org, key: f.key + 1 }));

  const setStatus = async (org: Org, status: "active" | "disabled") => {
    try {
      const saved = await api.post<Org>(`/api/orgs/${org.id}/${status === "disabled" ? "disable" : "enable"}`);
      message.success(t(status === "disabled" ? "org.messages.disabled" : "org.messages.enabled", { name: org.name }));
      if (detail?.id === org.id) setDetail(saved);
      await refreshList();
    } catch (e) {
      message.error({ content: (e as Error).message, duration: 6 });
    }
  };

  const filters: ListFilter[] = useMemo(
    () => [
      { name: "q", label: t("common.keyword"), type: "text", placeholder: t("org.filters.keywordPlaceholder") },
      { name: "type", label: label("type"), type: "select", options: types.options },
      {
        name: "status",
        label: label("status"),
        type: "select",
        options: Object.entries(ORG_STATUS_LABELS).map(([value, l]) => ({ value, label: l })),
      },
      { name: "isEthnicAffairsDept", label: label("ethnicDept"), type: "boolean" },
      { name: "isMemberUnit", label: label("memberUnit"), type: "boolean" },
    ],
    [types.options],
  );

  const columns: ListColumn<Org>[] = [
    {
      key: "name",
      title: label("name"),
      dataIndex: "name",
      sortField: "name",
      fixed: "left",
      width: 220,
      ellipsis: true,
      render: (name: string, org) => (
        <Typography.Link onClick={() => setDetail(org)} data-testid="org-name">
          {name}
        </Typography.Link>
      ),
    },
    { key: "type", title: label("type"), dataIndex: "typeLabel" },
    { key: "region", title: label("region"), dataIndex: "regionName", sortField: "regionCode" },
    { key: "parent", title: label("parent"), dataIndex: "parentName", render: dash },
    { key: "flags", title: label("flags"), render: (_: unknown, org) => <OrgFlags org={org} /> },
    {
      key: "status",
      title: label("status"),
      dataIndex: "status",
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      key: "uscc",
      title: label("uscc"),
      dataIndex: "uscc",
      render: (v: string | null) =>
        v ? <Typography.Text style={{ fontFamily: "monospace" }}>{v}</Typography.Text> : "—",
    },
    { key: "shortName", title: label("shortName"), dataIndex: "shortName", render: dash },
    { key: "updatedAt", title: label("updatedAt"), dataIndex: "updatedAt", render: formatTime },
    {
      key: "createdAt",
      title: label("createdAt"),
      dataIndex: "createdAt",
      sortField: "createdAt",
      render: formatTime,
      defaultHidden: true,
    },
    { key: "contactPhone", title: label("contactPhone"), dataIndex: "contactPhone", render: dash, defaultHidden: true },
    { key: "address", title: label("address"), dataIndex: "address", render: dash, defaultHidden: true },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      width: 150,
      render: (_: unknown, org) => (
        <Space separator={<Divider orientation="vertical" />} size={0}>
          <Typography.Link onClick={() => setDetail(org)}>{t("org.actions.detail")}</Typography.Link>
          {can("org:update") && (
            <Typography.Link onClick={() => openForm(org)} data-testid="org-edit">
              {t("org.actions.edit")}
            </Typography.Link>
          )}
          {can("org:disable") &&
            (org.status === "active" ? (
              <Popconfirm
                title={t("org.confirm.disable", { name: org.name })}
                description={<div style={{ maxWidth: 280 }}>{t("org.confirm.disableHint")}</div>}
                okText={t("org.actions.disable")}
                okButtonProps={{ danger: true }}
                onConfirm={() => setStatus(org, "disabled")}
              >
                <Typography.Link type="danger" data-testid="org-disable">
                  {t("org.actions.disable")}
                </Typography.Link>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t("org.confirm.enable", { name: org.name })}
                okText={t("org.actions.enable")}
                onConfirm={() => setStatus(org, "active")}
              >
                <Typography.Link data-testid="org-enable">{t("org.actions.enable")}</Typography.Link>
              </Popconfirm>
            ))}
        </Space>
      ),
    },
  ];

  const toolbar = (
    <Space>
      {can("org:import") && (
        <>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadOrgTemplate().catch((e: Error) =>
                message.error(t("org.messages.templateFailed", { message: e.message })),
              )
            }
          >
            {t("org.actions.template")}
          </Button>
          <Button
            icon={<UploadOutlined />}
            onClick={() => {
              setImportKey((k) => k + 1);
              setImportOpen(true);
            }}
          >
            {t("org.actions.import")}
          </Button>
        </>
      )}
      {can("org:create") && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="org-create">
          {t("org.actions.create")}
        </Button>
      )}
    </Space>
  );

  const title = (
    <Space size={8}>
      <span>{t("org.listTitle")}</span>
      <Tag color="processing" variant="filled" style={{ fontWeight: "normal" }}>
        {region ? region.name : t("org.allRegions")}
        {region && includeSub ? `（${t("org.tree.includeSub")}）` : ""}
      </Tag>
    </Space>
  );

  const detailItems = (o: Org) => [
    { label: label("name"), value: o.name },
    { label: label("shortName"), value: dash(o.shortName) },
    { label: label("nameMn"), value: o.nameMn ? <span lang="mn-Mong">{o.nameMn}</span> : "—" },
    { label: label("type"), value: o.typeLabel },
    {
      label: label("region"),
      value: (
        <Space size={6}>
          {o.regionName}
          <Typography.Text type="secondary">{o.regionCode}</Typography.Text>
        </Space>
      ),
    },
    { label: label("parent"), value: dash(o.parentName) },
    { label: label("uscc"), value: dash(o.uscc) },
    { label: label("flags"), value: <OrgFlags org={o} /> },
    { label: label("address"), value: dash(o.address) },
    { label: label("contactPhone"), value: dash(o.contactPhone) },
    { label: label("sort"), value: o.sort },
    { label: label("status"), value: <StatusTag status={o.status} /> },
    { label: label("createdAt"), value: formatTime(o.createdAt) },
    { label: label("updatedAt"), value: formatTime(o.updatedAt) },
  ];

  return (
    <Row gutter={[16, 16]} align="stretch" wrap={!wide}>
      <Col xs={24} lg={{ flex: "280px" }} style={{ minWidth: 0 }}>
        <OrgRegionTree
          selected={region}
          onSelect={setRegion}
          includeSub={includeSub}
          onIncludeSubChange={setIncludeSub}
        />
      </Col>
      <Col xs={24} lg={{ flex: "auto" }} style={{ minWidth: 0 }}>
        <ListPage<Org>
          id={ORG_LIST_ID}
          url="/api/orgs"
          exportUrl={can("org:export") ? "/api/orgs/export" : undefined}
          bulk={can("org:export") ? { actions: [], exportSelection: true } : undefined}
          exportName="组织机构.xlsx"
          title={title}
          toolbar={toolbar}
          filters={filters}
          columns={columns}
          fixedQuery={{ regionCode: region?.code, includeSubRegions: region ? includeSub : undefined }}
        />
      </Col>

      <DetailDrawer
        open={!!detail}
        onClose={() => setDetail(null)}
        title={detail ? `${t("org.detail.title")} · ${detail.name}` : ""}
        items={detail ? detailItems(detail) : []}
        historyUrl={detail ? `/api/orgs/${detail.id}/history` : undefined}
        extra={
          detail &&
          can("org:update") && (
            <Button
              icon={<EditOutlined />}
              onClick={() => {
                openForm(detail);
                setDetail(null);
              }}
            >
              {t("org.actions.edit")}
            </Button>
          )
        }
      >
        {detail && <OrgDetailSections orgId={detail.id} />}
      </DetailDrawer>

      <OrgForm
        key={form.key}
        open={form.open}
        org={form.org}
        defaultRegionCode={region?.code}
        onClose={() => setForm((f) => ({ ...f, open: false }))}
        onSaved={() => {
          setForm((f) => ({ ...f, open: false }));
          refreshList();
        }}
      />

      <OrgImportModal
        key={`import-${importKey}`}
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => refreshList()}
      />
    </Row>
  );
}
