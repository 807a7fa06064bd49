/**
 * The pass QR as something to paint: text → module matrix → black rectangles on white.
 * Pure (no wx, no canvas): the page hands the rectangles to a 2d canvas context.
 */
import { asciiBytes } from './pass/bytes';
import { encodeQR } from '../vendor/qr';

/** White modules around the symbol; scanners need at least 4. */
export const QUIET_ZONE = 4;

/** The matrix of the QR for the pass text (ASCII), quiet zone included: true = dark module. */
export function qrMatrix(text: string): boolean[][] {
  // The mini program may lack TextEncoder; the pass text is ASCII by construction.
  return encodeQR(text, 'raw', { ecc: 'medium', encoding: 'byte', border: QUIET_ZONE, textEncoder: asciiBytes });
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface QrLayout {
  /** The square's side in device pixels. */
  size: number;
  /** One module's side in whole device pixels (crisp edges). */
  cell: number;
  /** Left and top margin that centres the symbol. */
  offset: number;
  /** The dark modules, each row's runs merged into one rectangle. */
  rects: Rect[];
}

export function layoutQr(matrix: boolean[][], size: number): QrLayout {
  const n = matrix.length;
  const cell = Math.max(1, Math.floor(size / n));
  const offset = Math.max(0, Math.floor((size - cell * n) / 2));
  const rects: Rect[] = [];
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (x + 1 < row.length && row[x + 1]) x++;
      rects.push({ x: offset + start * cell, y: offset + y * cell, w: (x - start + 1) * cell, h: cell });
    }
  });
  return { size, cell, offset, rects };
}

/** The part of a canvas 2d context the painter uses. */
export interface Painter {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** Black on white, over the whole square. */
export function paintQr(ctx: Painter, layout: QrLayout): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.size, layout.size);
  ctx.fillStyle = '#000000';
  for (const r of layout.rects) ctx.fillRect(r.x, r.y, r.w, r.h);
}
