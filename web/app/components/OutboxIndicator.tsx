import { CloudUploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, List, Popover, Space, Typography } from "antd";
import { useCallback } from "react";
import { discardOutboxItem, flushOutbox, useOutbox, useOutboxFlusher } from "../outbox";

/** 待发送: forms filled without a network, sent when it returns (app/outbox.ts). Hidden when nothing waits. */
export function OutboxIndicator() {
  const { message } = App.useApp();
  const items = useOutbox();
  const qc = useQueryClient();
  // What was sent now shows in every list and desk: refetch what the pages hold.
  const onSent = useCallback(
    (n: number) => {
      message.success(`网络已恢复，已发送 ${n} 份离线填写的表单`);
      void qc.invalidateQueries();
    },
    [message, qc],
  );
  useOutboxFlusher(onSent);
  if (items.length === 0) return null;
  const content = (
    <div style={{ width: 300 }}>
      <List
        size="small"
        dataSource={items}
        renderItem={(i) => (
          <List.Item
            actions={[
              <Button key="x" type="link" size="small" danger onClick={() => discardOutboxItem(i.id)}>
                放弃
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={i.label}
              description={
                i.error ? (
                  <Typography.Text type="danger">未能发送：{i.error}</Typography.Text>
                ) : (
                  `离线保存于 ${new Date(i.queuedAt).toLocaleString("zh-CN", { hour12: false })}，联网后自动发送`
                )
              }
            />
          </List.Item>
        )}
      />
      <Button block type="primary" onClick={() => void flushOutbox().then((n) => n > 0 && onSent(n))}>
        立即发送
      </Button>
    </div>
  );
  return (
    <Popover content={content} title="待发送的表单" trigger="click">
      <Badge count={items.length} size="small">
        <Space style={{ cursor: "pointer", color: "inherit" }} data-testid="outbox">
          <CloudUploadOutlined />
          <span>待发送</span>
        </Space>
      </Badge>
    </Popover>
  );
}
