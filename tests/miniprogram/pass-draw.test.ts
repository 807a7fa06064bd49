/** The pure parts of the pass page: the QR as rectangles, and what each pass says. */
import type { PassView } from '../../typings/pass';
import { layoutQr, paintQr, qrMatrix, QUIET_ZONE } from '../../miniprogram/shared/qr-draw';
import { cardOfEntry, cardOfPass, clockText, dateText, markPercent, sortCards, stateAt } from '../../miniprogram/resident/pages/pass/pass-view';
import type { WalletEntry } from '../../miniprogram/services/pass-wallet';
import { DAY_MS, GATE_MORNING, passView } from './support/pass-server';
import { FakeCanvas, readCanvas } from './support/pass-wx';

/** A stand-in of a pass text at the documented typical length: ASCII, base64url pieces, dots. */
const PASS_TEXT = `LF1.${'eyJ2IjoxLCJraWQiOiJrMSJ9'.repeat(10).slice(0, 233)}.${'A'.repeat(86)}.54711240.${'b'.repeat(86)}`;

describe('the QR matrix', () => {
  it('is a medium-ECC symbol with a quiet zone of 4 white modules', () => {
    expect(PASS_TEXT).toHaveLength(420);
    const m = qrMatrix(PASS_TEXT);
    // 420 bytes need version 16 at ECC M (14 at L, 20 at Q): 81 modules, plus the quiet zone.
    expect(m.length).toBe(81 + 2 * QUIET_ZONE);
    expect(m.every((row) => row.length === m.length)).toBe(true);
    const border = (i: number) => i < QUIET_ZONE || i >= m.length - QUIET_ZONE;
    const darkInBorder = m.flatMap((row, y) => row.map((dark, x) => dark && (border(x) || border(y)))).some(Boolean);
    expect(darkInBorder).toBe(false);
    expect(m[QUIET_ZONE][QUIET_ZONE]).toBe(true); // the finder pattern's corner
  });

  it('encodes without TextEncoder', () => {
    const saved = globalThis.TextEncoder;
    (globalThis as { TextEncoder?: unknown }).TextEncoder = undefined;
    try {
      expect(qrMatrix('LF1.abc').length).toBeGreaterThan(21);
    } finally {
      globalThis.TextEncoder = saved;
    }
  });
});

describe('laying out the QR', () => {
  const m = qrMatrix(PASS_TEXT);

  it('uses whole-pixel modules, centred', () => {
    const layout = layoutQr(m, 600);
    expect(layout.cell).toBe(6);
    expect(layout.offset).toBe(Math.floor((600 - 6 * 89) / 2));
  });

  it('covers exactly the dark modules, one rectangle per run', () => {
    const { rects, cell, offset } = layoutQr(m, 500);
    const painted = m.map((row) => row.map(() => false));
    for (const r of rects) {
      expect(r.h).toBe(cell);
      for (let x = r.x; x < r.x + r.w; x += cell) painted[(r.y - offset) / cell][(x - offset) / cell] = true;
    }
    expect(painted).toEqual(m);
    const runs = m.reduce((n, row) => n + row.filter((dark, x) => dark && !row[x - 1]).length, 0);
    expect(rects).toHaveLength(runs);
  });

  it('paints black on white that a scanner reads back', () => {
    const canvas = new FakeCanvas();
    canvas.width = canvas.height = 300;
    paintQr(canvas.getContext('2d'), layoutQr(m, 300));
    expect(canvas.fills[0]).toEqual({ style: '#ffffff', x: 0, y: 0, w: 300, h: 300 });
    expect(readCanvas(canvas)).toBe(PASS_TEXT);
  });
});

describe('what a pass says', () => {
  it('tells the time in Beijing, whatever the phone’s zone', () => {
    expect(clockText(GATE_MORNING)).toBe('07:00:10');
    expect(clockText(GATE_MORNING + 17 * 3600_000 - 11_000)).toBe('23:59:59');
    expect(dateText(GATE_MORNING)).toBe('2022年1月5日');
    expect(dateText(Date.UTC(2022, 0, 4, 15, 59, 59))).toBe('2022年1月4日');
    expect(dateText(Date.UTC(2022, 0, 4, 16, 0, 0))).toBe('2022年1月5日');
  });

  it('moves the mark with the seconds', () => {
    const start = GATE_MORNING - 10_000; // hh:mm:00
    expect(markPercent(start)).toBe(0);
    expect(markPercent(start + 59_000)).toBe(100);
    expect(markPercent(start + 30_000)).toBeGreaterThan(markPercent(start + 29_000));
  });

  it('sees an approved pass as ended or not yet begun by the phone’s clock', () => {
    const now = GATE_MORNING;
    expect(stateAt('approved', now - 1, now + 1, now)).toBe('live');
    expect(stateAt('approved', now + 1, now + 2, now)).toBe('upcoming');
    expect(stateAt('approved', now - 2, now - 1, now)).toBe('expired');
    expect(stateAt('pending', undefined, undefined, now)).toBe('pending');
    expect(stateAt('revoked', now - 1, now + 1, now)).toBe('revoked');
  });

  it('puts the pass for the gate first, then the waiting, then the ended, newer first', () => {
    const now = GATE_MORNING;
    const at = (createdAt: number, o: Partial<PassView>) => cardOfPass(passView(now, { createdAt, ...o }), now);
    const cards = [at(1, { status: 'rejected' }), at(2, { status: 'pending' }), at(3, { status: 'expired' }), at(4, {}), at(5, { status: 'pending' })];
    expect(sortCards(cards).map((c) => `${c.state}${c.since}`)).toEqual(['live4', 'pending5', 'pending2', 'rejected1', 'expired3']);
  });

  it('shows a cached pass from its credential alone', () => {
    const entry = {
      passId: 'p1',
      credential: {
        v: 1,
        kid: 'k1',
        pid: 'p1',
        cid: 'c',
        hh: '3号楼2单元502',
        nm: '王*兰',
        nbf: (GATE_MORNING - DAY_MS) / 1000,
        exp: (GATE_MORNING + DAY_MS) / 1000,
        dpk: '',
      },
    } as WalletEntry;
    expect(cardOfEntry(entry, GATE_MORNING)).toMatchObject({
      id: 'p1',
      state: 'live',
      name: '王*兰',
      relation: '',
      household: '3号楼2单元502',
      validity: '2022年1月4日 至 2022年1月6日',
      tab: '王*兰 · 有效',
    });
    expect(cardOfEntry(entry, GATE_MORNING + 2 * DAY_MS)).toMatchObject({ state: 'expired', title: '出入证已过期', applyLabel: '重新申请' });
  });
});
