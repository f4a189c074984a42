import { deflateSync } from "node:zlib";

/**
 * The login captcha's picture and its text alternative, made here without any outside service or font: digits
 * are drawn as strokes into a grey-scale bitmap (each one turned, scaled and moved at random, over noise lines)
 * and encoded as PNG, so the answer is not in the markup. The text alternative (a sum in Chinese numerals) is
 * for users of screen readers.
 */

type Pt = [number, number];
/** Digit strokes on a 4 × 6 grid. */
const GLYPHS: Pt[][][] = [
  [
    [
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
      [0, 1],
      [1, 0],
    ],
  ],
  [
    [
      [1, 1],
      [2, 0],
      [2, 6],
    ],
    [
      [1, 6],
      [3, 6],
    ],
  ],
  [
    [
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [0, 6],
      [4, 6],
    ],
  ],
  [
    [
      [0, 0],
      [4, 0],
      [2, 2.5],
      [3, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [1, 6],
      [0, 5],
    ],
  ],
  [
    [
      [3, 6],
      [3, 0],
      [0, 4],
      [4, 4],
    ],
  ],
  [
    [
      [4, 0],
      [0, 0],
      [0, 2.5],
      [3, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [0, 6],
    ],
  ],
  [
    [
      [3, 0],
      [1, 0],
      [0, 1],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 3.5],
      [3, 2.5],
      [0, 2.5],
    ],
  ],
  [
    [
      [0, 0],
      [4, 0],
      [1.5, 6],
    ],
  ],
  [
    [
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [3, 3],
      [1, 3],
      [0, 4],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 4],
      [3, 3],
      [1, 3],
      [0, 2],
      [0, 1],
      [1, 0],
    ],
  ],
  [
    [
      [4, 3.5],
      [1, 3.5],
      [0, 2.5],
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 5],
      [3, 6],
      [1, 6],
    ],
  ],
];

export type Random = () => number;

class Bitmap {
  readonly px: Uint8Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8Array(w * h).fill(255);
  }
  dot(x: number, y: number, r: number, shade: number) {
    for (let yy = Math.floor(y - r); yy <= Math.ceil(y + r); yy++)
      for (let xx = Math.floor(x - r); xx <= Math.ceil(x + r); xx++) {
        if (xx < 0 || yy < 0 || xx >= this.w || yy >= this.h) continue;
        if ((xx - x) ** 2 + (yy - y) ** 2 <= r * r)
          this.px[yy * this.w + xx] = Math.min(this.px[yy * this.w + xx], shade);
      }
  }
  line(a: Pt, b: Pt, r: number, shade: number) {
    const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) * 2));
    for (let i = 0; i <= steps; i++)
      this.dot(a[0] + ((b[0] - a[0]) * i) / steps, a[1] + ((b[1] - a[1]) * i) / steps, r, shade);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** An 8-bit grey-scale PNG. */
function png(bmp: Bitmap) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bmp.w, 0);
  ihdr.writeUInt32BE(bmp.h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  const raw = Buffer.alloc((bmp.w + 1) * bmp.h);
  for (let y = 0; y < bmp.h; y++) {
    raw[y * (bmp.w + 1)] = 0;
    Buffer.from(bmp.px.buffer, y * bmp.w, bmp.w).copy(raw, y * (bmp.w + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const CAPTCHA_DIGITS = 5;

/** A PNG (150 × 50) showing `code`'s digits, distorted. */
export function captchaPng(code: string, random: Random): Buffer {
  const bmp = new Bitmap(150, 50);
  const between = (a: number, b: number) => a + (b - a) * random();
  for (let i = 0; i < 160; i++) bmp.dot(between(0, 150), between(0, 50), 0.6, Math.floor(between(150, 215)));
  [...code].forEach((ch, i) => {
    const glyph = GLYPHS[Number(ch)];
    const scale = between(4.6, 5.8);
    const angle = between(-0.35, 0.35);
    const [ox, oy] = [14 + i * 26 + between(-3, 3), 9 + between(-4, 4)];
    const shade = Math.floor(between(20, 90));
    const place = ([x, y]: Pt): Pt => {
      const [dx, dy] = [(x - 2) * scale, (y - 3) * scale];
      return [
        ox + 2 * scale + dx * Math.cos(angle) - dy * Math.sin(angle),
        oy + 3 * scale + dx * Math.sin(angle) + dy * Math.cos(angle),
      ];
    };
    for (const stroke of glyph)
      for (let k = 1; k < stroke.length; k++) bmp.line(place(stroke[k - 1]), place(stroke[k]), 1.4, shade);
  });
  for (let i = 0; i < 4; i++)
    bmp.line(
      [between(0, 40), between(0, 50)],
      [between(110, 150), between(0, 50)],
      between(0.5, 1),
      Math.floor(between(60, 140)),
    );
  return png(bmp);
}

const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 0–99 in Chinese numerals (十二, 二十, 三十五). */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n];
  if (n < 20) return `十${NUMERALS[n % 10]}`;
  const tens = `${NUMERALS[Math.floor(n / 10)]}十`;
  return n % 10 ? `${tens}${NUMERALS[n % 10]}` : tens;
}

/** The text alternative: a sum or difference of two numbers up to 20 in Chinese numerals, answered in digits. */
export function captchaQuestion(random: Random): { question: string; answer: string } {
  const a = 2 + Math.floor(random() * 19);
  const b = 1 + Math.floor(random() * 9);
  const plus = random() < 0.5 || b > a;
  return {
    question: `请计算：${chineseNumber(a)}${plus ? "加" : "减"}${chineseNumber(b)}等于多少？请用阿拉伯数字作答。`,
    answer: String(plus ? a + b : a - b),
  };
}

export function captchaCode(random: Random): string {
  return Array.from({ length: CAPTCHA_DIGITS }, () => Math.floor(random() * 10)).join("");
}
