/**
 * A QR on a page's `<canvas type="2d">`, painted at the screen's pixel density: the resident's
 * pass, a post's check-in code. The canvas is found through the page's selector query, and may
 * not be on screen yet.
 */
import type { Painter } from '../shared/qr-draw';
import { layoutQr, paintQr } from '../shared/qr-draw';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Painter;
}

function pixelRatio(): number {
  if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().pixelRatio || 1;
  if (typeof wx.getSystemInfoSync === 'function') return wx.getSystemInfoSync().pixelRatio || 1;
  return 1;
}

/**
 * Paints `matrix` on the canvas `selector` of `owner` once the canvas is found — unless `wanted()`
 * then says no (what the page shows moved on meanwhile). `done(drawn)` follows either way; drawn
 * is false when unwanted or not on screen (yet).
 */
export function paintQrCanvas(
  owner: WechatMiniprogram.Component.TrivialInstance,
  selector: string,
  matrix: boolean[][],
  wanted: () => boolean,
  done: (drawn: boolean) => void = () => undefined,
): void {
  wx.createSelectorQuery()
    .in(owner)
    .select(selector)
    .fields({ node: true, size: true })
    .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
      const hit = res[0];
      if (!wanted() || !hit?.node || !hit.width) {
        done(false);
        return;
      }
      const size = Math.round(hit.width * pixelRatio());
      hit.node.width = size;
      hit.node.height = size;
      paintQr(hit.node.getContext('2d'), layoutQr(matrix, size));
      done(true);
    });
}
