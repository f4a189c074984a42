import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Tooltip } from "antd";
import { useNavigate } from "react-router";
import { t } from "../../app/i18n";
import { useUnread } from "./notifyApi";

/** The header's bell: unread messages (red when some are overdue); opens 消息中心. */
export function MessageBell() {
  const navigate = useNavigate();
  const q = useUnread();
  const unread = q.data?.unread ?? 0;
  const label = t("notify.bell", { count: unread });
  return (
    <Tooltip title={label}>
      <Badge count={unread} size="small" overflowCount={99} color={q.data?.overdue ? "#c8102e" : "#1677ff"}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={label}
          data-testid="message-bell"
          onClick={() => navigate("/messages")}
        />
      </Badge>
    </Tooltip>
  );
}
