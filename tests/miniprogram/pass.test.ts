/**
 * The resident's pass page, against a fake server that signs real Ed25519 credentials: the code
 * the page paints is read back off the canvas (jsQR) and checked with the volunteer's verifier.
 */
import { NO_RANDOM_MESSAGE } from '../../miniprogram/services/pass-wallet';
import type { WalletEntry } from '../../miniprogram/services/pass-wallet';
import { parseQr, slotOf } from '../../miniprogram/shared/pass/codec';
import { clockText } from '../../miniprogram/resident/pages/pass/pass-view';
import { failure } from './support/fake-wx';
import { find, isShown, settle, tap, textOf, textsOf } from './support/mp';
import { COMPOUND_ID, GATE_MORNING, OTHER_COMPOUND_ID, passView } from './support/pass-server';
import { readCanvas } from './support/pass-wx';
import { atTheGate, leave, open, shownCode, stored, verify, world } from './support/pass-page';

atTheGate();

describe('a live pass', () => {
  it('is a QR the gate verifies offline: the server’s credential, this compound, now, signed by this phone', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    const page = await open();

    const text = shownCode(w);
    expect(text.startsWith('LF1.')).toBe(true);
    expect(parseQr(text)?.slot).toBe(slotOf(Date.now()));
    const result = verify(w, text);
    expect(result).toEqual({ ok: true, cred: expect.objectContaining({ pid: pass.id, cid: COMPOUND_ID, nm: '王*兰', hh: '3号楼2单元502' }) });
    expect(verify(w, text, OTHER_COMPOUND_ID)).toMatchObject({ ok: false, reason: 'OTHER_COMPOUND' });

    expect(textOf(page, '#pass-name')).toBe('王*兰（本人）');
    expect(textOf(page, '#pass-household')).toBe('幸福小区 3号楼2单元502');
    expect(textOf(page, '#pass-validity')).toBe('有效期 2022年1月4日 至 2022年2月4日');
    expect(textOf(page, '#clock')).toBe('07:00:10');
    expect(isShown(page, '#notice')).toBe(false);
  });

  it('is drawn at least 250 px wide, black on white, with a quiet zone of 4 modules', async () => {
    const w = world([passView(GATE_MORNING)]);
    await open();

    const { canvas } = w.wx;
    expect(canvas.width).toBe(600); // 300 CSS px at pixel ratio 2
    expect(canvas.height).toBe(600);
    const [background, ...modules] = canvas.fills;
    expect(background).toEqual({ style: '#ffffff', x: 0, y: 0, w: 600, h: 600 });
    expect(new Set(modules.map((m) => m.style))).toEqual(new Set(['#000000']));
    const cell = modules[0].h;
    const edge = Math.min(...modules.map((m) => Math.min(m.x, m.y)));
    const far = Math.max(...modules.map((m) => Math.max(m.x + m.w, m.y + m.h)));
    expect(edge).toBeGreaterThanOrEqual(4 * cell);
    expect(600 - far).toBeGreaterThanOrEqual(4 * cell);
  });

  it('keeps the device key on the phone: only its public key goes to the server', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    await open();

    const entry = stored(w, pass.id) as WalletEntry;
    const [req] = w.fake.callsOf('pass.credential');
    expect(req).toEqual({ passId: pass.id, devicePublicKey: entry.credential.dpk });
    expect(w.wx.getRandomValues).toHaveBeenCalledWith(expect.objectContaining({ length: 32 }));
    expect(JSON.stringify(w.fake.calls)).not.toContain(entry.seed);
    expect(parseQr(shownCode(w))?.cred.dpk).toBe(entry.credential.dpk);
  });

  it('changes at the next 30-second slot, and a code from a minute ago is refused as stale', async () => {
    const w = world([passView(GATE_MORNING)]);
    await open();
    const first = shownCode(w);

    await jest.advanceTimersByTimeAsync(30_000);
    const second = shownCode(w);
    expect(second).not.toBe(first);
    expect(parseQr(second)?.slot).toBe(slotOf(Date.now()));
    expect(verify(w, second).ok).toBe(true);

    await jest.advanceTimersByTimeAsync(60_000);
    expect(verify(w, first)).toMatchObject({ ok: false, reason: 'STALE_CODE' });
    expect(verify(w, shownCode(w)).ok).toBe(true);
  });

  it('redraws once per slot, right at the slot boundary', async () => {
    const w = world([passView(GATE_MORNING)]);
    await open();
    expect(w.wx.canvas.resets).toBe(1);

    await jest.advanceTimersByTimeAsync(19_000); // 07:00:29
    expect(w.wx.canvas.resets).toBe(1);
    await jest.advanceTimersByTimeAsync(1_000); // 07:00:30, a new slot
    expect(w.wx.canvas.resets).toBe(2);
    await jest.advanceTimersByTimeAsync(29_000);
    expect(w.wx.canvas.resets).toBe(2);
  });

  it('has a clock ticking every second and a mark that moves with it', async () => {
    const w = world([passView(GATE_MORNING)]);
    const page = await open();
    const markStyle = () => find(page, '#mark').dom?.getAttribute('style') ?? '';

    expect(textOf(page, '#clock')).toBe(clockText(Date.now()));
    const before = markStyle();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(textOf(page, '#clock')).toBe('07:00:11');
    expect(markStyle()).not.toBe(before);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(textOf(page, '#clock')).toBe('07:00:16');
    expect(w.wx.canvas.resets).toBe(1);
  });

  it('stops its timers and lifts the screen guard when hidden or closed, and resumes when shown', async () => {
    const w = world([passView(GATE_MORNING)]);
    const page = await open();
    expect(w.wx.setVisualEffectOnCapture).toHaveBeenLastCalledWith(expect.objectContaining({ visualEffect: 'hidden' }));
    expect(w.wx.setKeepScreenOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: true }));
    expect(jest.getTimerCount()).toBe(1);

    (page.instance as unknown as { onHide(): void }).onHide();
    expect(jest.getTimerCount()).toBe(0);
    expect(w.wx.captureEffect()).toBe('none');
    expect(w.wx.setKeepScreenOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: false }));

    await jest.advanceTimersByTimeAsync(45_000);
    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(w.wx.captureEffect()).toBe('hidden');
    expect(textOf(page, '#clock')).toBe(clockText(Date.now()));
    expect(verify(w, shownCode(w)).ok).toBe(true);

    page.detach();
    expect(jest.getTimerCount()).toBe(0);
    expect(w.wx.captureEffect()).toBe('none');
  });

  it('resumes the code at once when shown again, before pass.mine answers', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    const page = await open();
    (page.instance as unknown as { onHide(): void }).onHide();
    await jest.advanceTimersByTimeAsync(90_000);

    w.fake.handlers['pass.mine'] = () => new Promise(() => undefined); // a gate with one bar of signal
    (page.instance as unknown as { onShow(): void }).onShow();
    await settle();
    expect(textOf(page, '#clock')).toBe('07:01:40');
    expect(verify(w, shownCode(w)).ok).toBe(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(textOf(page, '#clock')).toBe('07:01:41');
  });

  it('still shows a verifiable code where the client cannot hide from captures', async () => {
    const w = world([passView(GATE_MORNING)], { noCaptureGuard: true });
    const page = await open();
    expect(verify(w, shownCode(w)).ok).toBe(true);
    leave(page);
    expect(w.wx.setVisualEffectOnCapture).not.toHaveBeenCalled();
  });

  it('asks nothing of captures when canIUse says the API is not there', async () => {
    const w = world([passView(GATE_MORNING)]);
    (w.fake.wx as unknown as { canIUse: (api: string) => boolean }).canIUse = (api) => api !== 'setVisualEffectOnCapture';
    await open();
    expect(verify(w, shownCode(w)).ok).toBe(true);
    expect(w.wx.setVisualEffectOnCapture).not.toHaveBeenCalled();
  });

  it('says plainly when this WeChat cannot make a device key, and asks the server nothing', async () => {
    const w = world([passView(GATE_MORNING)], { noRandom: true });
    const page = await open();
    expect(textOf(page, '#code-error .lf-error')).toBe(NO_RANDOM_MESSAGE);
    expect(w.fake.callsOf('pass.credential')).toEqual([]);
    expect(readCanvas(w.wx.canvas)).toBeNull();
  });

  it('offers to retry when the credential cannot be fetched and none is cached', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    w.fake.handlers['pass.credential'] = () => {
      throw failure('INTERNAL', '服务繁忙，请稍后重试');
    };
    const page = await open();
    expect(textOf(page, '#code-error .lf-error')).toBe('服务繁忙，请稍后重试');

    w.fake.handlers['pass.credential'] = w.server.handlers()['pass.credential'];
    await tap(page, '#code-retry');
    expect(verify(w, shownCode(w)).ok).toBe(true);
  });
});

describe('several passes on one phone', () => {
  it('shows the live one first and switches between them', async () => {
    const mine = passView(GATE_MORNING);
    const mother = passView(GATE_MORNING, { nameMasked: '李*', relation: 'family', status: 'pending', createdAt: GATE_MORNING - 3600_000 });
    const w = world([mother, mine]);
    const page = await open();

    expect(textsOf(page, '.ps-tab')).toEqual(['王*兰 · 有效', '李* · 审核中']);
    expect(verify(w, shownCode(w))).toMatchObject({ ok: true, cred: { pid: mine.id } });

    await tap(page, `#tab-${mother.id}`);
    expect(textOf(page, '#state-title')).toBe('审核中');
    expect(textOf(page, '#pass-name')).toBe('李*（家属）');
    expect(jest.getTimerCount()).toBe(0);

    await tap(page, `#tab-${mine.id}`);
    expect(verify(w, shownCode(w))).toMatchObject({ ok: true, cred: { pid: mine.id } });
  });

  it('a family member’s pass held here (代办) names 持码人 and 代办人, and offers 打印离线码 for them', async () => {
    const mother = passView(GATE_MORNING, {
      nameMasked: '李*',
      relation: 'family',
      paper: { serial: 2, idTail: '0417', issuedAt: 0, validFrom: 0, validUntil: 1 },
    });
    const w = world([mother]);
    const page = await open();
    expect(textOf(page, '#pass-holder')).toBe('持码人：李* · 代办人：本机机主');
    await tap(page, '#print-paper');
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: `/staff/pages/paper/paper?passId=${mother.id}&serial=2` });
  });

  it('names no 代办人 on one’s own pass', async () => {
    const mine = passView(GATE_MORNING);
    const w = world([mine]);
    const page = await open();
    expect(isShown(page, '#pass-holder')).toBe(false);
    await tap(page, '#print-paper');
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: `/staff/pages/paper/paper?passId=${mine.id}` });
  });

  it('offers to apply for family members', async () => {
    const w = world([passView(GATE_MORNING)]);
    const page = await open();
    await tap(page, '#apply-more');
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/apply/apply' });
  });
});
