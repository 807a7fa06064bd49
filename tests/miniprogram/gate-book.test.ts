import type { ActionResponse } from '../../typings/api';
import type { GateEventView } from '../../typings/pass';
import { newEventId, primeIds } from '../../miniprogram/services/event-ids';
import { eventRowView } from '../../miniprogram/services/gate-event-row';
import { record, syncQueue } from '../../miniprogram/services/gate-queue';
import { STORAGE } from '../../miniprogram/services/gate-storage';
import { cachedTrust, refreshTrust, trustStatus } from '../../miniprogram/services/gate-trust';
import { shanghaiClock, shanghaiDate, startOfShanghaiDay } from '../../miniprogram/shared/time';
import { deferred } from './support/fake-wx';
import { EAST_GATE, HOUR, MORNING, NORTH_GATE, fakeClock, gatePhone, gateServer, trustBundle } from './support/gate';
import { settle } from './support/mp';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ALLOW = { verdict: 'allow' as const, fever: false };

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

describe('event ids', () => {
  it('are uuid v4 from wx.getRandomValues, all different', async () => {
    const phone = gatePhone(gateServer());
    primeIds();
    await settle();
    expect(phone.getRandomValues).toHaveBeenCalledWith(expect.objectContaining({ length: expect.any(Number) }));
    const ids = Array.from({ length: 2000 }, newEventId);
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep the uuid shape and stay distinct without wx.getRandomValues, even within one millisecond', () => {
    const phone = gatePhone(gateServer(), { secureRandom: false });
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.5); // the worst case: no randomness at all
    const ids = Array.from({ length: 1000 }, newEventId);
    random.mockRestore();
    expect(phone.getRandomValues).not.toHaveBeenCalled();
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('Asia/Shanghai times', () => {
  it('shows clock and date in Shanghai whatever the phone’s zone', () => {
    expect(shanghaiClock(MORNING)).toBe('07:00');
    expect(shanghaiDate(MORNING)).toBe('2024-03-05');
    // 00:30 in Shanghai is still the previous day in UTC.
    const justAfterMidnight = Date.UTC(2024, 2, 4, 16, 30);
    expect(shanghaiDate(justAfterMidnight)).toBe('2024-03-05');
    expect(startOfShanghaiDay(MORNING)).toBe(Date.UTC(2024, 2, 4, 16, 0));
    expect(startOfShanghaiDay(justAfterMidnight)).toBe(Date.UTC(2024, 2, 4, 16, 0));
  });
});

describe('the trust cache', () => {
  it('says how old it is and when it is stale', () => {
    const key = gateServer().key;
    expect(trustStatus(null, MORNING)).toMatchObject({ missing: true, label: '尚无核验数据，请连接网络后重试' });
    expect(trustStatus(trustBundle(key, { issuedAt: MORNING - 5 * 60_000 }), MORNING)).toEqual({
      missing: false,
      stale: false,
      label: '核验数据更新于 06:55（5 分钟前）',
    });
    expect(trustStatus(trustBundle(key, { issuedAt: MORNING - 12 * HOUR }), MORNING).stale).toBe(false);
    expect(trustStatus(trustBundle(key, { issuedAt: MORNING - 12 * HOUR - 1 }), MORNING).stale).toBe(true);
  });

  it('keeps the newer bundle when an older reply arrives late', async () => {
    const server = gateServer();
    const slow = deferred<ActionResponse<'pass.trust'>>();
    const phone = gatePhone(server, { handlers: { 'pass.trust': () => slow.promise } });
    const older = refreshTrust(EAST_GATE.compoundId);
    phone.handlers['pass.trust'] = () => ({ ...server.bundle, issuedAt: MORNING, version: 3 });
    await refreshTrust(EAST_GATE.compoundId);
    slow.resolve({ ...server.bundle, issuedAt: MORNING - HOUR, version: 2 });
    await older;
    expect(cachedTrust(EAST_GATE.compoundId)?.version).toBe(3);
  });

  it('stays as it was when the server cannot be reached', async () => {
    const server = gateServer();
    const bundle = trustBundle(server.key, { issuedAt: MORNING - HOUR });
    const phone = gatePhone(server, { storage: { [STORAGE.trust(EAST_GATE.compoundId)]: bundle } });
    phone.offline = true;
    await expect(refreshTrust(EAST_GATE.compoundId)).rejects.toMatchObject({ code: 'NETWORK' });
    expect(cachedTrust(EAST_GATE.compoundId)).toEqual(bundle);
  });
});

describe('the queue', () => {
  const plate = { kind: 'vehicle' as const, direction: 'in' as const, plate: '陕H12345' };

  it('sends each gate’s events under its own gateId, oldest gate first', async () => {
    const server = gateServer({ gates: [EAST_GATE, NORTH_GATE] });
    const phone = gatePhone(server);
    const east1 = record(EAST_GATE.id, plate, MORNING, ALLOW).event.id;
    const north1 = record(NORTH_GATE.id, plate, MORNING + 1, ALLOW).event.id;
    const east2 = record(EAST_GATE.id, plate, MORNING + 2, ALLOW).event.id;

    expect(await syncQueue()).toEqual({ acknowledged: 3, pending: 0, error: '' });
    expect(phone.callsOf('gate.sync').map((c) => [c.gateId, c.events.map((e) => e.id)])).toEqual([
      [EAST_GATE.id, [east1, east2]],
      [NORTH_GATE.id, [north1]],
    ]);
  });

  it('sends the phone’s corrected time with each batch', async () => {
    const server = gateServer();
    const phone = gatePhone(server, { serverNow: () => Date.now() + 10 * 60_000 });
    await refreshTrust(EAST_GATE.compoundId); // a reply: the phone learns it is 10 minutes slow
    record(EAST_GATE.id, plate, MORNING, ALLOW);
    await syncQueue();
    expect(phone.callsOf('gate.sync')[0].sentAt).toBe(Date.now() + 10 * 60_000);
  });

  it('runs one sync at a time: a second call joins the running one', async () => {
    const server = gateServer();
    const phone = gatePhone(server);
    record(EAST_GATE.id, plate, MORNING, ALLOW);
    const [a, b] = await Promise.all([syncQueue(), syncQueue()]);
    expect(a).toBe(b);
    expect(phone.callsOf('gate.sync')).toHaveLength(1);
  });

  it('keeps everything and says why when the network is down', async () => {
    const phone = gatePhone(gateServer());
    const { event } = record(EAST_GATE.id, plate, MORNING, ALLOW);
    phone.offline = true;
    expect(await syncQueue()).toEqual({ acknowledged: 0, pending: 1, error: '无法连接服务器，请检查网络后重试' });
    expect(phone.storage.get(STORAGE.queue)).toEqual([event.id]);
    expect(phone.storage.get(STORAGE.event(event.id))).toEqual({ gateId: EAST_GATE.id, event });
  });

  it('keeps no QR text or full phone number in the log', () => {
    gatePhone(gateServer());
    const { row } = record(
      EAST_GATE.id,
      { kind: 'courier', direction: 'in', person: { phone: '13812345678', company: '顺丰', courierKind: 'courier' } },
      MORNING,
      {
        verdict: 'deny',
        reason: 'COURIER',
        fever: false,
      },
    );
    expect(row).toMatchObject({ phoneMasked: '138****5678', company: '顺丰', phoneVerdict: 'deny', synced: false });
    expect(JSON.stringify(row)).not.toContain('13812345678');
  });
});

describe('a gate event as a row', () => {
  const event: GateEventView = {
    id: 'e1',
    gateId: EAST_GATE.id,
    at: MORNING + 5 * 60_000,
    kind: 'resident',
    direction: 'in',
    who: '王*兰',
    household: '3号楼2单元502',
    temperature: 36.5,
    phoneVerdict: 'allow',
    verdict: 'deny',
    reason: 'REVOKED',
    mismatch: true,
    volunteer: '赵*强',
  };

  it('leads with the server’s verdict for the secretary and names the phone’s', () => {
    expect(eventRowView(event, 'server')).toEqual({
      id: 'e1',
      time: '07:05',
      kind: '居民',
      direction: '进',
      who: '王*兰 · 3号楼2单元502',
      temperature: '36.5 ℃',
      manualText: '',
      paperText: '',
      verdict: 'deny',
      verdictText: '禁止通行',
      reasonText: '出入证已被注销',
      pending: false,
      rejected: '',
      mismatch: true,
      mismatchText: '门岗手机判定：放行',
      clockText: '',
    });
  });

  it('says when the server doubts the gate phone’s time, and what the phone said', () => {
    expect(eventRowView({ ...event, clockFlag: 'skewed', phoneAt: MORNING + 2 * 60_000 }, 'server').clockText).toBe('手机时间异常（手机记为 07:02）');
    expect(eventRowView({ ...event, clockFlag: 'future' }, 'server').clockText).toBe('手机时间异常');
    // A phoneAt alone (a few ms of network) is no news.
    expect(eventRowView({ ...event, phoneAt: event.at - 80 }, 'server').clockText).toBe('');
  });

  it('shows no mismatch where phone and server agree', () => {
    const row = eventRowView({ ...event, verdict: 'allow', reason: undefined, mismatch: false }, 'server');
    expect(row).toMatchObject({ verdictText: '放行', reasonText: '', mismatch: false, mismatchText: '' });
  });
});
