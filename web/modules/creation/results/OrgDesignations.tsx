import { useQuery } from "@tanstack/react-query";
import { Empty, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { DESIGNATION_STATUS_LABELS, type Designation } from "../../../../contracts/creation/designations";
import { api, type Page } from "../../../app/api";
import { useAuth } from "../../../app/auth";
import { t } from "../../../app/i18n";
import { levelLabel } from "../flow/shared";

const d = (k: string, params?: Record<string, string | number>) => t(`creation.results.designations.${k}`, params);
const COLORS: Record<string, string> = { valid: "green", reverifying: "orange", revoked: "red", expired: "default" };

/**
 * An organization's 示范单位（区） designations on its detail (组织机构), as the designations list shows them to the
 * caller (GET /api/creation/designations?orgId=, within scope); only for readers of 示范创建. Each opens its
 * designation.
 */
export function OrgDesignations({ orgId }: { orgId: string }) {
  const { can } = useAuth();
  const allowed = can("creation:read");
  const q = useQuery({
    queryKey: ["creation.designations", "org", orgId],
    queryFn: () => api.get<Page<Designation>>("/api/creation/designations", { orgId, pageSize: 50 }),
    enabled: allowed,
  });
  if (!allowed) return null;
  const items = q.data?.items ?? [];
  return (
    <section data-testid="org-designations" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{d("orgTitle")}</Typography.Title>
      {q.isSuccess && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d("orgEmpty")} />
      ) : (
        <List<Designation>
          size="small"
          bordered
          loading={q.isLoading}
          dataSource={items}
          renderItem={(x) => (
            <List.Item>
              <Space orientation="vertical" size={2}>
                <Space size={6} wrap>
                  <Link to={`/creation/designations?id=${x.id}`}>
                    {levelLabel(x.level)} · {x.categoryLabel}
                  </Link>
                  <Tag color={COLORS[x.status]}>{DESIGNATION_STATUS_LABELS[x.status]}</Tag>
                </Space>
                <Typography.Text type="secondary">
                  {x.certificateNo} · {x.namedOn} · {d("orgValidUntil", { date: x.validUntil })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
