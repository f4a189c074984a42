/**
 * Pictures and narration for the 教育基地 demo pages, made in code (no stock files in the repository): a PNG
 * landscape in the given colours (sky gradient, two ridges, a band for the ground) and a WAV narration placeholder
 * (a soft two-note chime with a fade), both small and valid for the material library's type check.
 */
import zlib from "node:zlib";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;

/** A 480×300 landscape: `sky` to `horizon`, ridges in `hill`, ground in `ground`; `seed` shapes the ridges. */
export function landscapePng(colors: { sky: Rgb; horizon: Rgb; hill: Rgb; ground: Rgb }, seed: number): Buffer {
  const w = 480;
  const h = 300;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  const far = (x: number) => 150 + 28 * Math.sin(x / 53 + seed) + 12 * Math.sin(x / 19 + seed * 2);
  const near = (x: number) => 200 + 22 * Math.sin(x / 71 + seed * 3) + 8 * Math.sin(x / 23 + seed);
  const farHill = mix(colors.hill, colors.horizon, 0.45);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < w; x++) {
      let c: Rgb;
      if (y > 250) c = mix(colors.ground, [40, 40, 40], (y - 250) / 200);
      else if (y > near(x)) c = colors.hill;
      else if (y > far(x)) c = farHill;
      else c = mix(colors.sky, colors.horizon, y / 200);
      const o = row + 1 + x * 3;
      raw[o] = c[0];
      raw[o + 1] = c[1];
      raw[o + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A 1024×512 equirectangular panorama (360° around, 180° up and down; seamless at the left and right edges): sky
 * from zenith to horizon, ridges all around, a paved floor, and a lit display wall at each of `walls` (yaw in
 * degrees, 0 at the left edge) — where the demo page's hotspots stand.
 */
export function equirectPng(colors: { sky: Rgb; horizon: Rgb; hill: Rgb; ground: Rgb }, walls: number[]): Buffer {
  const w = 1024;
  const h = 512;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  const tau = Math.PI * 2;
  // Whole periods around the circle, so the picture joins up at yaw 0° = 360°.
  const far = (x: number) => 226 - 14 * Math.sin((x / w) * tau * 3 + 1) - 8 * Math.sin((x / w) * tau * 7);
  const near = (x: number) => 244 - 8 * Math.sin((x / w) * tau * 5 + 2) - 4 * Math.sin((x / w) * tau * 11);
  const farHill = mix(colors.hill, colors.horizon, 0.45);
  const wallAt = (x: number) =>
    walls.some((yaw) => {
      const dx = Math.abs((((x / w) * 360 - yaw + 540) % 360) - 180);
      return dx < 9;
    });
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < w; x++) {
      let c: Rgb;
      if (wallAt(x) && y > 200 && y < 292) {
        // A display wall: a red frame around a pale panel.
        const dx = Math.min(...walls.map((yaw) => Math.abs((((x / w) * 360 - yaw + 540) % 360) - 180)));
        c = dx > 8 || y < 204 || y > 288 ? [168, 7, 26] : [250, 240, 220];
      } else if (y > 256) {
        const tile = (Math.floor(x / 32) + Math.floor(((y - 256) * 6) / Math.max(1, 512 - y))) % 2 === 0;
        c = mix(tile ? colors.ground : mix(colors.ground, [255, 255, 255], 0.15), [30, 30, 30], (y - 256) / 400);
      } else if (y > near(x)) c = colors.hill;
      else if (y > far(x)) c = farHill;
      else c = mix([40, 90, 170], mix(colors.sky, colors.horizon, 0.5), Math.min(1, y / 230));
      const o = row + 1 + x * 3;
      raw[o] = c[0];
      raw[o + 1] = c[1];
      raw[o + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A WAV (8 kHz, 8-bit mono) of `seconds`: two soft notes with a fade in and out. */
export function chimeWav(seconds: number, seed: number): Buffer {
  const rate = 8000;
  const n = Math.round(rate * seconds);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0);
  h.writeUInt32LE(36 + n, 4);
  h.write("WAVE", 8);
  h.write("fmt ", 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write("data", 36);
  h.writeUInt32LE(n, 40);
  const data = Buffer.alloc(n);
  const f1 = 392 + seed * 7;
  const f2 = 523 + seed * 5;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const env = Math.min(1, t * 4, (seconds - t) * 2);
    const v = 0.25 * env * (Math.sin(2 * Math.PI * f1 * t) + (t > seconds / 2 ? Math.sin(2 * Math.PI * f2 * t) : 0));
    data[i] = Math.max(0, Math.min(255, Math.round(128 + 127 * v)));
  }
  return Buffer.concat([h, data]);
}
