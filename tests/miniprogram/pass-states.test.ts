/**
 * The resident's pass page beyond the live code: the wallet that keeps it offline, passes that
 * show no code, and a phone whose clock is wrong. The code painted is read back off the canvas.
 */
import type { PassView } from '../../typings/pass';
import type { WalletEntry } from '../../miniprogram/services/pass-wallet';
import { parseQr, slotOf } from '../../miniprogram/shared/pass/codec';
import { verifyPassQr } from '../../miniprogram/shared/pass/verify';
import { clockNote, clockText } from '../../miniprogram/resident/pages/pass/pass-view';
import { failure } from './support/fake-wx';
import { isShown, settle, tap, textOf } from './support/mp';
import { COMPOUND_ID, DAY_MS, GATE_MORNING, passView } from './support/pass-server';
import { readCanvas } from './support/pass-wx';
import { atTheGate, leave, OFFLINE_NOTICE, open, shownCode, stored, verify, world } from './support/pass-page';

atTheGate();

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
