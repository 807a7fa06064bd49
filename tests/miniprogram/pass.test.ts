/**
 * The resident's pass page, against a fake server that signs real Ed25519 credentials: the code
 * the page paints is read back off the canvas (jsQR) and checked with the volunteer's verifier.
 */
import type { PassView } from '../../typings/pass';
import { walletKey, NO_RANDOM_MESSAGE } from '../../miniprogram/services/pass-wallet';
import type { WalletEntry } from '../../miniprogram/services/pass-wallet';
import { parseQr, slotOf } from '../../miniprogram/shared/pass/codec';
import { verifyPassQr } from '../../miniprogram/shared/pass/verify';
import { clockNote, clockText } from '../../miniprogram/resident/pages/pass/pass-view';
import { failure, installFakeWx } from './support/fake-wx';
import type { FakeWx, FakeWxOptions } from './support/fake-wx';
import type { Page } from './support/mp';
import { find, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';
import { COMPOUND_ID, DAY_MS, GATE_MORNING, OTHER_COMPOUND_ID, PassServer, passView } from './support/pass-server';
import type { PassWx, PassWxOptions } from './support/pass-wx';
import { addPassWx, readCanvas } from './support/pass-wx';

const PASS = 'resident/pages/pass/pass';
const OFFLINE_NOTICE = '网络不可用，已显示离线出入证';

interface World {
  server: PassServer;
  fake: FakeWx;
  wx: PassWx;
}

function world(passes: PassView[], options: PassWxOptions & Pick<FakeWxOptions, 'envVersion' | 'serverNow'> = {}): World {
  const server = new PassServer(passes);
  const fake = installFakeWx({ handlers: server.handlers(), envVersion: options.envVersion, serverNow: options.serverNow });
  return { server, fake, wx: addPassWx(fake, options) };
}

const opened: Page[] = [];

async function open(): Promise<Page> {
  const page = await openPage(PASS);
  opened.push(page);
  return page;
}

/** Leaves the page the way the client does: hidden, then gone. */
function leave(page: Page): void {
  (page.instance as unknown as { onHide(): void }).onHide();
  page.detach();
}

/** The code on the canvas right now, as a scanner reads it. */
function shownCode(w: World): string {
  const text = readCanvas(w.wx.canvas);
  if (!text) throw new Error('no readable QR on the canvas');
  return text;
}

const verify = (w: World, text: string, compoundId = COMPOUND_ID) => verifyPassQr(text, { trust: w.server.trust(), compoundId, nowMs: Date.now() });

const stored = (w: World, passId: string) => w.fake.storage.get(walletKey(passId)) as WalletEntry | undefined;

beforeEach(() => {
  jest.useFakeTimers({ now: GATE_MORNING });
});

afterEach(() => {
  while (opened.length) opened.pop()?.detach();
  jest.useRealTimers();
});

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

describe('the wallet', () => {
  it('opens again from the cache: no new credential while nothing changed', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    leave(await open());
    await jest.advanceTimersByTimeAsync(DAY_MS);
    await open();

    expect(w.fake.callsOf('pass.mine')).toHaveLength(2);
    expect(w.fake.callsOf('pass.credential')).toHaveLength(1);
    expect(verify(w, shownCode(w)).ok).toBe(true);
  });

  it.each([
    ['the cloud function', 'release'],
    ['the local runtime', 'develop'],
  ] as const)('shows the cached pass with no network (%s) and says it is offline', async (_label, envVersion) => {
    const pass = passView(GATE_MORNING);
    const w = world([pass], { envVersion });
    leave(await open());

    w.fake.offline = true;
    await jest.advanceTimersByTimeAsync(3 * 3600_000);
    const page = await open();

    expect(textOf(page, '#notice')).toBe(OFFLINE_NOTICE);
    expect(verify(w, shownCode(w))).toEqual({ ok: true, cred: expect.objectContaining({ pid: pass.id }) });
    expect(textOf(page, '#pass-name')).toBe('王*兰');
    expect(textOf(page, '#pass-household')).toBe('3号楼2单元502');
    expect(isShown(page, '#apply-more')).toBe(false);
    expect(w.fake.callsOf('pass.credential')).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(30_000);
    expect(verify(w, shownCode(w)).ok).toBe(true);
  });

  it('shows the cached code at once, before pass.mine answers', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    leave(await open());
    w.wx.canvas.fills = [];

    let answer: () => void = () => undefined;
    w.fake.handlers['pass.mine'] = () => new Promise((resolve) => (answer = () => resolve({ items: [pass] })));
    const page = await open();
    expect(verify(w, shownCode(w)).ok).toBe(true);
    expect(isShown(page, '#loading')).toBe(false);

    answer();
    await settle();
    expect(textOf(page, '#pass-household')).toBe('幸福小区 3号楼2单元502');
    expect(w.fake.callsOf('pass.credential')).toHaveLength(1);
  });

  it('fetches a new credential when the server says the pass changed, keeping the phone’s key', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    leave(await open());
    const before = stored(w, pass.id) as WalletEntry;

    pass.validUntil = GATE_MORNING + 60 * DAY_MS; // renewed by the secretary
    await open();

    const requests = w.fake.callsOf('pass.credential');
    expect(requests).toHaveLength(2);
    expect(requests[1].devicePublicKey).toBe(requests[0].devicePublicKey);
    const after = stored(w, pass.id) as WalletEntry;
    expect(after.credential.exp).toBe(Math.floor(pass.validUntil / 1000));
    expect(after.seed).toBe(before.seed);
    expect(parseQr(shownCode(w))?.cred.exp).toBe(after.credential.exp);
  });

  it('forgets a pass the server has revoked, so it cannot be shown offline', async () => {
    const pass = passView(GATE_MORNING);
    const w = world([pass]);
    leave(await open());
    expect(stored(w, pass.id)).toBeDefined();

    pass.status = 'revoked';
    pass.statusReason = '已搬离本小区';
    leave(await open());
    expect(stored(w, pass.id)).toBeUndefined();

    w.fake.offline = true;
    w.wx.canvas.fills = [];
    const page = await open();
    expect(textOf(page, '#state-title')).toBe('网络不可用');
    expect(isShown(page, '#qr')).toBe(false);
    expect(readCanvas(w.wx.canvas)).toBeNull();
  });

  it('turns the pass into an expired one when its validity ends on screen', async () => {
    const pass = passView(GATE_MORNING, { validUntil: GATE_MORNING + 50_000 });
    const w = world([pass]);
    const page = await open();
    expect(verify(w, shownCode(w)).ok).toBe(true);

    await jest.advanceTimersByTimeAsync(60_000);
    expect(textOf(page, '#state-title')).toBe('出入证已过期');
    expect(isShown(page, '#qr')).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    expect(w.wx.captureEffect()).toBe('none');
  });
});

describe('passes that show no code', () => {
  const now = GATE_MORNING;
  it.each<[string, Partial<PassView>, string, string, string]>([
    ['pending', { status: 'pending' }, '审核中', '申请已提交，请等待小区审核', ''],
    ['rejected', { status: 'rejected', statusReason: '非本小区住户' }, '申请未通过', '原因：非本小区住户', '重新申请'],
    ['revoked', { status: 'revoked', statusReason: '已搬离本小区' }, '出入证已被注销', '原因：已搬离本小区', ''],
    ['expired', { status: 'expired', validUntil: now - DAY_MS }, '出入证已过期', '有效期至2022年1月4日', '重新申请'],
    ['not yet valid', { validFrom: now + 2 * DAY_MS }, '出入证尚未生效', '2022年1月7日起可以使用', ''],
  ])('%s: says so in large type', async (_state, overrides, title, detail, apply) => {
    const w = world([passView(now, overrides)]);
    const page = await open();

    expect(textOf(page, '#state-title')).toBe(title);
    expect(textOf(page, '#state-detail')).toBe(detail);
    expect(textOf(page, '#apply')).toBe(apply);
    expect(isShown(page, '#qr')).toBe(false);
    expect(w.fake.callsOf('pass.credential')).toEqual([]);
    expect(w.wx.setVisualEffectOnCapture).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('offers the application form to a resident with no pass yet', async () => {
    const w = world([]);
    const page = await open();
    expect(textOf(page, '#state-title')).toBe('您还没有出入证');
    expect(textOf(page, '#state-detail')).toBe('进出小区需要出示出入证，请先申请');
    await tap(page, '#apply');
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/apply/apply' });
  });

  it('lets a rejected applicant apply again', async () => {
    const w = world([passView(GATE_MORNING, { status: 'rejected', statusReason: '信息不全' })]);
    const page = await open();
    await tap(page, '#apply');
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/apply/apply' });
  });

  it('says there is no network when nothing is cached, and retries', async () => {
    const w = world([passView(GATE_MORNING)]);
    w.fake.offline = true;
    const page = await open();
    expect(textOf(page, '#state-title')).toBe('网络不可用');
    expect(textOf(page, '#state-detail')).toBe('本机还没有保存出入证，请连上网络后重试');

    w.fake.offline = false;
    await tap(page, '#retry');
    expect(verify(w, shownCode(w)).ok).toBe(true);
  });

  it('shows the server’s message when it fails and nothing is cached', async () => {
    const w = world([]);
    w.fake.handlers['pass.mine'] = () => {
      throw failure('FORBIDDEN', '请先登记为居民');
    };
    const page = await open();
    expect(textOf(page, '#state-title')).toBe('暂时无法打开出入证');
    expect(textOf(page, '#state-detail')).toBe('请先登记为居民');
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

  it('offers to apply for family members', async () => {
    const w = world([passView(GATE_MORNING)]);
    const page = await open();
    await tap(page, '#apply-more');
    expect(w.fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/resident/pages/apply/apply' });
  });
});

describe('a phone whose clock is wrong', () => {
  const TEN_MINUTES = 10 * 60_000;
  const serverTime = (offset: number) => () => Date.now() + offset;
  const KIND_NOTE = '手机时间比北京时间慢约 10 分钟，通行码已按北京时间生成，可正常使用；建议在手机设置中打开「自动设置时间」';

  it('shows a code valid at the server’s time, the server’s clock, and kindly says the phone’s is off', async () => {
    const w = world([passView(GATE_MORNING)], { serverNow: serverTime(TEN_MINUTES) }); // the phone is 10 minutes slow
    const page = await open();

    const text = shownCode(w);
    expect(parseQr(text)?.slot).toBe(slotOf(Date.now() + TEN_MINUTES));
    expect(verifyPassQr(text, { trust: w.server.trust(), compoundId: COMPOUND_ID, nowMs: Date.now() + TEN_MINUTES }).ok).toBe(true);
    expect(verify(w, text)).toMatchObject({ ok: false, reason: 'STALE_CODE' }); // by the phone's own clock it would be stale
    expect(textOf(page, '#clock')).toBe('07:10:10');
    expect(textOf(page, '#clock-note')).toBe(KIND_NOTE);

    await jest.advanceTimersByTimeAsync(30_000);
    expect(verifyPassQr(shownCode(w), { trust: w.server.trust(), compoundId: COMPOUND_ID, nowMs: Date.now() + TEN_MINUTES }).ok).toBe(true);
    expect(textOf(page, '#clock')).toBe('07:10:40');
  });

  it('keeps using the last measured offset on a cold launch with no network', async () => {
    const w = world([passView(GATE_MORNING)], { serverNow: serverTime(-TEN_MINUTES) }); // 10 minutes fast
    leave(await open());

    w.fake.offline = true;
    await jest.advanceTimersByTimeAsync(3600_000);
    const page = await open();
    expect(textOf(page, '#notice')).toBe(OFFLINE_NOTICE);
    expect(verifyPassQr(shownCode(w), { trust: w.server.trust(), compoundId: COMPOUND_ID, nowMs: Date.now() - TEN_MINUTES }).ok).toBe(true);
    expect(textOf(page, '#clock')).toBe(clockText(Date.now() - TEN_MINUTES));
    expect(textOf(page, '#clock-note')).toBe(KIND_NOTE.replace('慢', '快'));
  });

  it('says nothing when the phone is within 2 minutes, and still codes by the server’s time', async () => {
    const w = world([passView(GATE_MORNING)], { serverNow: serverTime(90_000) });
    const page = await open();
    expect(isShown(page, '#clock-note')).toBe(false);
    expect(parseQr(shownCode(w))?.slot).toBe(slotOf(Date.now() + 90_000));
  });

  it('says how far off in plain words, minutes to days, either way', () => {
    expect(clockNote(0)).toBe('');
    expect(clockNote(-120_000)).toBe('');
    expect(clockNote(121_000)).toMatch(/^手机时间比北京时间慢约 2 分钟，/);
    expect(clockNote(-3 * 3600_000)).toMatch(/^手机时间比北京时间快约 3 小时，/);
    expect(clockNote(2 * DAY_MS + 3600_000)).toMatch(/^手机时间比北京时间慢约 2 天，/);
  });

  it('judges validity by the server’s time: a pass that has ended by it shows as expired', async () => {
    const pass = passView(GATE_MORNING, { validUntil: GATE_MORNING + 5 * 60_000 });
    world([pass], { serverNow: serverTime(TEN_MINUTES) });
    const page = await open();
    expect(textOf(page, '#state-title')).toBe('出入证已过期');
    expect(isShown(page, '#qr')).toBe(false);
  });
});
