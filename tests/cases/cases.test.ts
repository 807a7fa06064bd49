/** case.*: reports, validation, masking and anonymity, the lifecycle with its alert, lists, retention and a person's rights. */
import type { CaseReportReq } from '../../typings/cases';
import { ACK_WITHIN } from '../../server/alerts/model';
import { purgeExpired } from '../../server/account/retention';
import { readConfig } from '../../server/core/config';
import { DAY, HOUR, MINUTE } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';

const COMPOUND = 'sz-s1-c01-x01';
const BUILDING = 'sz-s1-c01-x01-b01';
const OTHER_BUILDING = 'sz-s1-c01-x02-b01';
const PERSON = `${BUILDING}:1-302:1`;
/** The demo seed's cases date from January: lists here look from the test's day on. */
const SINCE = { from: '2026-11-28' };
let h: Harness;
let seq = 0;

beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const returnee = (over: Partial<CaseReportReq> = {}): CaseReportReq => ({
  kind: 'returnee',
  compoundId: COMPOUND,
  buildingId: BUILDING,
  unit: '1',
  room: '302',
  personName: '王小明',
  personPhone: '13912340000',
  origin: '湖北武汉',
  arrivalDate: '2026-11-27',
  transport: 'train',
  plannedAddress: '1号楼1单元302室',
  requestId: `req-case-${++seq}`,
  ...over,
});

async function counts() {
  const [cases, alerts, outbox] = await Promise.all([h.store.count('cases', {}), h.store.count('alerts', {}), h.store.count('outbox', {})]);
  return { cases, alerts, outbox };
}

describe('report', () => {
  test('a returnee reported by a resident: stored, and a high alert for the compound’s secretary naming nobody in full', async () => {
    const v = await h.ok('demo-resident-1', 'case.report', returnee());
    expect(v).toMatchObject({
      kind: 'returnee',
      severity: 'high',
      state: 'reported',
      location: '1号楼 1单元 302室',
      person: { name: '王*明', phoneMasked: '139****0000' },
      reporter: '居民 张*',
      anonymous: false,
      reportedAt: T0,
      steps: [{ at: T0, kind: 'reported', by: '居民 张*', role: 'resident' }],
    });
    expect(v.responseMs).toBeUndefined();
    const alert = await h.store.get('alerts', `case.reported:${v.id}`);
    expect(alert).toMatchObject({ kind: 'case.reported', severity: 'high', role: 'secretary', assigneeOrgId: COMPOUND, ackDeadline: T0 + ACK_WITHIN.high });
    expect(alert!.data).toMatchObject({ caseId: v.id, who: '王*明', anonymous: false });
    expect(JSON.stringify(alert!.data)).not.toContain('王小明');
  });

  test('severity by kind: a gathering is medium, other is low', async () => {
    const g = await h.ok('demo-volunteer-1', 'case.report', {
      kind: 'gathering',
      compoundId: COMPOUND,
      buildingId: BUILDING,
      place: '东门广场',
      requestId: 'req-gather-1',
    });
    const o = await h.ok('demo-leader', 'case.report', {
      kind: 'other',
      compoundId: COMPOUND,
      buildingId: BUILDING,
      note: '楼道堆放杂物',
      requestId: 'req-other-01',
    });
    expect([g.severity, o.severity]).toEqual(['medium', 'low']);
    expect((await h.store.get('alerts', `case.reported:${o.id}`))!.ackDeadline).toBe(T0 + ACK_WITHIN.low);
  });

  test('a retried report is the same case and raises nothing more', async () => {
    const req = returnee();
    const a = await h.ok('demo-resident-1', 'case.report', req);
    const before = await counts();
    const b = await h.ok('demo-resident-1', 'case.report', req);
    expect(b.id).toBe(a.id);
    expect(await counts()).toEqual(before);
    // The same request id from someone else is another case.
    expect((await h.ok('demo-resident-2', 'case.report', req)).id).not.toBe(a.id);
  });

  test.each([
    ['returnee without its origin', { origin: undefined }, 'data.origin', '请填写「从何处返回」'],
    ['an unknown kind', { kind: 'cough' }, 'data.kind', '「类型」取值无效'],
    ['a day that does not exist', { arrivalDate: '2026-02-30' }, 'data.arrivalDate', '日期不存在'],
    ['an arrival far ahead', { arrivalDate: '2027-03-01' }, 'data.arrivalDate', '抵达日期'],
    ['a field of another kind', { contactOf: '张三' }, 'data.contactOf', '不适用'],
    ['a bad phone', { personPhone: '12345' }, 'data.personPhone', '手机号'],
    ['a malformed person id', { personId: 'nope' }, 'data.personId', '居民档案编号格式不正确'],
    ['a person of another building', { personId: `${OTHER_BUILDING}:1-101:1` }, 'data.personId', '不属于所选楼栋'],
    ['a member the census does not hold', { personId: `${BUILDING}:1-302:9` }, 'data.personId', '「居民档案编号」在本楼栋的摸底名单中找不到'],
    ['a room not yet visited', { personId: `${BUILDING}:1-601:1` }, 'data.personId', '摸底名单'],
    ['a member id that is not the census’s', { personId: `${BUILDING}:1-302:m1` }, 'data.personId', '居民档案编号格式不正确'],
    ['a building of another compound', { buildingId: OTHER_BUILDING }, 'data.buildingId', '楼栋不在该小区'],
    ['a control character in the note', { note: '有人\u202e返乡' }, 'data.note', '控制字符'],
    ['an unknown field', { idCard: 'x' }, 'data.idCard', '不支持的字段'],
    ['no request id', { requestId: undefined }, 'data.requestId', '请求编号'],
  ])('%s is refused naming the field, and nothing is written', async (_name, over, field, message) => {
    const before = await counts();
    const r = await h.call('demo-resident-1', 'case.report', returnee(over as Partial<CaseReportReq>));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    expect(r.error.message).toContain(message);
    expect(r.meter.writes).toBe(0);
    expect(await counts()).toEqual(before);
  });

  test('per-kind requirements: a contact needs whom, when, where; a fever’s temperature is a fever', async () => {
    const base = { compoundId: COMPOUND, buildingId: BUILDING, requestId: 'req-kind-001' };
    const c = await h.call('demo-resident-1', 'case.report', { ...base, kind: 'contact', contactOf: '确诊病例刘某', place: '超市' });
    expect(!c.ok && c.error.details?.field).toBe('data.contactDate');
    const f = await h.call('demo-resident-1', 'case.report', { ...base, kind: 'fever', temperature: 36.5 });
    expect(!f.ok && f.error.details?.field).toBe('data.temperature');
    expect((await h.ok('demo-resident-1', 'case.report', { ...base, kind: 'fever', temperature: 38.2, place: '小区南门外' })).temperature).toBe(38.2);
  });
});

describe('anonymous reports', () => {
  test('the reporter is 匿名 for the secretary, the leader, staff and in the alert and its pushes; only their own list has it', async () => {
    const v = await h.ok('demo-resident-2', 'case.report', returnee({ anonymous: true }));
    expect(v.reporter).toBe('匿名');
    for (const who of ['demo-secretary', 'demo-leader', 'demo-community-staff']) {
      const got = await h.ok(who, 'case.get', { caseId: v.id });
      expect([got.reporter, got.steps[0].by, got.steps[0].role]).toEqual(['匿名', '匿名', undefined]);
      const text = JSON.stringify(got);
      expect(text).not.toContain('陈芳');
      expect(text).not.toContain('demo-resident-2');
    }
    const alert = (await h.store.get('alerts', `case.reported:${v.id}`))!;
    const pushes = (await h.store.query('outbox', {})).items;
    expect(pushes.length).toBeGreaterThan(0);
    for (const stored of [alert, ...pushes]) {
      expect(JSON.stringify(stored)).not.toContain('demo-resident-2');
      expect(JSON.stringify(stored)).not.toContain('陈芳');
    }
    const alertView = (await h.ok('demo-secretary', 'alert.list', {})).items.find((a) => a.id === alert._id)!;
    expect(alertView.steps[0].by).toBeUndefined();
    // The secretary's full-name read logs the person, never the anonymous reporter.
    const logs = (await h.store.query('accessLog', {})).items;
    expect(logs.flatMap((l) => l.subjects)).not.toContain('demo-resident-2');
    expect((await h.ok('demo-resident-2', 'case.mine', {})).items.map((c) => c.id)).toEqual([v.id]);
  });
});

describe('who sees what', () => {
  test('the leader sees names masked and nothing is logged; the secretary sees them in full and the read is logged', async () => {
    const v = await h.ok('demo-volunteer-1', 'case.report', returnee());
    const masked = (await h.ok('demo-leader', 'case.list', { orgId: BUILDING, ...SINCE })).items[0];
    expect([masked.person?.name, masked.reporter]).toEqual(['王*明', '志愿者 赵*']);
    expect(await h.store.count('accessLog', {})).toBe(0);
    const full = (await h.ok('demo-secretary', 'case.list', { orgId: COMPOUND, ...SINCE })).items[0];
    expect([full.person?.name, full.person?.phoneMasked, full.reporter]).toEqual(['王小明', '139****0000', '志愿者 赵磊']);
    const log = (await h.store.query('accessLog', {})).items;
    expect(log).toEqual([
      expect.objectContaining({ viewer: 'demo-secretary', action: 'case.list', subjects: ['demo-volunteer-1'], records: [`case:${v.id}`] }),
    ]);
  });

  test('another compound’s case is not found, as a missing one', async () => {
    const v = await h.ok('demo-resident-other', 'case.report', {
      kind: 'nomask',
      compoundId: 'sz-s1-c01-x02',
      buildingId: OTHER_BUILDING,
      place: '楼下',
      requestId: 'req-other-x2',
    });
    const r = await h.call('demo-secretary', 'case.get', { caseId: v.id });
    expect(!r.ok && r.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'data.caseId' } });
    expect((await h.ok('demo-secretary', 'case.list', { orgId: COMPOUND, ...SINCE })).items).toEqual([]);
    expect((await h.ok('demo-community-staff', 'case.list', { orgId: 'sz-s1-c01', ...SINCE })).items.map((c) => c.id)).toEqual([v.id]);
  });
});

describe('lifecycle', () => {
  test('reported → acknowledged → dissuaded → home observation → closed, each step timed with its actor; the alert follows', async () => {
    const v = await h.ok('demo-resident-1', 'case.report', returnee({ personId: PERSON }));
    const key = `case.reported:${v.id}`;
    h.clock.advance(5 * MINUTE);
    const acked = await h.ok('demo-secretary', 'case.update', { caseId: v.id, step: 'acknowledge', requestId: 'upd-ack-0001' });
    expect(acked.state).toBe('acknowledged');
    expect(acked.responseMs).toBeUndefined();
    expect((await h.store.get('alerts', key))!.status).toBe('acked');
    h.clock.advance(20 * MINUTE);
    const dissuaded = await h.ok('demo-secretary', 'case.update', {
      caseId: v.id,
      step: 'action',
      action: 'dissuaded',
      note: '已电话劝其暂缓外出',
      requestId: 'upd-act-0001',
    });
    expect(dissuaded).toMatchObject({ state: 'acting', firstActionAt: T0 + 25 * MINUTE, responseMs: 25 * MINUTE });
    h.clock.advance(HOUR);
    const observing = await h.ok('demo-community-staff', 'case.update', { caseId: v.id, step: 'action', action: 'observation', requestId: 'upd-obs-0001' });
    expect(observing.observation).toEqual({ personId: PERSON, start: '2026-11-28', end: '2026-12-11', days: 14 });
    expect(observing.responseMs).toBe(25 * MINUTE);
    expect(observing.steps.map((s) => [s.kind, s.action ?? s.outcome ?? null, s.by])).toEqual([
      ['reported', null, '居民 张伟'],
      ['acknowledged', null, '小区书记 代红军'],
      ['action', 'dissuaded', '小区书记 代红军'],
      ['action', 'observation', '工作人员 李干事'],
    ]);
    h.clock.advance(14 * DAY);
    const closed = await h.ok('demo-secretary', 'case.update', { caseId: v.id, step: 'close', outcome: 'released', requestId: 'upd-close-001' });
    expect(closed).toMatchObject({ state: 'closed', outcome: 'released', closedAt: h.clock.now() });
    expect((await h.store.get('cases', v.id))!.observing).toBeUndefined();
    expect((await h.store.get('alerts', key))!.status).toBe('resolved');
    const again = await h.call('demo-secretary', 'case.update', { caseId: v.id, step: 'action', action: 'handover', requestId: 'upd-late-001' });
    expect(!again.ok && again.error.code).toBe('FAILED_PRECONDITION');
  });

  test('a retried update writes nothing; a second acknowledgement is a conflict', async () => {
    const v = await h.ok('demo-resident-1', 'case.report', returnee());
    const req = { caseId: v.id, step: 'action' as const, action: 'handover' as const, requestId: 'upd-retry-01' };
    const first = await h.ok('demo-secretary', 'case.update', req);
    const stored = await h.store.get('cases', v.id);
    const retry = await h.ok('demo-secretary', 'case.update', req);
    expect(retry).toEqual(first);
    expect(await h.store.get('cases', v.id)).toEqual(stored);
    // Acting acknowledged it too.
    expect(first.steps.map((s) => s.kind)).toEqual(['reported', 'acknowledged', 'action']);
    const ack = await h.call('demo-secretary', 'case.update', { caseId: v.id, step: 'acknowledge', requestId: 'upd-ack-late1' });
    expect(!ack.ok && ack.error.code).toBe('CONFLICT');
  });

  test.each([
    ['no action without a reason', { step: 'action', action: 'none' }, 'data.note'],
    ['an action without its kind', { step: 'action' }, 'data.action'],
    ['an outcome on an acknowledgement', { step: 'acknowledge', outcome: 'resolved' }, 'data.outcome'],
    ['observation days on dissuasion', { step: 'action', action: 'dissuaded', observationDays: 7 }, 'data.observationDays'],
    ['observation without a person', { step: 'action', action: 'observation' }, 'data.personId'],
    ['observation of someone in another building', { step: 'action', action: 'observation', personId: `${OTHER_BUILDING}:1-101:1` }, 'data.personId'],
    ['observation of someone the census does not hold', { step: 'action', action: 'observation', personId: `${BUILDING}:1-302:9` }, 'data.personId'],
    ['observation of 30 days', { step: 'action', action: 'observation', personId: PERSON, observationDays: 30 }, 'data.observationDays'],
    ['observation starting a month ago', { step: 'action', action: 'observation', personId: PERSON, observationStart: '2026-10-28' }, 'data.observationStart'],
    ['a close without an outcome', { step: 'close' }, 'data.outcome'],
  ])('%s is refused naming the field, and nothing is written', async (_name, over, field) => {
    const v = await h.ok('demo-resident-1', 'case.report', returnee({ personId: undefined }));
    const stored = await h.store.get('cases', v.id);
    const r = await h.call('demo-secretary', 'case.update', { caseId: v.id, requestId: 'upd-bad-0001', ...over } as never);
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    expect(r.meter.writes).toBe(0);
    expect(await h.store.get('cases', v.id)).toEqual(stored);
  });

  test('closing before any action is refused unless the report proved unfounded', async () => {
    const v = await h.ok('demo-resident-1', 'case.report', returnee());
    const r = await h.call('demo-secretary', 'case.update', { caseId: v.id, step: 'close', outcome: 'resolved', requestId: 'upd-close-01' });
    expect(!r.ok && r.error.code).toBe('FAILED_PRECONDITION');
    const closed = await h.ok('demo-secretary', 'case.update', {
      caseId: v.id,
      step: 'close',
      outcome: 'unfounded',
      note: '核实为本地住户',
      requestId: 'upd-close-02',
    });
    expect([closed.state, closed.responseMs]).toEqual(['closed', undefined]);
  });

  test('a leader reads their building’s cases but may not act', async () => {
    const v = await h.ok('demo-resident-1', 'case.report', returnee());
    const r = await h.call('demo-leader', 'case.update', { caseId: v.id, step: 'acknowledge', requestId: 'upd-leader-1' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});

describe('list', () => {
  test('filters by kind, state and days; newest first; paged', async () => {
    const a = await h.ok('demo-resident-1', 'case.report', returnee());
    h.clock.advance(DAY);
    const b = await h.ok('demo-volunteer-1', 'case.report', {
      kind: 'gathering',
      compoundId: COMPOUND,
      buildingId: BUILDING,
      place: '东门广场',
      requestId: 'req-list-002',
    });
    h.clock.advance(DAY);
    const c = await h.ok('demo-volunteer-1', 'case.report', {
      kind: 'nomask',
      compoundId: COMPOUND,
      buildingId: 'sz-s1-c01-x01-b02',
      place: '2号楼下',
      requestId: 'req-list-003',
    });
    await h.ok('demo-secretary', 'case.update', { caseId: b.id, step: 'action', action: 'dissuaded', requestId: 'upd-list-001' });
    const ids = async (data: Record<string, unknown>) =>
      (await h.ok('demo-secretary', 'case.list', { orgId: COMPOUND, ...SINCE, ...data })).items.map((x) => x.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ kind: 'returnee' })).toEqual([a.id]);
    expect(await ids({ state: 'acting' })).toEqual([b.id]);
    expect(await ids({ from: '2026-11-29', to: '2026-11-29' })).toEqual([b.id]);
    expect(await ids({ orgId: BUILDING })).toEqual([b.id, a.id]);
    const p1 = await h.ok('demo-secretary', 'case.list', { orgId: COMPOUND, ...SINCE, limit: 2 });
    const p2 = await h.ok('demo-secretary', 'case.list', { orgId: COMPOUND, ...SINCE, limit: 2, cursor: p1.next });
    expect([...p1.items, ...p2.items].map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect(p2.next).toBeUndefined();
    const bad = await h.call('demo-secretary', 'case.list', { orgId: COMPOUND, from: '2026-11-30', to: '2026-11-28' });
    expect(!bad.ok && bad.error.details?.field).toBe('data.to');
  });
});

describe('retention and rights', () => {
  test('a closed case is purged the retention period after closing; an open one stays', async () => {
    const open = await h.ok('demo-resident-1', 'case.report', returnee());
    const done = await h.ok('demo-resident-1', 'case.report', returnee());
    await h.ok('demo-secretary', 'case.update', { caseId: done.id, step: 'close', outcome: 'unfounded', requestId: 'upd-ret-0001' });
    const config = readConfig({});
    const early = await purgeExpired(h.store, T0 + (config.retention.days - 1) * DAY, config);
    expect(early.cases).toBe(0);
    const late = await purgeExpired(h.store, T0 + (config.retention.days + 1) * DAY, config);
    expect(late.cases).toBe(1);
    const left = (await h.store.query('cases', {})).items.map((c) => c._id);
    expect(left).toContain(open.id);
    expect(left).not.toContain(done.id);
  });

  test('export lists the reporter’s cases (anonymous too, persons masked); delete takes their name and openid off them and keeps the case', async () => {
    const named = await h.ok('demo-resident-1', 'case.report', returnee());
    const anon = await h.ok('demo-resident-1', 'case.report', returnee({ anonymous: true }));
    const exp = await h.ok('demo-resident-1', 'account.export', {});
    expect(exp.data.cases.map((c) => c.id).sort()).toEqual([named.id, anon.id].sort());
    expect(JSON.stringify(exp.data.cases)).not.toContain('王小明');
    expect(exp.summary).toContain('上报的疫情线索：2 条');
    await h.ok('demo-secretary', 'case.update', { caseId: named.id, step: 'acknowledge', requestId: 'upd-rights-1' });
    const r = await h.ok('demo-resident-1', 'account.delete', { confirm: '确认注销' });
    expect(r.casesReported).toBe(2);
    const kept = (await h.store.get('cases', named.id))!;
    expect(JSON.stringify(kept)).not.toContain('demo-resident-1');
    expect(JSON.stringify(kept)).not.toContain('张伟');
    expect(kept.steps[1].byId).toBe('demo-secretary');
    expect((await h.ok('demo-secretary', 'case.get', { caseId: named.id })).reporter).toBe('居民');
    expect((await h.ok('demo-resident-1', 'account.delete', { confirm: '确认注销' })).casesReported).toBe(0);
  });
});
