/**
 * A trend line on a canvas 2D context: the values scaled to the box, a gap where a value is
 * missing (a rate with nothing to divide), the last point marked. Small on purpose: the
 * dashboard's sparklines need no chart library.
 */

/** The part of CanvasRenderingContext2D this draws with (a test passes a recorder). */
export interface SparkContext {
  clearRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  fill(): void;
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
}

export interface SparkOptions {
  color?: string;
  /** Pixels kept clear at every edge, so the line and the last dot are not cut. */
  pad?: number;
}

/** Where each value sits in a w×h box (null stays null); a flat series sits mid-height. */
export function sparkPoints(values: ReadonlyArray<number | null>, w: number, h: number, pad = 4): Array<{ x: number; y: number } | null> {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return values.map(() => null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const stepX = values.length > 1 ? (w - 2 * pad) / (values.length - 1) : 0;
  return values.map((v, i) => {
    if (v === null) return null;
    const y = max === min ? h / 2 : pad + (h - 2 * pad) * (1 - (v - min) / (max - min));
    return { x: pad + i * stepX, y };
  });
}

export function drawSparkline(ctx: SparkContext, w: number, h: number, values: ReadonlyArray<number | null>, opts: SparkOptions = {}): void {
  const color = opts.color ?? '#b42318';
  const points = sparkPoints(values, w, h, opts.pad);
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  let drawing = false;
  for (const p of points) {
    if (!p) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(p.x, p.y);
    else ctx.moveTo(p.x, p.y);
    drawing = true;
  }
  ctx.stroke();
  const last = [...points].reverse().find((p) => p);
  if (last) {
    ctx.beginPath();
    ctx.arc(last.x, last.y, 3, 0, 2 * Math.PI);
    ctx.fill();
  }
}
