/**
 * The printable paper pass (离线出入证) card: the ID tail as typed, and the card's layout at A6
 * proportions (105 × 148 mm) — the QR large in the middle, the masked name, household, validity
 * and what to do when it is lost. Pure: the page paints what this lays out.
 */
import type { PaperCredential, PassView } from '../../../../typings/pass';
import { ID_TAIL } from '../../../shared/pass/codec';
import { layoutQr, qrMatrix } from '../../../shared/qr-draw';
import type { Rect } from '../../../shared/qr-draw';
import { shanghaiDate } from '../../../shared/time';

/** A6 portrait: height over width. */
export const A6_RATIO = 148 / 105;

/** The last 4 characters of an ID card as typed: spaces dropped, x as X; '' when not 4 valid ones. */
export function normalizeIdTail(raw: string): string {
  const tail = raw.replace(/\s/g, '').toUpperCase();
  return ID_TAIL.test(tail) ? tail : '';
}

export function idTailError(raw: string): string {
  if (!raw.trim()) return '请填写身份证号码的最后 4 位';
  return normalizeIdTail(raw) ? '' : '应为 4 位：数字，最后一位可以是 X';
}

export interface CardText {
  text: string;
  x: number;
  y: number;
  /** px */
  size: number;
  bold?: boolean;
  color?: string;
}

export interface CardLayout {
  width: number;
  height: number;
  /** The QR's dark modules, already placed on the card. */
  rects: Rect[];
  /** The QR's white square (quiet zone included). */
  qr: { x: number; y: number; size: number };
  texts: CardText[];
}

/** The card for a paper code, `width` px wide; texts centred on x. */
export function layoutCard(code: string, cred: PaperCredential, pass: Pick<PassView, 'compoundName'>, width: number): CardLayout {
  const height = Math.round(width * A6_RATIO);
  const u = width / 100;
  const qrSize = Math.round(width * 0.72);
  const qrX = Math.round((width - qrSize) / 2);
  const qrY = Math.round(24 * u);
  const layout = layoutQr(qrMatrix(code), qrSize);
  const rects = layout.rects.map((r) => ({ x: r.x + qrX, y: r.y + qrY, w: r.w, h: r.h }));
  const c = width / 2;
  const below = qrY + qrSize;
  const texts: CardText[] = [
    { text: '离线出入证', x: c, y: 9 * u, size: 8 * u, bold: true },
    { text: pass.compoundName, x: c, y: 17 * u, size: 5 * u },
    { text: cred.nm, x: c, y: below + 9 * u, size: 8 * u, bold: true },
    { text: cred.hh, x: c, y: below + 17 * u, size: 5 * u },
    { text: `有效期 ${shanghaiDate(cred.nbf * 1000)} 至 ${shanghaiDate(cred.exp * 1000)}`, x: c, y: below + 25 * u, size: 4.2 * u },
    { text: `第 ${cred.ps} 张 · 进出请出示本卡和身份证`, x: c, y: below + 31 * u, size: 4.2 * u },
    { text: '遗失请立即告诉小区书记：挂失或补办后此卡作废', x: c, y: below + 39 * u, size: 3.8 * u, color: '#b00020' },
  ];
  return { width, height, rects, qr: { x: qrX, y: qrY, size: qrSize }, texts };
}

/** What a canvas 2d context offers that the card needs. */
export interface CardPainter {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
}

export function paintCard(ctx: CardPainter, card: CardLayout): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, card.width, card.height);
  ctx.fillStyle = '#000000';
  for (const r of card.rects) ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const t of card.texts) {
    ctx.font = `${t.bold ? 'bold ' : ''}${Math.round(t.size)}px sans-serif`;
    ctx.fillStyle = t.color ?? '#000000';
    ctx.fillText(t.text, t.x, t.y);
  }
}
