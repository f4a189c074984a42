import { expect } from "vitest";
import type { Client } from "../../test/fixtures.js";
import { multipartFile } from "../../test/hostile-files.js";

export { scenePhoto } from "./demo-photos.js";

/**
 * A tiny JPEG with an EXIF DateTimeOriginal ("2026:09:10 09:30:00") and a comment making its content (and so its
 * hash) distinct per `salt`: enough for the library (type by content) and the capture-time check.
 */
export function jpegWithExif(dateTime: string, salt: string): Buffer {
  const tiff = Buffer.alloc(64);
  tiff.write("II", 0, "latin1");
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, the Exif IFD pointer
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8769, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // Exif IFD: DateTimeOriginal, ASCII, 20 bytes at 44
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x9003, 28);
  tiff.writeUInt16LE(2, 30);
  tiff.writeUInt32LE(20, 32);
  tiff.writeUInt32LE(44, 36);
  tiff.writeUInt32LE(0, 40);
  tiff.write(`${dateTime}\0`, 44, "latin1");
  const exif = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(exif.length + 2), exif]);
  const note = Buffer.from(salt, "utf8");
  const com = Buffer.concat([Buffer.from([0xff, 0xfe]), u16(note.length + 2), note]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, com, Buffer.from([0xff, 0xd9])]);
}

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** Uploads a photo to the caller's material library; returns the material id. */
export async function uploadPhoto(c: Client, title: string, content: Buffer): Promise<string> {
  const res = await c.req("/api/materials", { method: "POST", ...multipartFile(content, `${title}.jpg`, { title }) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}
