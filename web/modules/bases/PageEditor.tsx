import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Form, Input, InputNumber, List, Row, Select, Space, Tag, Typography } from "antd";
import { lazy, Suspense, useEffect } from "react";
import type { BaseView, PageContent, PageVersionView } from "../../../contracts/bases";
import { api } from "../../app/api";
import { FormErrorAlert, useServerForm } from "../../app/components/FormDrawer";
import { PrintButton } from "../../app/components/PrintLayout";
import { MaterialPicker } from "../materials/MaterialPicker";
import { materialPreviewUrl } from "../materials/materialFormat";
import { refreshBase, usePages } from "./basesApi";
import { PAGE_STATUS_LABELS, STATUS_COLORS } from "./labels";
import { basesZh as z } from "./zh-CN";

const PanoramaViewer = lazy(() => import("../../shared/panorama/PanoramaViewer"));

/** The panorama of the draft as the public will see it; a hotspot shows its exhibit in the preview. */
function PanoramaPreview({ imageId, hotspots }: { imageId: string; hotspots: Values["hotspots"] }) {
  const spots = (hotspots ?? [])
    .filter((h) => h?.title)
    .map((h, i) => ({ id: `h${i + 1}`, title: h.title, yaw: h.yaw ?? 0, pitch: h.pitch ?? 0, exhibitId: h.exhibitId }));
  const flat = (
    <div>
      <Typography.Text type="secondary">{z.page.panoramaFlat}</Typography.Text>
      <img src={materialPreviewUrl(imageId)} alt="" style={{ width: "100%" }} />
    </div>
  );
  return (
    <Suspense fallback={flat}>
      <PanoramaViewer
        src={materialPreviewUrl(imageId)}
        hotspots={spots}
        height={260}
        labels={{
          region: z.page.panoramaView,
          hint: z.page.panoramaHint,
          zoomIn: z.page.zoomIn,
          zoomOut: z.page.zoomOut,
          reset: z.page.resetView,
        }}
        onOpen={(h) => {
          const exhibitId = spots.find((s) => s.id === h.id)?.exhibitId;
          const el = exhibitId && document.getElementById(`preview-exhibit-${exhibitId}`);
          if (!el) return;
          el.scrollIntoView({ behavior: "smooth", block: "center" });
          el.animate([{ background: "#fff1b8" }, { background: "transparent" }], { duration: 1600 });
        }}
        fallback={flat}
      />
    </Suspense>
  );
}

/** What the upload of a gallery, exhibit or panorama picture offers (the audio narration takes .mp3 or .wav). */
const IMAGES = ".jpg,.jpeg,.png,.webp";

type ExhibitForm = { id: string; title: string; text: string; imageIds: string[]; audio: string[]; videoUrl?: string };
type Values = {
  intro: string;
  nameMn: string;
  introMn: string;
  galleryIds: string[];
  exhibits: ExhibitForm[];
  panorama: string[];
  hotspots: { title: string; yaw: number; pitch: number; exhibitId?: string }[];
};

function toForm(c: PageContent | undefined): Values {
  return {
    intro: c?.intro ?? "",
    nameMn: c?.nameMn ?? "",
    introMn: c?.introMn ?? "",
    galleryIds: c?.galleryIds ?? [],
    exhibits: (c?.exhibits ?? []).map((e) => ({
      ...e,
      audio: e.audioId ? [e.audioId] : [],
      videoUrl: e.videoUrl ?? undefined,
    })),
    panorama: c?.panorama ? [c.panorama.imageId] : [],
    hotspots:
      c?.panorama?.hotspots.map((h) => ({
        title: h.title,
        yaw: h.yaw,
        pitch: h.pitch,
        exhibitId: h.exhibitId ?? undefined,
      })) ?? [],
  };
}

function toContent(v: Values): PageContent {
  return {
    intro: v.intro ?? "",
    nameMn: (v.nameMn ?? "").trim(),
    introMn: v.introMn ?? "",
    galleryIds: v.galleryIds ?? [],
    exhibits: (v.exhibits ?? []).map((e, i) => ({
      id: e.id || `e${i + 1}`,
      title: e.title,
      text: e.text ?? "",
      imageIds: e.imageIds ?? [],
      audioId: e.audio?.[0] ?? null,
      videoUrl: e.videoUrl || null,
    })),
    panorama: v.panorama?.[0]
      ? {
          imageId: v.panorama[0],
          hotspots: (v.hotspots ?? []).map((h, i) => ({
            id: `h${i + 1}`,
            title: h.title,
            yaw: h.yaw,
            pitch: h.pitch,
            exhibitId: h.exhibitId || null,
          })),
        }
      : null,
  };
}

/** The 数字展馆 editor: the staff edit and submit a draft; the supervising department publishes or returns it. */
export function PageEditor({ base }: { base: BaseView }) {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const { data: versions = [] } = usePages(base.id);
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useServerForm(form);
  // The open version: a draft, a returned one, or the one under review (what the department reviews; saving it
  // again takes it back to a draft).
  const editable = versions.find((v) => v.status === "draft" || v.status === "returned" || v.status === "submitted");
  const current = editable ?? versions.find((v) => v.status === "published");
  const staff = base.access === "operate" || (base.access === "supervise" && base.operatingOrgId === undefined);
  useEffect(() => form.setFieldsValue(toForm(current?.content)), [current, form]);
  const preview = Form.useWatch([], form);
  const act = (v: PageVersionView, action: string, body?: unknown) =>
    run(async () => {
      await api.post(`/api/bases/${base.id}/pages/${v.id}/${action}`, body);
      await refreshBase(qc, base.id);
      message.success(z.saved);
    });
  const save = (v: Values) =>
    run(async () => {
      await api.put(`/api/bases/${base.id}/pages/draft`, toContent(v));
      await refreshBase(qc, base.id);
      message.success(z.saved);
    });
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <FormErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={save} disabled={base.access === "supervise" && !staff}>
          <Form.Item name="intro" label={z.page.intro}>
            <Input.TextArea rows={5} maxLength={10000} />
          </Form.Item>
          <Form.Item name="nameMn" label={z.page.nameMn} extra={z.page.mnHint}>
            <Input maxLength={200} lang="mn-Mong" />
          </Form.Item>
          <Form.Item name="introMn" label={z.page.introMn}>
            <Input.TextArea rows={4} maxLength={10000} lang="mn-Mong" />
          </Form.Item>
          <Form.Item name="galleryIds" label={z.page.gallery}>
            <MaterialPicker maxCount={60} accept={IMAGES} data-testid="gallery-picker" />
          </Form.Item>
          <Typography.Title level={5}>{z.page.exhibits}</Typography.Title>
          <Form.List name="exhibits">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    extra={<Button onClick={() => remove(field.name)}>删除</Button>}
                  >
                    <Form.Item name={[field.name, "id"]} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, "title"]} label={z.page.exhibitTitle} rules={[{ required: true }]}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, "text"]} label={z.page.exhibitText}>
                      <Input.TextArea rows={3} />
                    </Form.Item>
                    <Form.Item name={[field.name, "imageIds"]} label={z.page.images}>
                      <MaterialPicker maxCount={20} accept={IMAGES} />
                    </Form.Item>
                    <Form.Item name={[field.name, "audio"]} label={z.page.audio}>
                      <MaterialPicker maxCount={1} accept=".mp3,.wav" data-testid="audio-picker" />
                    </Form.Item>
                    <Form.Item name={[field.name, "videoUrl"]} label={z.page.videoUrl}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  onClick={() =>
                    // A new exhibit's id is made here, so a hotspot can lead to it before the draft is saved.
                    add({ id: `e${Date.now().toString(36)}`, title: "", text: "", imageIds: [], audio: [] })
                  }
                >
                  {z.page.addExhibit}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="panorama" label={z.page.panorama} style={{ marginTop: 16 }}>
            <MaterialPicker maxCount={1} accept={IMAGES} data-testid="panorama-picker" />
          </Form.Item>
          <Typography.Text strong style={{ display: "block", marginBottom: 8 }}>
            {z.page.hotspots}
          </Typography.Text>
          <Form.List name="hotspots">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, "title"]} rules={[{ required: true }]}>
                      <Input placeholder={z.page.hotspotTitle} />
                    </Form.Item>
                    <Form.Item name={[field.name, "yaw"]} initialValue={0}>
                      <InputNumber
                        min={-180}
                        max={360}
                        prefix={z.page.yaw}
                        aria-label={z.page.yaw}
                        style={{ width: 130 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, "pitch"]} initialValue={0}>
                      <InputNumber
                        min={-90}
                        max={90}
                        prefix={z.page.pitch}
                        aria-label={z.page.pitch}
                        style={{ width: 130 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, "exhibitId"]}>
                      <Select
                        allowClear
                        style={{ minWidth: 160 }}
                        placeholder={z.page.hotspotExhibit}
                        aria-label={z.page.hotspotExhibit}
                        options={(preview?.exhibits ?? [])
                          .filter((e) => e?.id && e.title)
                          .map((e) => ({ value: e.id, label: e.title }))}
                      />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ title: "", yaw: 0, pitch: 0 })}>{z.page.addHotspot}</Button>
              </>
            )}
          </Form.List>
          {base.access === "operate" && (
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={saving}>
                {z.page.save}
              </Button>
              {editable?.status === "draft" && <Button onClick={() => act(editable, "submit")}>{z.page.submit}</Button>}
            </Space>
          )}
        </Form>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={z.page.preview} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{preview?.intro}</Typography.Paragraph>
          {(preview?.galleryIds?.length ?? 0) > 0 && (
            <Space wrap size={4} style={{ marginBottom: 12 }} data-testid="page-preview-gallery">
              {(preview?.galleryIds ?? []).map((mid) => (
                <img
                  key={mid}
                  src={materialPreviewUrl(mid)}
                  alt=""
                  style={{ width: 96, height: 64, objectFit: "cover" }}
                />
              ))}
            </Space>
          )}
          {preview?.panorama?.[0] && (
            <div style={{ marginBottom: 12 }} data-testid="page-preview-panorama">
              <PanoramaPreview imageId={preview.panorama[0]} hotspots={preview.hotspots} />
            </div>
          )}
          {(preview?.exhibits ?? []).map((e, i) => (
            <Typography.Paragraph key={e?.id ?? i} id={e?.id ? `preview-exhibit-${e.id}` : undefined}>
              <b>{e?.title}</b> {e?.audio?.length ? <Tag color="blue">{z.page.audio}</Tag> : null}
              <br />
              {e?.text}
            </Typography.Paragraph>
          ))}
        </Card>
        <Card
          size="small"
          title={z.page.versions}
          extra={
            versions.some((v) => v.status === "published") && (
              <PrintButton to={`/bases/${base.id}/exhibit-qr`} label={z.qr.print} testId="print-exhibit-qr" />
            )
          }
        >
          <List
            dataSource={versions}
            renderItem={(v) => (
              <List.Item
                actions={
                  base.access === "supervise" && v.status === "submitted"
                    ? [
                        <Button key="p" type="link" onClick={() => act(v, "publish")}>
                          {z.page.publish}
                        </Button>,
                        <Button
                          key="r"
                          type="link"
                          danger
                          onClick={() => {
                            let reason = "";
                            modal.confirm({
                              title: z.page.return,
                              content: (
                                <Input.TextArea
                                  rows={3}
                                  placeholder={z.page.returnReason}
                                  onChange={(e) => (reason = e.target.value)}
                                />
                              ),
                              onOk: () => act(v, "return", { reason }),
                            });
                          }}
                        >
                          {z.page.return}
                        </Button>,
                      ]
                    : []
                }
              >
                {z.page.version.replace("{v}", String(v.version))}{" "}
                <Tag color={STATUS_COLORS[v.status]}>{PAGE_STATUS_LABELS[v.status]}</Tag>
                {v.returnReason && <Typography.Text type="danger">{v.returnReason}</Typography.Text>}
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
