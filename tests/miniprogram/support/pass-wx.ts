/**
 * What the pass page needs of `wx` beyond the fake in fake-wx.ts: random bytes, a 2d canvas
 * found by `createSelectorQuery().in(page).select('#qr').fields({ node, size })`, the screen
 * guards, removeStorageSync and redirectTo. The canvas records what is painted; `readCanvas`
 * rasterises it and decodes the QR with jsQR, so a test reads the code the page really drew.
 */
import { randomBytes } from 'crypto';
import jsQR from 'jsqr';
import type { FakeWx } from './fake-wx';

interface Fill {
  style: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A 2d canvas that remembers its fills; setting its width clears it, as on the phone. */
export class FakeCanvas {
  fills: Fill[] = [];
  /** Text drawn (a card's lines), in order, with the font it was drawn in. */
  texts: Array<{ text: string; x: number; y: number; font: string }> = [];
  /** How many times it was cleared by a resize (each draw of the page does one). */
  resets = 0;
  private side = { width: 300, height: 150 };
  private readonly ctx = {
    fillStyle: '#000000' as unknown,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    fillRect: (x: number, y: number, w: number, h: number) => this.fills.push({ style: String(this.ctx.fillStyle), x, y, w, h }),
    fillText: (text: string, x: number, y: number) => this.texts.push({ text, x, y, font: this.ctx.font }),
  };

  get width(): number {
    return this.side.width;
  }

  set width(value: number) {
    this.side.width = value;
    this.fills = [];
    this.texts = [];
    this.resets++;
  }

  get height(): number {
    return this.side.height;
  }

  set height(value: number) {
    this.side.height = value;
  }

  getContext(kind: string) {
    if (kind !== '2d') throw new Error(`unexpected context ${kind}`);
    return this.ctx;
  }
}

const WHITE = new Set(['#fff', '#ffffff', 'white']);

/** The canvas as pixels (RGBA), painted in order; unpainted pixels are transparent black. */
export function pixelsOf(canvas: FakeCanvas): Uint8ClampedArray {
  const { width, height } = canvas;
  const data = new Uint8ClampedArray(width * height * 4);
  for (const f of canvas.fills) {
    const v = WHITE.has(f.style.toLowerCase()) ? 255 : 0;
    for (let y = Math.max(0, f.y); y < Math.min(height, f.y + f.h); y++) {
      for (let x = Math.max(0, f.x); x < Math.min(width, f.x + f.w); x++) {
        const i = (y * width + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = v;
        data[i + 3] = 255;
      }
    }
  }
  return data;
}

/** The text of the QR painted on the canvas, or null when there is none a scanner could read. */
export function readCanvas(canvas: FakeCanvas): string | null {
  if (!canvas.fills.length) return null;
  return jsQR(pixelsOf(canvas), canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

export interface PassWxOptions {
  /** Leave wx.getRandomValues out (base library < 2.15). */
  noRandom?: boolean;
  /** Leave wx.setVisualEffectOnCapture out (older clients, or iOS builds without it). */
  noCaptureGuard?: boolean;
  /** The canvas' CSS width in px, as the selector query reports it. */
  cssWidth?: number;
  pixelRatio?: number;
  /** The canvas the selector query finds (default the pass page's '#qr'). */
  canvasSelector?: string;
}

export interface PassWx {
  canvas: FakeCanvas;
  getRandomValues: jest.Mock;
  setVisualEffectOnCapture: jest.Mock;
  setKeepScreenOn: jest.Mock;
  createSelectorQuery: jest.Mock;
  removeStorageSync: jest.Mock;
  redirectTo: jest.Mock;
  /** The visualEffect last asked for ('' if never). */
  captureEffect(): string;
}

interface Component {
  createSelectorQuery(): { select(s: string): { fields(f: object): { exec(cb: (res: unknown[]) => void): void } } };
}

/** Adds the pass page's wx APIs to an installed fake. */
export function addPassWx(fake: FakeWx, options: PassWxOptions = {}): PassWx {
  const canvas = new FakeCanvas();
  const cssWidth = options.cssWidth ?? 300;

  /** Answers for '#qr' only when the page has rendered it (asked through j-component's own query). */
  const createSelectorQuery = jest.fn(() => {
    let scope: Component | null = null;
    let selector = '';
    const query = {
      in(component: Component) {
        scope = component;
        return query;
      },
      select(s: string) {
        selector = s;
        return { fields: () => query };
      },
      exec(cb: (res: unknown[]) => void) {
        if (!scope) {
          void Promise.resolve().then(() => cb([null]));
          return;
        }
        scope
          .createSelectorQuery()
          .select(selector)
          .fields({ id: true })
          .exec(([hit]) => cb([hit && selector === (options.canvasSelector ?? '#qr') ? { node: canvas, width: cssWidth, height: cssWidth } : null]));
      },
    };
    return query;
  });

  let effect = '';
  const api: PassWx = {
    canvas,
    getRandomValues: jest.fn(({ length, success }: { length: number; success?: (r: { randomValues: ArrayBuffer }) => void }) => {
      const bytes = Uint8Array.from(randomBytes(length));
      void Promise.resolve().then(() => success?.({ randomValues: bytes.buffer }));
    }),
    setVisualEffectOnCapture: jest.fn(({ visualEffect }: { visualEffect: string }) => {
      effect = visualEffect;
    }),
    setKeepScreenOn: jest.fn(),
    createSelectorQuery,
    removeStorageSync: jest.fn((key: string) => fake.storage.delete(key)),
    redirectTo: jest.fn(),
    captureEffect: () => effect,
  };

  const wx = fake.wx as unknown as Record<string, unknown>;
  Object.assign(wx, {
    createSelectorQuery: api.createSelectorQuery,
    setKeepScreenOn: api.setKeepScreenOn,
    removeStorageSync: api.removeStorageSync,
    redirectTo: api.redirectTo,
    getWindowInfo: () => ({ pixelRatio: options.pixelRatio ?? 2 }),
  });
  if (!options.noRandom) wx.getRandomValues = api.getRandomValues;
  if (!options.noCaptureGuard) wx.setVisualEffectOnCapture = api.setVisualEffectOnCapture;
  return api;
}
