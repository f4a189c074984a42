import { NotificationOutlined } from "@ant-design/icons";
import { Badge, Card, List, Space, Typography } from "antd";
import { Link } from "react-router";
import { formatTime } from "../../app/format";
import { useAnnouncements } from "./announcementApi";
import { notifyZh } from "./zh-CN";

const z = notifyZh.announcements;

/** The home page's 内部通知: the latest five addressed to the user, unread marked; hidden when there are none. */
export function HomeAnnouncements() {
  const list = useAnnouncements({ box: "inbox", pageSize: 5 });
  const data = list.data;
  if (!data || data.total === 0) return null;
  return (
    <Card
      data-testid="home-announcements"
      title={
        <Space>
          <NotificationOutlined />
          {z.homeTitle}
          {data.unread > 0 && <Badge count={z.homeUnread.replace("{count}", String(data.unread))} />}
        </Space>
      }
      extra={<Link to="/announcements">{z.homeMore}</Link>}
    >
      <List
        size="small"
        dataSource={data.items}
        renderItem={(a) => (
          <List.Item extra={<Typography.Text type="secondary">{formatTime(a.publishedAt)}</Typography.Text>}>
            <Space size={6} wrap>
              {!a.read && <Badge status="error" />}
              <Link to={`/announcements?id=${a.id}`}>
                <Typography.Text strong={!a.read}>{a.title}</Typography.Text>
              </Link>
              <Typography.Text type="secondary">{a.orgName}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
