/** The volunteer's scan page: couriers, vehicles and visitors, and the queue of decisions waiting to sync. */
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import { STORAGE } from '../../miniprogram/services/gate-storage';
import { record } from '../../miniprogram/services/gate-queue';
import type { IssuedPass } from './support/gate';
import { EAST_GATE, HOUR, MORNING, gatePhone, gateServer, issuePass, qrOf } from './support/gate';
import { find, isShown, openPage, settle, tap, textOf, typeInto } from './support/mp';
import { noticeOpensContract } from './support/privacy';
import { atTheGateThisMorning, enterTemperature, openGate, openOffline, POST, queue, SCAN, scan, screen, syncedEvents } from './support/scan-page';

atTheGateThisMorning();

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
      expect.objectContaining({
        kind: 'courier',
        direction: 'in',
        verdict: 'deny',
        reason: 'COURIER',
        person: { courierKind: 'delivery', company: '美团', phone: '13812345678' },
      }),
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
    const ids = Array.from(
      { length: 250 },
      (_, i) =>
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
