import { randomBytes } from 'crypto';
import type { VerifyReason } from '../../typings/pass';
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import { VERIFY_REASON_TEXT } from '../../miniprogram/shared/pass/verify';
import { STORAGE } from '../../miniprogram/services/gate-storage';
import { record } from '../../miniprogram/services/gate-queue';
import type { GateServer, GateWx, GateWxOptions, IssuedPass } from './support/gate';
import {
  COMPOUND_ID,
  EAST_GATE,
  HOUR,
  MORNING,
  NORTH_GATE,
  fakeClock,
  gatePhone,
  gateServer,
  issuePass,
  qrOf,
  serverKey,
  trustBundle,
} from './support/gate';
import type { Page } from './support/mp';
import { choose, find, isDisabled, isShown, openPage, settle, tap, textOf, typeInto } from './support/mp';
import { noticeOpensContract } from './support/privacy';

const SCAN = 'volunteer/pages/scan/scan';
const POST = { compoundId: COMPOUND_ID, compoundName: '幸福小区', gateId: EAST_GATE.id, gateName: EAST_GATE.name };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

async function openGate(server: GateServer, options: GateWxOptions = {}): Promise<{ phone: GateWx; page: Page }> {
  const phone = gatePhone(server, options);
  const page = await openPage(SCAN);
  return { phone, page };
}

/** A phone that stood at the east gate before and cached the trust data then, now without signal. */
async function openOffline(server: GateServer, issuedAt = MORNING - HOUR): Promise<{ phone: GateWx; page: Page }> {
  const storage = { [STORAGE.post]: POST, [STORAGE.trust(COMPOUND_ID)]: trustBundle(server.key, { issuedAt }) };
  const phone = gatePhone(server, { storage });
  phone.offline = true;
  const page = await openPage(SCAN);
  return { phone, page };
}

async function scan(page: Page, phone: GateWx, qr: string): Promise<void> {
  phone.scans.push(qr);
  await tap(page, '#scan');
}

async function enterTemperature(page: Page, digits: string): Promise<void> {
  for (const d of digits) await tap(page, '#numpad', `#key-${d}`);
  await tap(page, '#numpad', '#key-ok');
}

/** What the volunteer reads on the full-screen result. */
function screen(page: Page) {
  const result = find(page, '#result');
  return {
    color: (result.dom?.className ?? '').includes('sc-result-allow') ? 'green' : 'red',
    title: textOf(page, '#result-title'),
    who: textOf(page, '#result-who'),
    household: textOf(page, '#result-household'),
    reason: textOf(page, '#result-reason'),
    temperature: textOf(page, '#result-temp'),
  };
}

const queue = (phone: GateWx) => (phone.storage.get(STORAGE.queue) as string[] | undefined) ?? [];
const syncedEvents = (phone: GateWx) => phone.callsOf('gate.sync').flatMap((c) => c.events);

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
    const { page } = await openGate(server, { handlers: { 'account.me': () => ({ name: null, phoneMasked: null, household: null, grants: [], registered: false }) } });
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
    expect(textOf(page, '#numpad', '#numpad-title')).toBe('王*兰 · 3号楼2单元502');
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
    ['a revoked pass', 'REVOKED', (s) => {
      const pass = issuePass(s.key);
      s.bundle.revoked = [pass.cred.pid];
      return qrOf(pass);
    }, '王*兰'],
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
    expect(phone.vibrateShort).toHaveBeenCalledWith({ type: 'heavy' });
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

  it('下一位 goes straight back to the camera; a cancelled scan records nothing', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#dir-out');
    await scan(page, phone, qrOf(issuePass(server.key)));

    await tap(page, '#next');
    expect(phone.scanCode).toHaveBeenCalledTimes(2);
    expect(isShown(page, '#result')).toBe(false);
    expect(syncedEvents(phone)).toHaveLength(1);
  });
});

describe('couriers, vehicles and visitors', () => {
  it('turns a courier away every time, records them, and shows the phone masked', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#mode-courier');
    await tap(page, '#courier-kind-delivery');
    await typeInto(page, '#courierCompany', '美团');
    await typeInto(page, '#courierPhone', '138 1234 5678');
    await tap(page, '#courier-submit');

    expect(screen(page)).toMatchObject({ color: 'red', title: '禁止通行', who: '外卖 · 美团 · 138****5678', reason: GATE_REASON_TEXT.COURIER });
    expect(find(page, '#result').dom?.textContent).not.toContain('13812345678');
    expect(syncedEvents(phone)).toEqual([
      expect.objectContaining({ kind: 'courier', direction: 'in', verdict: 'deny', reason: 'COURIER', person: { courierKind: 'delivery', company: '美团', phone: '13812345678' } }),
    ]);
  });

  it('wants the company and a phone number for a courier before recording', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#mode-courier');
    await tap(page, '#courier-submit');

    expect(textOf(page, '#courierCompany-error')).toBe('请填写快递/外卖公司');
    expect(textOf(page, '#courierPhone-error')).toBe('请填写手机号');
    expect(isShown(page, '#result')).toBe(false);
    expect(phone.callsOf('gate.sync')).toEqual([]);
  });

  it('tells the volunteer, where visitors and couriers are written down, what for and where the privacy guide is', async () => {
    const { phone, page } = await openGate(gateServer());
    expect(isShown(page, '#privacy-notice')).toBe(false);
    await tap(page, '#mode-visitor');
    expect(textOf(page, '#privacy-notice')).toBe('登记的信息只用于疫情防控，详见《联防隐私保护指引》');
    await tap(page, '#mode-courier');
    expect(await noticeOpensContract(page, phone)).toBe(true);
  });

  it('lets a registered plate through however it is typed, and stops an unregistered one', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#mode-vehicle');

    await typeInto(page, '#plate', '陕h·12345');
    await tap(page, '#vehicle-submit');
    expect(screen(page)).toMatchObject({ color: 'green', title: '放行', who: '陕H12345' });

    await tap(page, '#next');
    await typeInto(page, '#plate', '陕H54321');
    await tap(page, '#vehicle-submit');
    expect(screen(page)).toMatchObject({ color: 'red', title: '禁止通行', who: '陕H54321', reason: GATE_REASON_TEXT.VEHICLE_NOT_REGISTERED });
    expect(syncedEvents(phone).map((e) => [e.plate, e.verdict])).toEqual([
      ['陕H12345', 'allow'],
      ['陕H54321', 'deny'],
    ]);
  });

  it('does not decide on something that is not a plate', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#mode-vehicle');
    await typeInto(page, '#plate', '陕H1234');
    expect(textOf(page, '#plate-error')).toBe('车牌号不正确，例如 陕H12345 或 陕HD12345');
    await tap(page, '#vehicle-submit');
    expect(isShown(page, '#result')).toBe(false);
    expect(phone.callsOf('gate.sync')).toEqual([]);
  });

  it('turns visitors away while the compound does not allow them, and lets them in with a temperature when it does', async () => {
    const server = gateServer();
    const { page } = await openGate(server);
    await tap(page, '#mode-visitor');
    expect(textOf(page, '#visitor-policy')).toBe('本小区目前谢绝访客');
    await typeInto(page, '#visitorName', '李明');
    await typeInto(page, '#visitorPhone', '13912345678');
    await tap(page, '#visitor-submit');
    expect(isShown(page, '#numpad')).toBe(false);
    expect(screen(page)).toMatchObject({ color: 'red', who: '李* · 139****5678', reason: GATE_REASON_TEXT.VISITOR_NOT_ALLOWED });

    server.bundle.visitorsAllowed = true;
    const gate = gatePhone(server);
    const open = await openPage(SCAN);
    await tap(open, '#mode-visitor');
    await typeInto(open, '#visitorName', '李明');
    await typeInto(open, '#visitorPhone', '13912345678');
    await tap(open, '#visitor-submit');
    await enterTemperature(open, '366');
    expect(screen(open)).toMatchObject({ color: 'green', title: '放行', temperature: '36.6 ℃' });
    expect(syncedEvents(gate)[0]).toMatchObject({ kind: 'visitor', person: { name: '李明', phone: '13912345678' }, temperature: 36.6 });
  });
});

describe('the event queue', () => {
  it('keeps the decision on the phone with the network down, and sends it when the network returns', async () => {
    const server = gateServer();
    const { phone, page } = await openOffline(server);
    await scan(page, phone, qrOf(issuePass(server.key)));
    await enterTemperature(page, '365');

    expect(screen(page)).toMatchObject({ color: 'green', title: '放行', who: '王*兰' });
    expect(textOf(page, '#result-sync')).toBe('记录已保存在本机，联网后自动上传');
    expect(queue(phone)).toHaveLength(1);
    expect(textOf(page, '#pending')).toBe('待上传 1 条 · 点此重试');
    expect(server.events.size).toBe(0);

    phone.reconnect();
    await settle();
    expect(phone.callsOf('gate.sync')).toHaveLength(1);
    expect([...server.events.keys()]).toEqual([syncedEvents(phone)[0].id]);
    expect(queue(phone)).toEqual([]);
    expect(textOf(page, '#pending')).toBe('记录已全部上传');
    expect(textOf(page, '#result-sync')).toBe('记录已上传');
    expect(phone.storage.has(STORAGE.event(syncedEvents(phone)[0].id))).toBe(false);
  });

  it('sends a long queue in batches of at most 200, oldest first', async () => {
    const server = gateServer();
    const phone = gatePhone(server, { storage: { [STORAGE.post]: POST } });
    const ids: string[] = [];
    for (let i = 0; i < 450; i += 1) {
      const at = MORNING - (450 - i) * 1000;
      ids.push(record(EAST_GATE.id, { kind: 'vehicle', direction: 'in', plate: '陕H12345' }, at, { verdict: 'allow', fever: false }).event.id);
    }
    expect(new Set(ids).size).toBe(450);

    const page = await openPage(SCAN);
    const batches = phone.callsOf('gate.sync');
    expect(batches.map((b) => b.events.length)).toEqual([200, 200, 50]);
    expect(batches.flatMap((b) => b.events.map((e) => e.id))).toEqual(ids);
    expect(queue(phone)).toEqual([]);
    expect(textOf(page, '#pending')).toBe('记录已全部上传');
  });

  it('empties the queue only of the ids the server acknowledged', async () => {
    const server = gateServer();
    const phone = gatePhone(server, { storage: { [STORAGE.post]: POST } });
    const ids = Array.from({ length: 250 }, (_, i) =>
      record(EAST_GATE.id, { kind: 'vehicle', direction: 'out', plate: '陕H12345' }, MORNING - (250 - i) * 1000, { verdict: 'allow', fever: false }).event.id,
    );
    server.refuse = new Set([ids[10], ids[220]]);

    const page = await openPage(SCAN);
    expect(queue(phone)).toEqual([ids[10], ids[220]]);
    expect(textOf(page, '#pending')).toBe('待上传 2 条 · 点此重试');
    expect(textOf(page, '#sync-error')).toBe('服务器未确认这批记录，稍后自动重试');
    expect(phone.storage.has(STORAGE.event(ids[10]))).toBe(true);
    expect(phone.storage.has(STORAGE.event(ids[11]))).toBe(false);

    server.refuse.clear();
    await tap(page, '#pending');
    expect(queue(phone)).toEqual([]);
  });

  it('sets aside an event the server can never take, with its reason, so the rest still goes', async () => {
    const server = gateServer();
    const phone = gatePhone(server, { storage: { [STORAGE.post]: POST } });
    const plate = { kind: 'vehicle' as const, direction: 'in' as const, plate: '陕H12345' };
    const before = record(EAST_GATE.id, plate, MORNING - HOUR, { verdict: 'allow', fever: false }).event.id;
    const stale = record(EAST_GATE.id, plate, MORNING - 8 * 24 * HOUR, { verdict: 'allow', fever: false }).event.id; // a phone clock far off
    const after = record(EAST_GATE.id, plate, MORNING - 60_000, { verdict: 'allow', fever: false }).event.id;

    const page = await openPage(SCAN);
    expect(queue(phone)).toEqual([]);
    expect([...server.events.keys()]).toEqual([before, after]);
    expect(phone.storage.has(STORAGE.event(stale))).toBe(false);
    expect(textOf(page, `#log-${stale} .sc-log-rejected`)).toBe('⚠ 服务器拒收：事件时间不合理，请检查手机时间');
    expect(isShown(page, `#log-${before} .sc-log-rejected`)).toBe(false);
  });

  it('a replayed sync is harmless: the server keeps one event and the phone stops resending', async () => {
    const server = gateServer({ loseReplies: 1 });
    const { phone, page } = await openGate(server);
    await tap(page, '#dir-out');
    await scan(page, phone, qrOf(issuePass(server.key)));

    expect(server.events.size).toBe(1);
    expect(queue(phone)).toHaveLength(1);
    expect(textOf(page, '#result-sync')).toBe('记录已保存在本机，联网后自动上传');

    await tap(page, '#pending');
    const [first, second] = phone.callsOf('gate.sync');
    expect(second.events).toEqual(first.events);
    expect(server.events.size).toBe(1);
    expect(queue(phone)).toEqual([]);

    await tap(page, '#pending');
    expect(phone.callsOf('gate.sync')).toHaveLength(2);
  });

  it('marks in its log where the server, re-verifying, decided otherwise', async () => {
    const server = gateServer();
    const pass: IssuedPass = issuePass(server.key);
    const { phone, page } = await openOffline(server);
    server.bundle.revoked = [pass.cred.pid]; // revoked after this phone last refreshed
    await scan(page, phone, qrOf(pass));
    await enterTemperature(page, '365');
    expect(screen(page).title).toBe('放行');
    await tap(page, '#next');
    expect(textOf(page, '#log .sc-log-pending')).toBe('待上传');

    phone.reconnect();
    await settle();
    expect(textOf(page, '#log .sc-log-mismatch')).toBe('⚠ 与服务器不一致 · 服务器核验：禁止通行 · 出入证已被注销');
    expect(textOf(page, '#log .sc-log-verdict')).toBe('放行');
    expect(isShown(page, '#log .sc-log-pending')).toBe(false);
  });
});
