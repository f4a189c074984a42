import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "antd";
import { useState } from "react";
import type { NewsView } from "../../../contracts/content";
import { beijingDateTime } from "../../../contracts/dates";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { StatusTag } from "../../app/components/StatusTag";
import { CATEGORY_OPTIONS, NEWS_STATUS_OPTIONS, NEWS_STATUS_TAGS } from "./labels";
import { NewsDrawer } from "./NewsDrawer";
import { NewsForm } from "./NewsForm";
import { contentZh } from "./zh-CN";

const z = contentZh.news;
const LIST = "content.news";

/** 新闻动态: the organization's own articles and those the department reviews. */
export default function NewsPage() {
  const qc = useQueryClient();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: [LIST] });
  const f = z.fields;
  const filters: ListFilter[] = [
    { name: "q", label: "关键字", type: "text", placeholder: "标题或正文" },
    { name: "status", label: f.status, type: "select", options: NEWS_STATUS_OPTIONS },
    { name: "category", label: f.category, type: "select", options: CATEGORY_OPTIONS },
  ];
  const columns: ListColumn<NewsView>[] = [
    {
      key: "title",
      title: f.title,
      dataIndex: "title",
      sortField: "title",
      render: (title: string, n) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpenId(n.id)}
        >
          {title}
        </Button>
      ),
    },
    { key: "category", title: f.category, dataIndex: "categoryLabel" },
    { key: "org", title: f.org, dataIndex: "orgName" },
    {
      key: "status",
      title: f.status,
      render: (_: unknown, n) => <StatusTag status={n.status} labels={NEWS_STATUS_TAGS} />,
    },
    {
      key: "publishedAt",
      title: f.publishedAt,
      dataIndex: "publishedAt",
      sortField: "publishedAt",
      render: (v: string | null) => (v ? beijingDateTime(v) : "—"),
    },
    {
      key: "updatedAt",
      title: f.updatedAt,
      dataIndex: "updatedAt",
      sortField: "updatedAt",
      defaultHidden: true,
      render: (v: string) => beijingDateTime(v),
    },
  ];
  return (
    <>
      <ListPage<NewsView>
        id={LIST}
        url="/api/news"
        columns={columns}
        filters={filters}
        bulk={
          can("news:review")
            ? {
                // 批量发布: the articles waiting for review; each is checked (the reviewer's region) and audited alone.
                selectable: (n) => n.status === "submitted",
                actions: [{ key: "publish", label: z.bulkPublish, url: "/api/news/bulk/publish" }],
              }
            : undefined
        }
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {z.create}
          </Button>
        }
      />
      {creating && (
        <NewsForm
          onClose={() => setCreating(false)}
          onSaved={(n) => {
            setCreating(false);
            refresh();
            setOpenId(n.id);
          }}
        />
      )}
      {openId && <NewsDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />}
    </>
  );
}
