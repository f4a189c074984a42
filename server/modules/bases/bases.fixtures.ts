/** Test fixtures of 教育基地: a registered base of 后旗 run by 甘旗卡镇 (the two-banner fixture), uploads. */
import { type Client, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import type { TestApp } from "../../test/harness.js";
import { PNG } from "../creation/creation.fixtures.js";

/** A tiny valid WAV file (8 kHz, 8-bit mono, `ms` of silence). */
export function wav(ms = 100, salt = ""): Buffer {
  const samples = Math.round((8000 * ms) / 1000);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0);
  h.writeUInt32LE(36 + samples, 4);
  h.write("WAVE", 8);
  h.write("fmt ", 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(8000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write("data", 36);
  h.writeUInt32LE(samples, 40);
  return Buffer.concat([h, Buffer.alloc(samples, 128), Buffer.from(salt)]);
}

/** Uploads a file to the caller's material library; returns its id. */
export async function upload(c: Client, title: string, kind: "png" | "wav"): Promise<string> {
  const boundary = "----shiliu-bases";
  const content = kind === "png" ? Buffer.concat([PNG, Buffer.from(title)]) : wav(100, title);
  const name = kind === "png" ? "photo.png" : "narration.wav";
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const m = await c.json("/api/materials", {
    method: "POST",
    payload,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  return m.id;
}

/** The two banners and a base of 后旗 (named 2024-01-10, term to 2027-01-09) run by 甘旗卡镇, registered by 后旗's department. */
export async function baseFixture(h: TestApp) {
  const banners = await twoBanners(h);
  const fx = {
    ...banners,
    houqiAdmin: await login(h, "houqi_admin", USER_PASSWORD),
    zhongqiAdmin: await login(h, "zhongqi_admin", USER_PASSWORD),
    houqiUnitUser: await login(h, "houqi_unit", USER_PASSWORD),
  };
  const base = await fx.houqiAdmin.json("/api/bases", {
    method: "POST",
    body: {
      name: "科左后旗民族团结进步教育馆",
      kind: "unity_progress",
      level: "county",
      operatingOrgId: fx.houqiTown.id,
      regionCode: "150522",
      address: "甘旗卡镇振兴路 1 号",
      lat: 42.95,
      lng: 122.35,
      namedOn: "2024-01-10",
      openingHours: "9:00-17:00",
      closedDays: "每周一闭馆",
      contactPhone: "04758888888",
    },
  });
  return { ...fx, base };
}

export function sessionBody(date: string, capacity: number, maxPerGroup: number, opensAt: string, closesAt: string) {
  return { date, startTime: "09:30", endTime: "11:00", capacity, maxPerGroup, opensAt, closesAt };
}
