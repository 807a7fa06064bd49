import type { ActionRequest, ActionResponse } from '../../typings/api';
import type { GateEventView } from '../../typings/pass';
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, installFakeWx } from './support/fake-wx';
import { VOLUNTEER_GRANT } from './support/fixtures';
import { COMPOUND_ID, EAST_GATE, HOUR, MORNING, fakeClock } from './support/gate';
import type { Page } from './support/mp';
import { isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const GATELOG = 'staff/pages/gatelog/gatelog';
const SECRETARY = { ...VOLUNTEER_GRANT, role: 'secretary' as const };
/** Midnight of 2024-03-05 in Shanghai. */
const TODAY = Date.UTC(2024, 2, 4, 16, 0);

const base = { gateId: EAST_GATE.id, direction: 'in' as const, volunteer: '赵*强', mismatch: false };
const EVENTS: GateEventView[] = [
  {
    ...base,
    id: 'e3',
    at: MORNING + 5 * 60_000,
    kind: 'resident',
    who: '王*兰',
    household: '3号楼2单元502',
    temperature: 36.5,
    phoneVerdict: 'allow',
    verdict: 'deny',
    reason: 'REVOKED',
    mismatch: true,
  },
  {
    ...base,
    id: 'e2',
    at: MORNING - 30 * 60_000,
    kind: 'courier',
    company: '美团',
    phoneMasked: '138****5678',
    phoneVerdict: 'deny',
    phoneReason: 'COURIER',
    verdict: 'deny',
    reason: 'COURIER',
  },
  { ...base, id: 'e1', at: MORNING - 2 * HOUR, kind: 'vehicle', direction: 'out', plate: '陕H12345', phoneVerdict: 'allow', verdict: 'allow' },
];

type LogReply = ActionResponse<'gate.log'>;

function serve(handlers: Handlers = {}, serverNow?: () => number): FakeWx {
  return installFakeWx({
    serverNow,
    handlers: {
      'account.me': () => ({ name: '周书记', phoneMasked: '137****0001', household: null, grants: [SECRETARY], registered: false }),
      'gate.log': () => ({ items: EVENTS, today: { allow: 12, deny: 3, manual: 0 } }),
      ...handlers,
    },
  });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

const row = (page: Page, id: string, part: string) => textOf(page, `#event-${id} ${part}`);
const logCalls = (server: FakeWx): Array<ActionRequest<'gate.log'>> => server.callsOf('gate.log');

describe('gate log', () => {
  it('shows today’s counts, then every event newest first with Shanghai time, who, temperature, verdict and reason', async () => {
    const server = serve();
    const page = await openPage(GATELOG);

    expect(logCalls(server)).toEqual([{ compoundId: COMPOUND_ID, from: TODAY, limit: 30 }]);
    expect(textOf(page, '#today-allow')).toBe('12');
    expect(textOf(page, '#today-deny')).toBe('3');
    expect(textsOf(page, '.gl-time')).toEqual(['07:05', '06:30', '05:00']);

    expect(row(page, 'e3', '.gl-kind')).toBe('居民 · 进');
    expect(row(page, 'e3', '.gl-who')).toBe('王*兰 · 3号楼2单元502 36.5 ℃');
    expect(row(page, 'e3', '.gl-verdict')).toBe('禁止通行');
    expect(row(page, 'e3', '.gl-reason')).toBe('出入证已被注销');
    expect(row(page, 'e3', '.gl-mismatch')).toBe('⚠ 门岗手机判定：放行');

    expect(row(page, 'e2', '.gl-who')).toBe('美团 · 138****5678');
    expect(row(page, 'e2', '.gl-reason')).toBe(GATE_REASON_TEXT.COURIER);
    expect(isShown(page, '#event-e2 .gl-mismatch')).toBe(false);

    expect(row(page, 'e1', '.gl-kind')).toBe('车辆 · 出');
    expect(row(page, 'e1', '.gl-who')).toBe('陕H12345');
    expect(row(page, 'e1', '.gl-verdict')).toBe('放行');
    expect(isShown(page, '#event-e1 .gl-reason')).toBe(false);
  });

  it('filters by kind, decision and time', async () => {
    const server = serve();
    const page = await openPage(GATELOG);

    await tap(page, '#kind-courier');
    expect(logCalls(server)[1]).toEqual({ compoundId: COMPOUND_ID, from: TODAY, limit: 30, kind: 'courier' });
    await tap(page, '#verdict-deny');
    expect(logCalls(server)[2]).toEqual({ compoundId: COMPOUND_ID, from: TODAY, limit: 30, kind: 'courier', verdict: 'deny' });
    await tap(page, '#range-24h');
    expect(logCalls(server)[3]).toEqual({ compoundId: COMPOUND_ID, from: MORNING - 24 * HOUR, limit: 30, kind: 'courier', verdict: 'deny' });
    await tap(page, '#kind-any');
    expect(logCalls(server)[4]).toEqual({ compoundId: COMPOUND_ID, from: MORNING - 24 * HOUR, limit: 30, verdict: 'deny' });
  });

  it('marks events whose gate phone had its time wrong, with what the phone said', async () => {
    const flagged: GateEventView[] = [
      { ...EVENTS[0], id: 'f1', clockFlag: 'skewed', phoneAt: MORNING - 3 * 60_000 },
      { ...EVENTS[1], id: 'f2', clockFlag: 'future', phoneAt: MORNING + 26 * HOUR },
      { ...EVENTS[2], id: 'f3', clockFlag: 'skewed' },
    ];
    serve({ 'gate.log': () => ({ items: [...flagged, EVENTS[2]], today: { allow: 1, deny: 2, manual: 0 } }) });
    const page = await openPage(GATELOG);
    expect(row(page, 'f1', '.gl-clock')).toBe('手机时间异常（手机记为 06:57）');
    expect(row(page, 'f2', '.gl-clock')).toBe('手机时间异常（手机记为 2024-03-06 09:00）');
    expect(row(page, 'f3', '.gl-clock')).toBe('手机时间异常');
    expect(isShown(page, '#event-e1 .gl-clock')).toBe(false);
  });

  it('counts “today” by the server’s day when the phone’s date is wrong', async () => {
    jest.setSystemTime(MORNING - 24 * HOUR); // the phone thinks it is yesterday
    const server = serve({}, () => Date.now() + 24 * HOUR);
    await openPage(GATELOG);
    expect(logCalls(server)).toEqual([{ compoundId: COMPOUND_ID, from: TODAY, limit: 30 }]);
  });

  it('pages on with 加载更多', async () => {
    const server = serve({
      'gate.log': ({ cursor }) =>
        cursor
          ? { items: EVENTS.slice(2), today: { allow: 12, deny: 3, manual: 0 } }
          : { items: EVENTS.slice(0, 2), next: 'page-2', today: { allow: 12, deny: 3, manual: 0 } },
    });
    const page = await openPage(GATELOG);
    await tap(page, '#more');

    expect(logCalls(server)[1]).toEqual({ compoundId: COMPOUND_ID, from: TODAY, limit: 30, cursor: 'page-2' });
    expect(textsOf(page, '.gl-time')).toEqual(['07:05', '06:30', '05:00']);
    expect(isShown(page, '#more')).toBe(false);
  });

  it('drops a slow reply for a filter the secretary has already left', async () => {
    const slow = deferred<LogReply>();
    serve({ 'gate.log': ({ kind }) => (kind ? { items: EVENTS.slice(2), today: { allow: 12, deny: 3, manual: 0 } } : slow.promise) });
    const page = await openPage(GATELOG);
    await tap(page, '#kind-vehicle');
    slow.resolve({ items: EVENTS, today: { allow: 12, deny: 3, manual: 0 } });
    await settle();
    expect(textsOf(page, '.gl-time')).toEqual(['05:00']);
  });

  it('counts today’s manual entries, filters to them, and shows each one’s reason and temperature band', async () => {
    const manual: GateEventView = {
      ...base,
      id: 'e4',
      at: MORNING + 10 * 60_000,
      kind: 'resident',
      who: '李*',
      household: '3号楼2单元502',
      temperatureBand: 'normal',
      method: 'manual',
      manualReason: '老人不会用手机',
      phoneVerdict: 'allow',
      verdict: 'allow',
    };
    const server = serve({ 'gate.log': ({ method }) => ({ items: method ? [manual] : [manual, ...EVENTS], today: { allow: 13, deny: 3, manual: 1 } }) });
    const page = await openPage(GATELOG);
    expect(textOf(page, '#today-manual')).toBe('1');
    expect(row(page, 'e4', '.gl-who')).toBe('李* · 3号楼2单元502 体温正常');
    expect(textOf(page, '#manual-e4')).toBe('人工登记 · 老人不会用手机');
    expect(isShown(page, '#manual-e3')).toBe(false);

    await tap(page, '#method-manual');
    expect(logCalls(server).at(-1)).toMatchObject({ method: 'manual' });
    expect(textsOf(page, '.gl-time')).toEqual(['07:10']);
    await tap(page, '#method-any');
    expect(logCalls(server).at(-1)).not.toHaveProperty('method');
    // The count is a shortcut to the filter.
    await tap(page, '#today-manual-box');
    expect(logCalls(server).at(-1)).toMatchObject({ method: 'manual' });
  });

  it('names a paper pass (离线出入证) and how the ID card was checked', async () => {
    const paper = (id: string, extra: Partial<GateEventView>): GateEventView => ({
      ...base,
      id,
      at: MORNING + 20 * 60_000,
      kind: 'resident',
      who: '李*',
      household: '3号楼2单元502',
      paper: true,
      phoneVerdict: 'allow',
      verdict: 'allow',
      ...extra,
    });
    const events = [
      paper('p1', { idCheck: 'confirmed', temperatureBand: 'normal' }),
      paper('p2', { idCheck: 'mismatch', phoneVerdict: 'deny', phoneReason: 'ID_MISMATCH', verdict: 'deny', reason: 'ID_MISMATCH' }),
      paper('p3', { phoneVerdict: 'deny', phoneReason: 'REVOKED', verdict: 'deny', reason: 'REVOKED' }),
      ...EVENTS,
    ];
    serve({ 'gate.log': () => ({ items: events, today: { allow: 13, deny: 5, manual: 0 } }) });
    const page = await openPage(GATELOG);
    expect(textOf(page, '#paper-p1')).toBe('离线出入证 · 已核对身份证尾号');
    expect(textOf(page, '#paper-p2')).toBe('离线出入证 · 身份证尾号不符');
    expect(row(page, 'p2', '.gl-reason')).toBe(GATE_REASON_TEXT.ID_MISMATCH);
    // A card refused before the ID check: the log does not claim a check happened.
    expect(textOf(page, '#paper-p3')).toBe('离线出入证 · 未核对身份证');
    // Phone codes carry no paper line.
    expect(isShown(page, '#paper-e3')).toBe(false);
  });

  it('says when the log cannot be loaded, and retries', async () => {
    const server = serve();
    server.offline = true;
    const page = await openPage(GATELOG);
    expect(textOf(page, '#compound', '#cp-error')).toBe('无法连接服务器，请检查网络后重试');

    server.offline = false;
    await tap(page, '#compound', '#cp-retry');
    server.offline = true;
    await tap(page, '#kind-resident');
    expect(textOf(page, '#log-error')).toBe('无法连接服务器，请检查网络后重试');
    server.offline = false;
    await tap(page, '#log-retry');
    expect(textsOf(page, '.gl-time')).toHaveLength(3);
  });
});
