/**
 * Generated pictures for the demo and the tests of photo integrity: a scene of coloured shapes, different per
 * seed, so the same seed at another size or quality is a near copy of the same picture and another seed is not.
 * No real photograph is shipped with the repository.
 */
import sharp from "sharp";

/**
 * A photo-like JPEG of a generated scene (coloured shapes on a background, different per `seed`), at `width`
 * pixels wide and the given JPEG quality: the same seed at another size or quality is a near copy.
 */
export async function scenePhoto(seed: number, width = 1200, quality = 90): Promise<Buffer> {
  let s = seed;
  const r = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const colour = () => `rgb(${(r() * 255) | 0},${(r() * 255) | 0},${(r() * 255) | 0})`;
  const [w, h] = [1600, 1200];
  let shapes = `<rect width="100%" height="100%" fill="${colour()}"/>`;
  for (let i = 0; i < 25; i++)
    shapes += `<circle cx="${r() * w}" cy="${r() * h}" r="${20 + r() * 200}" fill="${colour()}" opacity="0.8"/>`;
  for (let i = 0; i < 10; i++)
    shapes += `<rect x="${r() * w}" y="${r() * h}" width="${r() * 400}" height="${r() * 300}" fill="${colour()}"/>`;
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${shapes}</svg>`);
  return sharp(svg).resize(width).jpeg({ quality }).toBuffer();
}
