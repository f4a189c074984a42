/** The file types the evidence library accepts, recognised by their content, not by what the client claims. */
export const ALLOWED_TYPES = {
  "image/jpeg": { label: "JPEG 图片", ext: ["jpg", "jpeg"], preview: true },
  "image/png": { label: "PNG 图片", ext: ["png"], preview: true },
  "image/gif": { label: "GIF 图片", ext: ["gif"], preview: true },
  "image/webp": { label: "WebP 图片", ext: ["webp"], preview: true },
  "application/pdf": { label: "PDF 文档", ext: ["pdf"], preview: true },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    label: "Word 文档",
    ext: ["docx"],
    preview: false,
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    label: "Excel 表格",
    ext: ["xlsx"],
    preview: false,
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    label: "PowerPoint 演示文稿",
    ext: ["pptx"],
    preview: false,
  },
  "application/msword": { label: "Word 97-2003 文档", ext: ["doc"], preview: false },
  "application/vnd.ms-excel": { label: "Excel 97-2003 表格", ext: ["xls"], preview: false },
  "application/vnd.ms-powerpoint": { label: "PowerPoint 97-2003 演示文稿", ext: ["ppt"], preview: false },
  "text/plain": { label: "文本文件", ext: ["txt"], preview: false },
  "video/mp4": { label: "MP4 视频", ext: ["mp4"], preview: false },
  "audio/mpeg": { label: "MP3 音频", ext: ["mp3"], preview: false },
  "audio/wav": { label: "WAV 音频", ext: ["wav"], preview: false },
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

const startsWith = (buf: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => buf[offset + i] === b);

/**
 * The type of a file from its first bytes (and, for the Office containers that share a magic number,
 * its extension), or null when it is not an accepted type whatever its name says.
 */
export function detectType(content: Buffer, fileName: string): AllowedType | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (startsWith(content, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(content, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(content, [0x52, 0x49, 0x46, 0x46]) && startsWith(content, [0x57, 0x45, 0x42, 0x50], 8))
    return "image/webp";
  if (startsWith(content, [0x52, 0x49, 0x46, 0x46]) && startsWith(content, [0x57, 0x41, 0x56, 0x45], 8))
    return "audio/wav";
  if (startsWith(content, [0x49, 0x44, 0x33]) || (content[0] === 0xff && (content[1] & 0xe0) === 0xe0 && ext === "mp3"))
    return "audio/mpeg";
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(content, [0x00, 0x00, 0x00]) && startsWith(content, [0x66, 0x74, 0x79, 0x70], 4)) return "video/mp4";
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) {
    const text = content.subarray(0, Math.min(content.length, 64 * 1024)).toString("latin1");
    if (ext === "docx" && text.includes("word/"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ext === "xlsx" && text.includes("xl/"))
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ext === "pptx" && text.includes("ppt/"))
      return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    return null;
  }
  if (startsWith(content, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === "doc") return "application/msword";
    if (ext === "xls") return "application/vnd.ms-excel";
    if (ext === "ppt") return "application/vnd.ms-powerpoint";
    return null;
  }
  if (ext === "txt" && !content.includes(0)) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(content);
      return "text/plain";
    } catch {
      return null;
    }
  }
  return null;
}

export const ALLOWED_TYPE_LABELS = [...new Set(Object.values(ALLOWED_TYPES).flatMap((t) => t.ext))].join("、");
