import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useRef, useState } from "react";
import { LANGUAGES, MEETING_KIND_LABELS, type WindowView } from "../../../contracts/services";
import { api, type Page } from "../../app/api";
import { OrgPicker } from "../../app/components/OrgPicker";
import { type MeetingView, refreshServices, useServiceOptions, useWindows } from "./servicesApi";

/** Drops empty strings and undefined (optional fields the form left blank). */
const clean = <T extends Record<string, unknown>>(v: T) =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== "" && x !== null)) as T;

/** A shared save: post or put, refresh every 服务台 view, close the drawer. */
function useSave(onDone: () => void) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, url, body }: { method: "post" | "put"; url: string; body: unknown }) =>
      method === "post" ? api.post(url, body) : api.put(url, body),
    onSuccess: async () => {
      message.success("已保存");
      await refreshServices(qc);
      onDone();
    },
    onError: (e: Error) => message.error(e.message),
  });
}

/** Picks a staff member by typing part of the name (the user list of the caller's scope); known staff show by name. */
function StaffPicker({
  value,
  onChange,
  known,
}: {
  value?: string;
  onChange?: (v: string) => void;
  known: { value: string; label: string }[];
}) {
  const [options, setOptions] = useState(known);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      try {
        const page = await api.get<Page<{ id: string; displayName: string; orgName?: string }>>("/api/users", {
          q: q.trim() || undefined,
          pageSize: 20,
          status: "active",
        });
        setOptions([
          ...known.filter((k) => k.value === value),
          ...page.items
            .filter((u) => u.id !== value)
            .map((u) => ({ value: u.id, label: u.orgName ? `${u.displayName}（${u.orgName}）` : u.displayName })),
        ]);
      } catch {
        setOptions(known);
      }
    }, 250);
  };
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={search}
      onFocus={() => search("")}
      options={options}
      placeholder="输入姓名搜索工作人员"
      style={{ minWidth: 200 }}
    />
  );
}

type WindowValues = {
  orgId: string;
  name: string;
  address: string;
  hours: string;
  staff: { userId: string; languages: string[] }[];
};

/** 设立/修改服务窗口: the unit, address, hours and staff with the languages each serves in (至少 1 名蒙汉语兼通). */
export function WindowForm({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: WindowView | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<WindowValues>();
  const save = useSave(onClose);
  const known = (editing?.staff ?? []).map((s) => ({ value: s.userId, label: s.name }));
  return (
    <Drawer
      title={editing ? `修改服务窗口：${editing.name}` : "设立服务窗口"}
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing
            ? {
                orgId: editing.orgId,
                name: editing.name,
                address: editing.address,
                hours: editing.hours,
                staff: editing.staff.map((s) => ({ userId: s.userId, languages: s.languages })),
              }
            : { staff: [], hours: "工作日 8:30-12:00，14:30-17:30" }
        }
        onFinish={(v) =>
          save.mutate({
            method: editing ? "put" : "post",
            url: editing ? `/api/services/windows/${editing.id}` : "/api/services/windows",
            body: { ...v, staff: v.staff ?? [] },
          })
        }
      >
        <Form.Item name="name" label="窗口名称" rules={[{ required: true, message: "请填写窗口名称" }]}>
          <Input maxLength={60} placeholder="如：甘旗卡镇民族社区服务窗口" />
        </Form.Item>
        <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: "请选择所属单位" }]}>
          <OrgPicker valueName={editing?.orgName} />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[{ required: true, message: "请填写地址" }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="hours" label="办公时间" rules={[{ required: true, message: "请填写办公时间" }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.List name="staff">
          {(fields, { add, remove }) => (
            <Form.Item label="工作人员及服务语言">
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, "userId"]} rules={[{ required: true, message: "请选择工作人员" }]}>
                    <StaffPicker known={known} />
                  </Form.Item>
                  <Form.Item name={[f.name, "languages"]} rules={[{ required: true, message: "请选择服务语言" }]}>
                    <Select
                      mode="multiple"
                      style={{ minWidth: 180 }}
                      placeholder="服务语言"
                      options={LANGUAGES.map((l) => ({ value: l, label: l }))}
                    />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="移除" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ languages: ["蒙古语", "汉语"] })}>
                添加工作人员
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

/** 登记联络员: the department or community, name, post, work phone, the community they keep contact with. */
export function LiaisonForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useSave(onClose);
  return (
    <Drawer
      title="登记联络员"
      open={open}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => save.mutate({ method: "post", url: "/api/services/liaisons", body: clean(v) })}
      >
        <Form.Item name="orgId" label="所在单位" rules={[{ required: true, message: "请选择所在单位" }]}>
          <OrgPicker />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: "请填写姓名" }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="title" label="职务">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="workPhone" label="工作电话">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="community" label="联系社区（嘎查村）">
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

type MeetingValues = {
  orgId: string;
  kind: "liaison" | "forum";
  title: string;
  heldOn: Dayjs;
  attendance: number;
  issues: string;
  followUps?: string[];
};

/** 记录联系会议/座谈会: attendance, the issues raised and the follow-up items (each may later become a request). */
export function MeetingForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<MeetingValues>();
  const save = useSave(onClose);
  return (
    <Drawer
      title="记录联系会议"
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: "liaison", followUps: [] }}
        onFinish={(v) =>
          save.mutate({
            method: "post",
            url: "/api/services/meetings",
            body: {
              ...v,
              heldOn: v.heldOn.format("YYYY-MM-DD"),
              followUps: (v.followUps ?? []).map((s) => s.trim()).filter(Boolean),
            },
          })
        }
      >
        <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
          <Select options={Object.entries(MEETING_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="title" label="会议名称" rules={[{ required: true, message: "请填写会议名称" }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="orgId" label="召集单位" rules={[{ required: true, message: "请选择召集单位" }]}>
          <OrgPicker />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldOn" label="召开日期" rules={[{ required: true, message: "请选择召开日期" }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="attendance" label="参会人数" rules={[{ required: true, message: "请填写参会人数" }]}>
            <InputNumber min={1} max={10_000} />
          </Form.Item>
        </Space>
        <Form.Item name="issues" label="提出的问题" rules={[{ required: true, message: "请填写会上提出的问题" }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.List name="followUps">
          {(fields, { add, remove }) => (
            <Form.Item label="跟进事项">
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item name={f.name} rules={[{ required: true, message: "请填写跟进事项" }]}>
                    <Input maxLength={200} style={{ width: 420, maxWidth: "70vw" }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="移除" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
                添加跟进事项
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

/** 转为服务申请: a meeting's follow-up item becomes a request at a window (the person's consent is taken there). */
export function FollowUpForm({
  meeting,
  index,
  onClose,
}: {
  meeting: MeetingView | null;
  index: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const save = useSave(onClose);
  const options = useServiceOptions();
  const windows = useWindows();
  const item = meeting?.followUps[index];
  return (
    <Drawer
      title="跟进事项转为服务申请"
      open={!!meeting}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          转为服务申请
        </Button>
      }
    >
      <p>跟进事项：{item?.text}</p>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ language: "汉语", description: item?.text }}
        onFinish={(v) =>
          save.mutate({
            method: "post",
            url: `/api/services/meetings/${meeting?.id}/follow-ups`,
            body: { index, request: clean(v) },
          })
        }
      >
        <Form.Item name="windowId" label="受理窗口" rules={[{ required: true, message: "请选择受理窗口" }]}>
          <Select options={(windows.data ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>
        <Form.Item name="category" label="服务类别" rules={[{ required: true, message: "请选择服务类别" }]}>
          <Select options={(options.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
        <Form.Item name="language" label="服务语言">
          <Select options={LANGUAGES.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item name="description" label="诉求内容" rules={[{ required: true, message: "请填写诉求内容" }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="name" label="服务对象姓名" rules={[{ required: true, message: "请填写服务对象姓名" }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

type FileValues = {
  orgId: string;
  purpose: string;
  consentRecord: string;
  legalBasis?: string;
  name: string;
  phone?: string;
  memberCount: number;
  needs: { schooling?: string; skills?: string; workWanted?: string; other?: string };
};

/**
 * 建立服务档案: only with the person's recorded consent and for the services it serves; it holds what those services
 * need (schooling, skills, work wanted) and nothing else — there is no field for ethnicity.
 */
export function FileForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FileValues>();
  const save = useSave(onClose);
  return (
    <Drawer
      title="建立服务档案"
      open={open}
      onClose={onClose}
      size="large"
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          保存
        </Button>
      }
    >
      <p>服务档案须经本人同意，只记录所需服务要用到的信息；姓名、电话加密保存，列表中脱敏显示。</p>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ memberCount: 1, needs: {} }}
        onFinish={(v) =>
          save.mutate({
            method: "post",
            url: "/api/services/files",
            body: { ...clean(v), needs: clean(v.needs ?? {}) },
          })
        }
      >
        <Form.Item name="orgId" label="建档单位" rules={[{ required: true, message: "请选择建档单位" }]}>
          <OrgPicker />
        </Form.Item>
        <Form.Item name="purpose" label="服务目的" rules={[{ required: true, message: "请填写服务目的" }]}>
          <Input maxLength={200} placeholder="如：子女入学和就业推荐" />
        </Form.Item>
        <Form.Item
          name="consentRecord"
          label="本人同意记录"
          rules={[{ required: true, message: "请填写本人同意的方式和时间" }]}
        >
          <Input maxLength={200} placeholder="如：本人在窗口签署《服务档案知情同意书》" />
        </Form.Item>
        <Form.Item name="legalBasis" label="个人信息处理依据">
          <Input maxLength={200} placeholder="不填则为“本人同意”" />
        </Form.Item>
        <Form.Item name="name" label="户主姓名" rules={[{ required: true, message: "请填写户主姓名" }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={13} inputMode="tel" />
        </Form.Item>
        <Form.Item name="memberCount" label="户内人数">
          <InputNumber min={1} max={30} />
        </Form.Item>
        <Form.Item name={["needs", "schooling"]} label="子女入学需求">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name={["needs", "skills"]} label="就业技能">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name={["needs", "workWanted"]} label="求职意向">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name={["needs", "other"]} label="其他服务需求">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
