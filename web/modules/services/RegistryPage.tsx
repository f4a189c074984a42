import { Button, Card, List, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import type { WindowView } from "../../../contracts/services";
import { useAuth } from "../../app/auth";
import { FollowUpForm, LiaisonForm, MeetingForm, WindowForm } from "./RegistryForms";
import { type LiaisonView, type MeetingView, useLiaisons, useMeetings, useWindows } from "./servicesApi";

function Windows() {
  const { data, isLoading } = useWindows();
  const { can } = useAuth();
  const [editing, setEditing] = useState<WindowView | null | "new">(null);
  return (
    <>
      {can("service:manage") && (
        <Button type="primary" style={{ marginBottom: 8 }} onClick={() => setEditing("new")}>
          设立服务窗口
        </Button>
      )}
      <WindowForm
        open={editing !== null}
        editing={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
      />
      <List<WindowView>
        loading={isLoading}
        dataSource={data ?? []}
        locale={{ emptyText: "暂无服务窗口" }}
        renderItem={(w) => (
          <List.Item
            actions={
              can("service:manage")
                ? [
                    <Button key="edit" type="link" size="small" onClick={() => setEditing(w)}>
                      修改
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{w.name}</span>
                  {w.languages.map((l) => (
                    <Tag key={l} color={l === "蒙古语" ? "blue" : "default"}>
                      {l}
                    </Tag>
                  ))}
                </Space>
              }
              description={
                <div>
                  <div>
                    {w.orgName} · {w.regionName}
                  </div>
                  <div>
                    {w.address} · {w.hours}
                  </div>
                  <div>
                    工作人员：
                    {w.staff.length ? w.staff.map((s) => `${s.name}（${s.languages.join("、")}）`).join("；") : "—"}
                  </div>
                </div>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

function Liaisons() {
  const { data, isLoading } = useLiaisons();
  const { can } = useAuth();
  const [adding, setAdding] = useState(false);
  return (
    <>
      {can("service:manage") && (
        <Button type="primary" style={{ marginBottom: 8 }} onClick={() => setAdding(true)}>
          登记联络员
        </Button>
      )}
      <LiaisonForm open={adding} onClose={() => setAdding(false)} />
      <Table<LiaisonView>
        rowKey="id"
        size="small"
        scroll={{ x: 600 }}
        loading={isLoading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: "姓名", dataIndex: "name" },
          { title: "职务", dataIndex: "title", render: (v: string | null) => v ?? "—" },
          { title: "单位", dataIndex: "orgName" },
          { title: "联系社区", dataIndex: "community", render: (v: string | null) => v ?? "—" },
          { title: "工作电话", dataIndex: "workPhone", render: (v: string | null) => v ?? "—" },
        ]}
      />
    </>
  );
}

function Meetings() {
  const { data, isLoading } = useMeetings();
  const { can } = useAuth();
  const [adding, setAdding] = useState(false);
  const [followUp, setFollowUp] = useState<{ meeting: MeetingView; index: number } | null>(null);
  return (
    <>
      {can("service:manage") && (
        <Button type="primary" style={{ marginBottom: 8 }} onClick={() => setAdding(true)}>
          记录联系会议
        </Button>
      )}
      <MeetingForm open={adding} onClose={() => setAdding(false)} />
      <FollowUpForm
        meeting={followUp?.meeting ?? null}
        index={followUp?.index ?? 0}
        onClose={() => setFollowUp(null)}
      />
      <List<MeetingView>
        loading={isLoading}
        dataSource={data ?? []}
        locale={{ emptyText: "暂无联系会议记录" }}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag>{m.kindLabel}</Tag>
                  <span>{m.title}</span>
                </Space>
              }
              description={
                <div>
                  <div>
                    {m.heldOn} · {m.orgName} · 参会 {m.attendance} 人
                  </div>
                  <Typography.Paragraph style={{ margin: "4px 0" }}>提出的问题：{m.issues}</Typography.Paragraph>
                  {m.followUps.map((f, index) => (
                    <div key={f.text}>
                      跟进：{f.text}
                      {f.trackingCode ? (
                        <Tag style={{ marginLeft: 4 }}>已转服务申请 {f.trackingCode}</Tag>
                      ) : can("service:manage") ? (
                        <Button type="link" size="small" onClick={() => setFollowUp({ meeting: m, index })}>
                          转为服务申请
                        </Button>
                      ) : null}
                    </div>
                  ))}
                </div>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}

/** 服务窗口, 联络员 and 联系会议: the registers of the service and coordination platforms. */
export default function RegistryPage() {
  return (
    <Card>
      <Tabs
        items={[
          { key: "windows", label: "服务窗口", children: <Windows /> },
          { key: "liaisons", label: "联络员", children: <Liaisons /> },
          { key: "meetings", label: "联系会议", children: <Meetings /> },
        ]}
      />
    </Card>
  );
}
