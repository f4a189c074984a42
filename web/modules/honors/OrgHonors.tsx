import { useQuery } from "@tanstack/react-query";
import { Empty, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { AwardView } from "../../../contracts/honors";
import { api, type Page } from "../../app/api";
import { useAuth } from "../../app/auth";
import { t } from "../../app/i18n";
import { honorKeys } from "./honorsApi";

const o = (k: string, params?: Record<string, string | number>) => t(`honors.org.${k}`, params);

/**
 * An organization's honors on its detail (组织机构): collective honors awarded to it and individual honors of the
 * people it nominated, as the register shows them (GET /api/honors/awards?orgId=, within the caller's scope).
 * Shown only to readers of the register; a revoked honor keeps its place, marked, with reason and document.
 * Each opens the register filtered to it.
 */
export function OrgHonors({ orgId }: { orgId: string }) {
  const { can } = useAuth();
  const allowed = can("honor:read");
  const q = useQuery({
    queryKey: [...honorKeys.awards, "org", orgId],
    queryFn: () => api.get<Page<AwardView>>("/api/honors/awards", { orgId, pageSize: 50 }),
    enabled: allowed,
  });
  if (!allowed) return null;
  const items = q.data?.items ?? [];
  return (
    <section data-testid="org-honors" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{o("title")}</Typography.Title>
      {q.isSuccess && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={o("empty")} />
      ) : (
        <List<AwardView>
          size="small"
          bordered
          loading={q.isLoading}
          dataSource={items}
          renderItem={(a) => (
            <List.Item data-testid="org-honor">
              <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                <Space size={6} wrap>
                  <Link to={`/honors/awards?q=${encodeURIComponent(a.honoreeName)}&campaignId=${a.campaignId}`}>
                    {a.honoreeName}
                  </Link>
                  <Tag>{a.kindLabel}</Tag>
                  {a.status === "revoked" && <Tag color="red">{o("revoked")}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {a.campaignTitle} · {a.decisionNo} · {o("certificate", { no: a.certificateNo })} · {a.awardedOn}
                </Typography.Text>
                {a.status === "revoked" && (
                  <Typography.Text type="danger">
                    {o("revokedBy", { reason: a.revokedReason ?? "", docNo: a.revokedDocNo ?? "" })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {(q.data?.total ?? 0) > items.length && <Link to="/honors/awards">{o("more")}</Link>}
    </section>
  );
}
