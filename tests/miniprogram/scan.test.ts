/** The volunteer's scan page: choosing the gate, the trust data it decides with, and residents' passes. */
import { randomBytes } from 'crypto';
import type { VerifyReason } from '../../typings/pass';
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import { VERIFY_REASON_TEXT } from '../../miniprogram/shared/pass/verify';
import { STORAGE } from '../../miniprogram/services/gate-storage';
import type { GateServer } from './support/gate';
import { COMPOUND_ID, EAST_GATE, HOUR, MORNING, NORTH_GATE, gatePhone, gateServer, issuePass, qrOf, serverKey } from './support/gate';
import { choose, find, isDisabled, isShown, openPage, settle, tap, textOf } from './support/mp';
import { atTheGateThisMorning, enterTemperature, openGate, openOffline, POST, queue, SCAN, scan, screen, syncedEvents, UUID_V4 } from './support/scan-page';

atTheGateThisMorning();

describe('choosing the gate', () => {
  it('takes the only gate of the volunteer’s compound, remembers it and fetches the trust data', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);

    expect(phone.callsOf('gate.list')).toEqual([{ compoundId: COMPOUND_ID }]);
    expect(textOf(page, '#post')).toBe('幸福小区 · 东门');
    expect(phone.storage.get(STORAGE.post)).toEqual(POST);
    expect(phone.callsOf('pass.trust')).toEqual([{ compoundId: COMPOUND_ID }]);
    expect(textOf(page, '#trust-age')).toBe('核验数据更新于 07:00（刚刚）');
    expect(isShown(page, '#trust-warning')).toBe(false);
    expect(textOf(page, '#pending')).toBe('记录已全部上传');
  });

  it('asks which gate when there are several, and opens at the chosen one next time', async () => {
    const server = gateServer({ gates: [EAST_GATE, NORTH_GATE] });
    const { phone, page } = await openGate(server);

    expect(isShown(page, '#post')).toBe(false);
    await choose(page, ['#gate-picker'], 1);
    expect(textOf(page, '#post')).toBe('幸福小区 · 北门');

    const again = await openPage(SCAN);
    expect(textOf(again, '#post')).toBe('幸福小区 · 北门');
    expect(phone.callsOf('account.me')).toHaveLength(1);
  });

  it('tells a caller without gate duty so', async () => {
    const server = gateServer();
    const { page } = await openGate(server, {
      handlers: { 'account.me': () => ({ name: null, phoneMasked: null, household: null, grants: [], registered: false }) },
    });
    expect(textOf(page, '#error')).toBe('您还没有门岗值守的权限，请联系小区书记');
  });
});

describe('the trust data', () => {
  it('decides from the cache with no network, and says how old the cache is', async () => {
    const server = gateServer();
    const { phone, page } = await openOffline(server, MORNING - 40 * 60_000);

    expect(textOf(page, '#trust-age')).toBe('核验数据更新于 06:20（40 分钟前）');
    expect(textOf(page, '#offline')).toBe('网络不通，正在使用本机核验数据');
    await scan(page, phone, qrOf(issuePass(server.key)));
    await enterTemperature(page, '364');
    expect(screen(page).title).toBe('放行');
    expect(phone.calls).toEqual([]);
  });

  it('warns when the cache is older than 12 hours', async () => {
    const server = gateServer();
    const { page } = await openOffline(server, MORNING - 13 * HOUR);

    expect(textOf(page, '#trust-age')).toBe('核验数据更新于 2024-03-04 18:00（13 小时前）');
    expect(textOf(page, '#trust-warning')).toBe('核验数据已超过 12 小时未更新，注销名单可能不全，请尽快联网');
  });

  it('cannot scan before it has ever had trust data', async () => {
    const server = gateServer();
    const phone = gatePhone(server, { storage: { [STORAGE.post]: POST } });
    phone.offline = true;
    const page = await openPage(SCAN);

    expect(textOf(page, '#trust-age')).toBe('尚无核验数据，请连接网络后重试');
    expect(isDisabled(find(page, '#scan'))).toBe(true);
    expect(await tap(page, '#scan')).toBe(false);
    expect(phone.scanCode).not.toHaveBeenCalled();
  });

  it('refreshes every 5 minutes, so a revocation reaches the gate while the page stays open', async () => {
    const server = gateServer();
    const pass = issuePass(server.key);
    const { phone, page } = await openGate(server);
    expect(phone.callsOf('pass.trust')).toHaveLength(1);

    server.bundle = { ...server.bundle, revoked: [pass.cred.pid], version: 2 };
    jest.advanceTimersByTime(4 * 60_000);
    await settle();
    expect(phone.callsOf('pass.trust')).toHaveLength(1);
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(phone.callsOf('pass.trust')).toHaveLength(2);
    expect(textOf(page, '#trust-age')).toBe('核验数据更新于 07:05（刚刚）');

    await scan(page, phone, qrOf(pass));
    expect(screen(page)).toMatchObject({ color: 'red', title: '禁止通行', reason: VERIFY_REASON_TEXT.REVOKED });
  });
});

describe('a resident’s pass', () => {
  it('a valid code asks for the temperature, then fills the screen green with the masked name and household', async () => {
    const server = gateServer();
    const pass = issuePass(server.key);
    const { phone, page } = await openGate(server);
    const qr = qrOf(pass);

    await scan(page, phone, qr);
    expect(phone.scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true, scanType: ['qrCode'] }));
    expect(textOf(page, '#temp-who')).toBe('王*兰 · 3号楼2单元502');
    expect(isShown(page, '#result')).toBe(false);

    await enterTemperature(page, '365');
    expect(screen(page)).toEqual({ color: 'green', title: '放行', who: '王*兰', household: '3号楼2单元502', reason: '', temperature: '36.5 ℃' });
    expect(phone.vibrateShort).toHaveBeenCalledWith({ type: 'light' });

    const [event] = syncedEvents(phone);
    expect(event).toEqual({ id: expect.stringMatching(UUID_V4), at: MORNING, kind: 'resident', direction: 'in', qr, temperature: 36.5, verdict: 'allow' });
    expect(phone.callsOf('gate.sync')[0].gateId).toBe(EAST_GATE.id);
    expect(textOf(page, '#result-sync')).toBe('记录已上传');
    expect(queue(phone)).toEqual([]);
  });

  it('decides by the server’s time on a phone whose clock is 10 minutes slow', async () => {
    const TEN_MINUTES = 10 * 60_000;
    const server = gateServer();
    const pass = issuePass(server.key);
    const serverNow = () => Date.now() + TEN_MINUTES;
    const { phone, page } = await openGate(server, { serverNow, handlers: { 'pass.trust': () => ({ ...server.bundle, issuedAt: serverNow() }) } });
    expect(textOf(page, '#trust-age')).toBe('核验数据更新于 07:10（刚刚）');

    // The resident's live code (made by the server's time) passes, stamped with the server's time.
    await scan(page, phone, qrOf(pass, serverNow()));
    await enterTemperature(page, '365');
    expect(screen(page)).toMatchObject({ color: 'green', title: '放行' });
    expect(syncedEvents(phone)[0]).toMatchObject({ at: MORNING + TEN_MINUTES, verdict: 'allow' });
    expect(phone.callsOf('gate.sync')[0].sentAt).toBe(MORNING + TEN_MINUTES);

    // A code as fresh as this phone's own clock is 10 minutes old: a screenshot.
    await tap(page, '#next');
    await scan(page, phone, qrOf(pass, Date.now()));
    expect(screen(page)).toMatchObject({ color: 'red', reason: VERIFY_REASON_TEXT.STALE_CODE });
  });

  const otherDevice = () => new Uint8Array(randomBytes(32));
  const cases: Array<[string, VerifyReason, (s: GateServer) => string, string]> = [
    ['another compound’s pass', 'OTHER_COMPOUND', (s) => qrOf(issuePass(s.key, { cid: 'p-heping' })), '王*兰'],
    [
      'a revoked pass',
      'REVOKED',
      (s) => {
        const pass = issuePass(s.key);
        s.bundle.revoked = [pass.cred.pid];
        return qrOf(pass);
      },
      '王*兰',
    ],
    ['an expired pass', 'EXPIRED', (s) => qrOf(issuePass(s.key, { exp: Math.floor(Date.now() / 1000) - 60 })), '王*兰'],
    ['a code from a minute ago (a screenshot)', 'STALE_CODE', (s) => qrOf(issuePass(s.key), Date.now() - 60_000), '王*兰'],
    ['a credential signed by a forger’s key', 'BAD_SIGNATURE', (s) => qrOf(issuePass(s.key, {}, serverKey(s.key.kid))), ''],
    ['a code made on another phone', 'BAD_DEVICE_SIGNATURE', (s) => qrOf(issuePass(s.key), Date.now(), otherDevice()), '王*兰'],
    ['a key the phone does not know', 'UNKNOWN_KEY', () => qrOf(issuePass(serverKey('k9'))), ''],
    ['garbage text', 'BAD_FORMAT', () => 'https://weixin.qq.com/r/not-a-pass', ''],
  ];

  it.each(cases)('%s is red with its own reason, and no temperature is asked', async (_name, reason, code, who) => {
    const server = gateServer();
    const qr = code(server);
    const { phone, page } = await openGate(server);
    await scan(page, phone, qr);

    expect(isShown(page, '#numpad')).toBe(false);
    expect(screen(page)).toMatchObject({ color: 'red', title: '禁止通行', reason: VERIFY_REASON_TEXT[reason], who });
    expect(phone.vibrateLong).toHaveBeenCalledTimes(1);
    expect(phone.vibrateShort).not.toHaveBeenCalled();
    expect(syncedEvents(phone)).toEqual([expect.objectContaining({ verdict: 'deny', reason, kind: 'resident' })]);
  });

  it('gives every refusal a different message', () => {
    const messages = cases.map(([, reason]) => VERIFY_REASON_TEXT[reason]);
    expect(new Set(messages).size).toBe(cases.length);
  });

  it.each([
    ['373', 'red', '禁止通行', GATE_REASON_TEXT.FEVER, 'FEVER'],
    ['420', 'red', '禁止通行', GATE_REASON_TEXT.FEVER, 'FEVER'],
    ['372', 'green', '放行', '', undefined],
    ['35', 'green', '放行', '', undefined],
  ])('a temperature typed as %s is %s', async (digits, color, title, reason, code) => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await scan(page, phone, qrOf(issuePass(server.key)));
    await enterTemperature(page, digits);

    expect(screen(page)).toMatchObject({ color, title, reason, who: '王*兰' });
    expect(syncedEvents(phone)[0].reason).toBe(code);
  });

  it('refuses a temperature outside 35.0–42.0 on the pad', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await scan(page, phone, qrOf(issuePass(server.key)));

    for (const d of '345') await tap(page, '#numpad', `#key-${d}`);
    expect(textOf(page, '#numpad', '#numpad-value')).toBe('34.5℃');
    expect(textOf(page, '#numpad', '#numpad-error')).toBe('体温应在 35.0–42.0 ℃ 之间');
    expect(await tap(page, '#numpad', '#key-ok')).toBe(false);

    await tap(page, '#numpad', '#key-back');
    await tap(page, '#numpad', '#key-back');
    await tap(page, '#numpad', '#key-6');
    await tap(page, '#numpad', '#key-8');
    expect(textOf(page, '#numpad', '#numpad-value')).toBe('36.8℃');
    expect(isShown(page, '#numpad', '#numpad-error')).toBe(false);
    await tap(page, '#numpad', '#key-ok');
    expect(screen(page).temperature).toBe('36.8 ℃');
  });

  it('on the way out asks no temperature', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#dir-out');
    await scan(page, phone, qrOf(issuePass(server.key)));

    expect(screen(page)).toMatchObject({ color: 'green', title: '放行', who: '王*兰' });
    expect(syncedEvents(phone)[0]).not.toHaveProperty('temperature');
    expect(syncedEvents(phone)[0].direction).toBe('out');
  });

  it('without a live camera, 下一位 goes straight back to the scanner; a cancelled scan records nothing', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    find(page, '#camera').dispatchEvent('error', { detail: { errMsg: 'insertCamera:fail auth deny' } });
    await settle();
    expect(textOf(page, '#camera-off')).toBe('相机无法使用，请点下面的按钮扫码');
    await tap(page, '#dir-out');
    await scan(page, phone, qrOf(issuePass(server.key)));

    await tap(page, '#next');
    expect(phone.scanCode).toHaveBeenCalledTimes(2);
    expect(isShown(page, '#result')).toBe(false);
    expect(syncedEvents(phone)).toHaveLength(1);
  });
});
