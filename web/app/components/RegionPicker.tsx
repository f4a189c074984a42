import { TreeSelect } from "antd";
import { type CSSProperties, useEffect, useMemo, useRef, useState } from "react";
import type { Region } from "../../../contracts/org";
import { api } from "../api";
import { useAuth } from "../auth";

type Node = { id: string; pId: string | null; value: string; title: string; isLeaf: boolean };

const toNode = (r: Region, parent: string | null): Node => ({
  id: r.code,
  pId: parent,
  value: r.code,
  title: r.name,
  isLeaf: !r.hasChildren,
});

/**
 * Picks a GB/T 2260 region. Children load lazily one level at a time, so the whole 内蒙古 tree (15,938
 * nodes) never loads at once; typing searches names or codes on the server. The root is the user's scope.
 */
export function RegionPicker({
  value,
  onChange,
  style,
  placeholder = "选择或搜索行政区划（名称或代码）",
  root,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  style?: CSSProperties;
  placeholder?: string;
  root?: string;
}) {
  const { me } = useAuth();
  const scopeRoot = root ?? me?.dataScope.regionCode ?? "";
  const [tree, setTree] = useState<Node[]>([]);
  const [found, setFound] = useState<Node[] | null>(null);
  const [search, setSearch] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let alive = true;
    (async () => {
      // The scope's own node is the root; the whole country/province when the scope is 全部.
      const nodes = scopeRoot
        ? [toNode(await api.get<Region>(`/api/regions/${scopeRoot}`), null)]
        : (await api.get<Region[]>("/api/regions")).map((r) => toNode(r, null));
      if (alive) setTree(nodes);
    })().catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [scopeRoot]);

  // A value set from outside (editing a record) shows its name even before its branch is loaded.
  useEffect(() => {
    if (!value || tree.some((n) => n.value === value)) return;
    api
      .get<Region>(`/api/regions/${value}`)
      .then((r) =>
        setTree((t) =>
          t.some((n) => n.value === r.code) ? t : [...t, { ...toNode(r, null), id: `${r.code}`, pId: "__hidden__" }],
        ),
      )
      .catch(() => undefined);
  }, [value, tree]);

  const loadData = async (node: { value?: string | number }) => {
    const code = String(node.value);
    if (tree.some((n) => n.pId === code)) return;
    const children = await api.get<Region[]>("/api/regions", { parent: code });
    setTree((t) => [...t, ...children.map((c) => toNode(c, code))]);
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
        .catch(() => []);
      setFound(
        rows.map((r) => ({
          id: `s:${r.code}`,
          pId: null,
          value: r.code,
          title: r.fullName.replace(/^内蒙古自治区 /, ""),
          isLeaf: true,
        })),
      );
    }, 250);
  };

  const data = useMemo(
    () => (found ?? tree).filter((n) => n.pId !== "__hidden__" || n.value === value),
    [found, tree, value],
  );

  return (
    <TreeSelect
      style={style}
      value={value}
      onChange={(v) => {
        onChange?.(v);
        setFound(null);
        setSearch("");
      }}
      treeDataSimpleMode
      treeData={data}
      loadData={found ? undefined : loadData}
      showSearch
      searchValue={search}
      onSearch={onSearch}
      filterTreeNode={false}
      allowClear
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: "auto", minWidth: 280 } } }}
      data-testid="region-picker"
    />
  );
}
