import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Tag } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import type { BaseView } from "../../../contracts/bases";
import { useAuth } from "../../app/auth";
import { type ListColumn, type ListFilter, ListPage } from "../../app/components/ListPage";
import { BaseForm } from "./BaseForm";
import { baseKeys } from "./basesApi";
import {
  BASE_LEVEL_LABELS,
  BASE_STATUS_LABELS,
  KIND_OPTIONS,
  LEVEL_OPTIONS,
  STATUS_COLORS,
  STATUS_OPTIONS,
} from "./labels";
import { basesZh as z } from "./zh-CN";

/** 基地名录: the bases in the caller's scope (a department's region and below, a unit's own base). */
export default function BasesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const filters: ListFilter[] = [
    { name: "q", label: "关键字", type: "text", placeholder: "名称或地址" },
    { name: "kind", label: z.fields.kind, type: "select", options: KIND_OPTIONS },
    { name: "level", label: z.fields.level, type: "select", options: LEVEL_OPTIONS },
    { name: "regionCode", label: z.fields.region, type: "region" },
    { name: "status", label: z.fields.status, type: "select", options: STATUS_OPTIONS },
    { name: "reviewDue", label: z.fields.reviewDue, type: "boolean" },
  ];
  const columns: ListColumn<BaseView>[] = [
    {
      key: "name",
      title: z.fields.name,
      dataIndex: "name",
      sortField: "name",
      render: (name: string, b) => <Link to={`/bases/${b.id}`}>{name}</Link>,
    },
    { key: "kind", title: z.fields.kind, dataIndex: "kindLabel" },
    {
      key: "level",
      title: z.fields.level,
      dataIndex: "level",
      render: (l: keyof typeof BASE_LEVEL_LABELS) => BASE_LEVEL_LABELS[l],
    },
    { key: "region", title: z.fields.region, dataIndex: "regionName" },
    { key: "org", title: z.fields.operatingOrg, dataIndex: "operatingOrgName" },
    { key: "termEndsOn", title: z.fields.termEndsOn, dataIndex: "termEndsOn", sortField: "termEndsOn" },
    {
      key: "status",
      title: z.fields.status,
      render: (_: unknown, b) => (
        <>
          <Tag color={STATUS_COLORS[b.status]}>{BASE_STATUS_LABELS[b.status]}</Tag>
          {b.reviewDue && <Tag color="orange">{z.fields.reviewDue}</Tag>}
        </>
      ),
    },
    { key: "page", title: z.fields.page, render: (_: unknown, b) => (b.hasPublishedPage ? "已发布" : "—") },
  ];
  return (
    <>
      <ListPage<BaseView>
        id={baseKeys.list[0]}
        url="/api/bases"
        exportUrl={can("base:export") ? "/api/bases/export" : undefined}
        bulk={can("base:export") ? { actions: [], exportSelection: true } : undefined}
        exportName="教育基地名录.xlsx"
        columns={columns}
        filters={filters}
        toolbar={
          can("base:supervise") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {z.actions.create}
            </Button>
          )
        }
      />
      {open && (
        <BaseForm
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void qc.invalidateQueries({ queryKey: baseKeys.list });
          }}
        />
      )}
    </>
  );
}
