import { encodePng, type RgbaImage } from './png-encoder';

/** The two icons a Teams app package carries, as PNG files. */
export interface AppIcons {
  /** 192x192, full colour: the glyph in white on the accent colour. */
  color: Buffer;
  /** 32x32, white glyph on a transparent background (Teams tints it). */
  outline: Buffer;
}

/** The accent colour of the app, also the colour icon's background. */
export const accentColor = '#1F5F8B';

type Point = [number, number];

/** The glyph, in unit coordinates: a gauge ring crossed by a pulse line. */
const ring = { centre: [0.5, 0.5] as Point, radius: 0.4 };
const pulse: Point[] = [
  [0.04, 0.55],
  [0.33, 0.55],
  [0.42, 0.3],
  [0.55, 0.76],
  [0.63, 0.55],
  [0.96, 0.55],
];

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function insideGlyph(p: Point, halfStroke: number): boolean {
  const fromCentre = Math.hypot(p[0] - ring.centre[0], p[1] - ring.centre[1]);
  if (Math.abs(fromCentre - ring.radius) <= halfStroke) return true;
  for (let i = 1; i < pulse.length; i++) {
    if (distanceToSegment(p, pulse[i - 1], pulse[i]) <= halfStroke) return true;
  }
  return false;
}

/** Share of a pixel covered by the glyph, from 4x4 samples. */
function coverage(x: number, y: number, size: number, margin: number, halfStroke: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = ((x + (sx + 0.5) / 4) / size - margin) / (1 - 2 * margin);
      const v = ((y + (sy + 0.5) / 4) / size - margin) / (1 - 2 * margin);
      if (insideGlyph([u, v], halfStroke)) hits++;
    }
  }
  return hits / 16;
}

function draw(
  size: number,
  margin: number,
  halfStroke: number,
  background?: [number, number, number],
): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, margin, halfStroke);
      const i = (y * size + x) * 4;
      if (background) {
        for (let k = 0; k < 3; k++) pixels[i + k] = Math.round(background[k] + (255 - background[k]) * c);
        pixels[i + 3] = 255;
      } else {
        pixels.set([255, 255, 255, Math.round(255 * c)], i);
      }
    }
  }
  return { width: size, height: size, pixels };
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Draws both icons; the same input always gives the same bytes. */
export function drawAppIcons(): AppIcons {
  return {
    color: encodePng(draw(192, 0.22, 0.045, rgb(accentColor))),
    outline: encodePng(draw(32, 0.06, 0.06)),
  };
}
