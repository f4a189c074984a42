import { Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { useMemo } from "react";
import type { PlanTreePreview } from "../../../../contracts/plans";
import { t } from "../../../app/i18n";
import { NodeKindTag } from "../labels";

type PreviewNode = DataNode & { node: PlanTreePreview };

function toData(nodes: PlanTreePreview[], path = "n"): PreviewNode[] {
  return nodes.map((n, i) => {
    const key = `${path}-${i}`;
    return { key, node: n, children: toData(n.children, key) };
  });
}

/**
 * The parsed tree as it will be saved: each node with the source line it came from, its kind and number, and the
 * unit names found on it (red while a name still needs mapping). Virtual scrolling keeps a long plan smooth.
 */
export function PreviewTree({ tree, unsettled }: { tree: PlanTreePreview[]; unsettled: Set<string> }) {
  const data = useMemo(() => toData(tree), [tree]);
  return (
    <Tree<PreviewNode>
      treeData={data}
      defaultExpandAll
      selectable={false}
      blockNode
      height={560}
      data-testid="preview-tree"
      titleRender={({ node: n }) => (
        <div style={{ display: "flex", gap: 6, alignItems: "baseline", padding: "2px 0", minWidth: 0 }}>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12, fontFamily: "monospace", flex: "none", width: 52, textAlign: "right" }}
          >
            {t("plans.import.line", { line: n.line })}
          </Typography.Text>
          <div style={{ minWidth: 0 }}>
            <NodeKindTag kind={n.kind} />
            <Typography.Text strong={n.kind !== "task" && n.kind !== "item"}>
              {n.number} {n.title}
            </Typography.Text>
            {n.units.length > 0 && (
              <div style={{ marginTop: 2 }}>
                {n.units.map((u) => (
                  <Tag
                    key={u}
                    color={unsettled.has(u) ? "error" : "default"}
                    variant={u === (n.leadUnit ?? n.units[0]) ? "solid" : "outlined"}
                    style={{ marginInlineEnd: 4, fontSize: 12 }}
                  >
                    {u}
                  </Tag>
                ))}
                {n.unitsSuggested && (
                  <Tag color="warning" title={t("plans.import.suggestedHint")} style={{ fontSize: 12 }}>
                    {t("plans.import.suggested")}
                  </Tag>
                )}
              </div>
            )}
          </div>
        </div>
      )}
    />
  );
}
