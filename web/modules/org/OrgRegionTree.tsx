import { EnvironmentOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Empty, Input, Skeleton, Space, Switch, Tree, Typography } from "antd";
import type { DataNode, EventDataNode } from "antd/es/tree";
import { useEffect, useRef, useState } from "react";
import type { Region } from "../../../contracts/org";
import { api } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";

type RegionNode = DataNode & { key: string; name: string; children?: RegionNode[] };

const toNode = (r: Region): RegionNode => ({
  key: r.code,
  name: r.name,
  title: r.name,
  isLeaf: !r.hasChildren,
});

function withChildren(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n,
  );
}

const ALL = "__all__";

export type RegionSelection = { code: string; name: string } | null;

/**
 * The region tree beside the organization list: rooted at the user's data scope, children loaded one
 * level at a time (a province has ~16,000 nodes), with a server-side search by name or code.
 */
export function OrgRegionTree({
  selected,
  onSelect,
  includeSub,
  onIncludeSubChange,
}: {
  selected: RegionSelection;
  onSelect: (s: RegionSelection) => void;
  includeSub: boolean;
  onIncludeSubChange: (v: boolean) => void;
}) {
  const { me } = useAuth();
  const scopeRoot = me?.dataScope.regionCode ?? "";
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<Region[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const roots = useQuery({
    queryKey: ["org.regionRoots", scopeRoot],
    queryFn: async () =>
      scopeRoot ? [await api.get<Region>(`/api/regions/${scopeRoot}`)] : await api.get<Region[]>("/api/regions"),
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (!roots.data) return;
    const nodes = roots.data.map(toNode);
    // With a scope of 全部 the provinces sit under an "all regions" node; otherwise the scope's own region
    // is the root and selecting it (or nothing) shows everything the user may see.
    setTree(scopeRoot ? nodes : [{ key: ALL, name: t("org.allRegions"), title: t("org.allRegions"), children: nodes }]);
    // A single root (one province, or the user's own region) opens at once.
    const open = roots.data.length === 1 && roots.data[0].hasChildren ? [roots.data[0].code] : [];
    setExpanded(scopeRoot ? open : [ALL, ...open]);
  }, [roots.data, scopeRoot]);

  const loadData = async (node: EventDataNode<RegionNode>) => {
    if (node.children?.length || node.key === ALL) return;
    const children = await api.get<Region[]>("/api/regions", { parent: node.key });
    setTree((nodes) => withChildren(nodes, node.key, children.map(toNode)));
  };

  const onSearch = (text: string) => {
    setSearch(text);
    clearTimeout(timer.current);
    if (!text.trim()) {
      setFound(null);
      return;
    }
    timer.current = setTimeout(async () => {
      const rows = await api
        .get<Region[]>("/api/regions", { q: text.trim(), parent: scopeRoot || undefined, limit: 50 })
        .catch(() => [] as Region[]);
      setFound(rows);
    }, 300);
  };

  const header = (
    <Space>
      <EnvironmentOutlined />
      {t("org.tree.title")}
    </Space>
  );
  const includeSwitch = (
    <Space size={4}>
      <Switch size="small" checked={includeSub} onChange={onIncludeSubChange} data-testid="include-sub" />
      <Typography.Text style={{ fontSize: 13 }}>{t("org.tree.includeSub")}</Typography.Text>
    </Space>
  );

  return (
    <Card title={header} extra={includeSwitch} styles={{ body: { padding: 12 } }} style={{ height: "100%" }}>
      <Input.Search
        allowClear
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        placeholder={t("org.tree.searchPlaceholder")}
        maxLength={30}
        style={{ marginBottom: 8 }}
      />
      <div style={{ maxHeight: "calc(100vh - 260px)", minHeight: 320, overflow: "auto" }} data-testid="region-tree">
        {roots.error ? (
          <Alert type="error" showIcon title={t("org.tree.loadFailed", { message: (roots.error as Error).message })} />
        ) : roots.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} title={false} />
        ) : found ? (
          found.length ? (
            <Tree<RegionNode>
              blockNode
              selectedKeys={selected ? [selected.code] : []}
              onSelect={(_keys, info) => onSelect({ code: info.node.key, name: info.node.name })}
              treeData={found.map((r) => ({
                key: r.code,
                name: r.name,
                title: (
                  <span>
                    {r.fullName.replace(/^内蒙古自治区 /, "")}
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                      {r.code}
                    </Typography.Text>
                  </span>
                ),
                isLeaf: true,
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("org.tree.empty")} />
          )
        ) : (
          <Tree<RegionNode>
            blockNode
            showLine
            treeData={tree}
            loadData={loadData}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys as string[])}
            selectedKeys={selected ? [selected.code] : scopeRoot ? [] : [ALL]}
            onSelect={(keys, info) =>
              onSelect(keys.length && info.node.key !== ALL ? { code: info.node.key, name: info.node.name } : null)
            }
          />
        )}
      </div>
    </Card>
  );
}
