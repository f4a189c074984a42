import { asLineText } from "../../../contracts/common";
import type { Material } from "../../../contracts/materials";
import { t } from "../../app/i18n";

/** What another record holds of a material it references (the `materialRef` shape of contracts/creation.ts). */
export type MaterialRef = Pick<Material, "id" | "title" | "fileName" | "mimeType" | "size">;

/** The extensions the server accepts (it checks the content too; this only narrows the file dialog). */
export const MATERIAL_ACCEPT = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.mp4";

export const materialPreviewUrl = (id: string) => `/api/materials/${id}/preview`;
export const materialDownloadUrl = (id: string) => `/api/materials/${id}/download`;

/** Images and PDFs open in the browser; everything else is downloaded. */
export function isPreviewable(m: Pick<Material, "mimeType">): boolean {
  return m.mimeType.startsWith("image/") || m.mimeType === "application/pdf";
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A title the server accepts, from a file name: without the extension and the characters titles may not hold (controls, bidirectional and zero-width). */
export function titleFromFileName(name: string): string {
  const stem = name.replace(/\.[^.]{1,8}$/, "");
  const clean = asLineText(stem).slice(0, 100).trim();
  return clean || t("materials.picker.untitled");
}

/** Tags as the server reads them: separated by commas (, ，) or 、. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
