/**
 * The world the authorization matrix and the fuzzers call into: the demo district, a second one no
 * demo caller holds a role in, the fixtures the matrix's cases act on (passes, notices, alerts, duty
 * posts and shifts), the callers, and a well-formed request for every action, in scope or not.
 */
import type { ActionName } from '../../typings/api';
import { ed25519 } from '../../miniprogram/vendor/ed25519';
import { b64urlEncode } from '../../miniprogram/shared/pass/bytes';
import type { NoticeDoc } from '../../server/notices/model';
import type { PassDoc } from '../../server/pass/model';
import { raiseAlerts } from '../../server/alerts/model';
import { expandPattern } from '../../server/duty/rota';
import type { PostDoc } from '../../server/duty/model';
import { CASE_IDS } from './case-fixtures';
import { newAdminClaim, storeAdminClaim } from '../../server/account/claim';
import { makeHarness, T0, type Harness } from './harness';
import { tempExportFiles } from './exports';
import { addGridFixtures, GRID_MISSING, gridById, gridCases } from './grid-world';
import { addWhistleWorld, WHISTLE_BY_ID, WHISTLE_MISSING, whistleCases } from './whistle-world';
export { resetWhistleRow } from './whistle-world';

export type Who = 'admin' | 'streetStaff' | 'communityStaff' | 'secretary' | 'volunteer' | 'leader' | 'resident' | 'nobody';

export const CALLER: Record<Who, string> = {
  admin: 'demo-admin',
  streetStaff: 'demo-street-staff',
  communityStaff: 'demo-community-staff',
  secretary: 'demo-secretary',
  volunteer: 'demo-volunteer-1',
  leader: 'demo-leader',
  resident: 'demo-resident-1',
  nobody: 'wx-never-seen-0001',
};

/** A node each caller holds, and one outside every demo account's reach (a second district). */
export const OWN: Record<Who, string> = {
  admin: 'sz',
  streetStaff: 'sz-s1',
  communityStaff: 'sz-s1-c01',
  secretary: 'sz-s1-c01-x01',
  volunteer: 'sz-s1-c01-x01',
  leader: 'sz-s1-c01-x01-b01',
  resident: 'sz-s1-c01-x01-b01',
  nobody: 'sz-s1-c01-x01-b01',
};
export const OUTSIDE = { district: 'xd', building: 'xd-b1', compound: 'xd-x1', gate: 'xd-x1-g1' };
const COMPOUND_IN = 'sz-s1-c01-x01';
const GATE_IN = 'sz-s1-c01-x01-g1';
const DEVICE_KEY = b64urlEncode(ed25519.getPublicKey(new Uint8Array(32).fill(9)));

/** Passes the cases act on: inside the demo compound and in the other district. */
const PASSES = {
  pendingIn: 'pendingin1',
  pendingOut: 'pendingou1',
  approvedIn: 'approvein1',
  approvedOut: 'approveou1',
  holderIn: 'holderin01',
  holderOut: 'holderou01',
};
const NOTICES = { in: 'nmatrixin0001', out: 'nmatrixout001' };
const ALERTS = { in: 'gate.fever:matrix-in', out: 'gate.fever:matrix-out' };
/** A live first-admin code for the demo district, stored afresh after every row (it is single use). */
export const CLAIM = newAdminClaim('sz', T0);
let eventSeq = 0;
const courierEvent = () => ({ id: `evt-matrix-${++eventSeq}`, at: T0, kind: 'courier', direction: 'in', person: { courierKind: 'courier', company: '顺丰' } });

/** A building inside each caller's subtree (their own building, or the first under their node). */
const BUILDING_IN = 'sz-s1-c01-x01-b01';

/** Duty fixtures: the demo census post (seeded), shifts made from it in beforeAll, and things in the other district. */
const DUTY = {
  postIn: 'sz-s1-c01-x01-p-census',
  running: 'sz-s1-c01-x01-p-census-202611280800-240',
  ahead: 'sz-s1-c01-x01-p-census-202611290800-240',
  postOut: 'xd-x1-p-census',
  shiftOut: 'xd-x1-p-census-202611290800-240',
  unitOut: 'u-matrix-out',
  code: '',
};

/** Disinfection fixtures: a seeded area of the demo compound, one in the other district, and a log
 * every caller already made with requestId `matrix-log-1` (another agent answers CONFLICT, after authorization). */
const AREAS = { in: 'sz-s1-c01-x01-b01-d', out: 'xd-x1-d-bins', requestId: 'matrix-log-1' };

export type Case = { data: (w: Who, inScope: boolean) => Record<string, unknown> };
export const CASES: Record<ActionName, Case> = {
  'account.me': { data: () => ({}) },
  'account.accessLog': { data: () => ({}) },
  'account.export': { data: () => ({}) },
  'account.delete': { data: () => ({ confirm: '确认注销' }) },
  'account.register': {
    data: () => ({ name: '吴新', phone: '13912345678', buildingId: BUILDING_IN, unit: '2', room: '301' }),
  },
  'account.grant': {
    data: (_w, inScope) => ({ openid: 'demo-resident-other', role: 'resident', orgId: inScope ? BUILDING_IN : OUTSIDE.building }),
  },
  'account.revoke': {
    data: (_w, inScope) => ({ openid: 'demo-resident-2', role: 'resident', orgId: inScope ? BUILDING_IN : OUTSIDE.building }),
  },
  'account.redeem': { data: () => ({ code: CLAIM.code }) },
  'account.invite': { data: (w, inScope) => ({ role: 'leader', orgId: inScope ? BUILDING_IN : OUTSIDE.building, requestId: `inv-matrix-${w}` }) },
  'org.tree': { data: (w, inScope) => ({ parentId: inScope ? OWN[w] : OUTSIDE.district }) },
  'org.get': { data: (_w, inScope) => ({ id: inScope ? 'sz' : OUTSIDE.district }) },
  'org.posterCode': { data: (_w, inScope) => ({ buildingId: inScope ? BUILDING_IN : OUTSIDE.building }) },
  'org.directory': { data: (_w, inScope) => (inScope ? {} : { parentId: OUTSIDE.district }) },
  'pass.apply': { data: () => ({ relation: 'self', reason: '居家生活' }) },
  'pass.mine': { data: () => ({}) },
  'pass.credential': { data: (_w, inScope) => ({ passId: inScope ? PASSES.holderIn : PASSES.holderOut, devicePublicKey: DEVICE_KEY }) },
  'pass.pending': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'pass.list': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'pass.approveMany': { data: (_w, inScope) => ({ passIds: [inScope ? PASSES.pendingIn : PASSES.pendingOut] }) },
  'pass.review': { data: (_w, inScope) => ({ passId: inScope ? PASSES.pendingIn : PASSES.pendingOut, decision: 'approve' }) },
  'pass.revoke': { data: (_w, inScope) => ({ passId: inScope ? PASSES.approvedIn : PASSES.approvedOut, reason: '已搬离小区' }) },
  'pass.paper': {
    // In: the resident's own pass, in the secretary's compound; out: someone else's, or the other district's.
    data: (w, inScope) => ({
      passId: inScope ? PASSES.holderIn : w === 'resident' ? PASSES.holderOut : PASSES.approvedOut,
      idTail: '123X',
    }),
  },
  'pass.trust': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'pass.rotateKey': { data: () => ({}) },
  'gate.list': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'gate.check': { data: (_w, inScope) => ({ gateId: inScope ? GATE_IN : OUTSIDE.gate, event: courierEvent() }) },
  'gate.sync': {
    data: (_w, inScope) => ({ gateId: inScope ? GATE_IN : OUTSIDE.gate, events: [{ ...courierEvent(), verdict: 'deny', reason: 'COURIER' }] }),
  },
  'gate.log': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'gate.lookup': {
    data: (_w, inScope) =>
      inScope
        ? { compoundId: COMPOUND_IN, buildingId: 'sz-s1-c01-x01-b01', unit: '1', room: '101' }
        : { compoundId: OUTSIDE.compound, buildingId: OUTSIDE.building, unit: '1', room: '101' },
  },
  'gate.policy': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound, visitorsAllowed: false, reason: '疫情期间谢绝访客' }) },
  'vehicle.register': {
    data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound, plate: '陕H88888', ownerName: '吴新', ownerPhone: '13912345678' }),
  },
  'vehicle.list': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'notice.publish': {
    data: (w, inScope) => ({
      scopeOrgId: inScope ? OWN[w] : OUTSIDE.district,
      title: '核酸检测通知',
      body: '明早八点在小区东门核酸检测',
      level: 'normal',
      audience: 'all',
      requireAck: false,
    }),
  },
  'notice.inbox': { data: () => ({}) },
  'notice.get': { data: (_w, inScope) => ({ noticeId: inScope ? NOTICES.in : NOTICES.out }) },
  'notice.read': { data: (_w, inScope) => ({ noticeId: inScope ? NOTICES.in : NOTICES.out }) },
  'notice.ack': { data: (_w, inScope) => ({ noticeId: inScope ? NOTICES.in : NOTICES.out }) },
  'notice.progress': { data: (w, inScope) => ({ noticeId: NOTICES.in, orgId: inScope ? OWN[w] : OUTSIDE.district }) },
  'notice.sent': { data: (w, inScope) => ({ orgId: inScope ? OWN[w] : OUTSIDE.district }) },
  'message.subscribed': { data: (w) => ({ requestId: `req-matrix-${w}`, answers: { passDecision: 'accept' } }) },
  'message.quota': { data: () => ({}) },
  // Party, volunteers and duty: fixtures DUTY.* are made in beforeAll below.
  'party.list': { data: (_w, inScope) => ({ orgId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'party.save': {
    data: (_w, inScope) => ({
      orgId: inScope ? COMPOUND_IN : OUTSIDE.compound,
      kind: 'group',
      name: '矩阵党小组',
      buildingIds: [inScope ? BUILDING_IN : OUTSIDE.building],
    }),
  },
  'party.remove': { data: (_w, inScope) => ({ unitId: inScope ? 'u-demo-group2' : DUTY.unitOut }) },
  'volunteer.join': {
    data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound, name: '吴新', phone: '13912345678', skills: ['it'], partyMember: false }),
  },
  'volunteer.mine': { data: () => ({}) },
  'volunteer.list': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'volunteer.approve': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound, openid: 'demo-resident-2', decision: 'approve' }) },
  'duty.savePost': {
    data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound, kind: 'publicity', name: '矩阵宣传岗', minHeads: 1, maxHeads: 2 }),
  },
  'duty.posts': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'duty.postCode': { data: (_w, inScope) => ({ postId: inScope ? DUTY.postIn : DUTY.postOut }) },
  'duty.generate': {
    data: (_w, inScope) => ({
      compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound,
      postIds: [inScope ? DUTY.postIn : DUTY.postOut],
      from: '2026-11-30',
      days: 1,
      shifts: [{ start: '08:00', end: '12:00' }],
    }),
  },
  'duty.shifts': { data: (_w, inScope) => ({ compoundId: inScope ? COMPOUND_IN : OUTSIDE.compound }) },
  'duty.signup': { data: (_w, inScope) => ({ shiftId: inScope ? DUTY.ahead : DUTY.shiftOut }) },
  'duty.assign': { data: (_w, inScope) => ({ shiftId: inScope ? DUTY.ahead : DUTY.shiftOut, openid: 'demo-volunteer-2' }) },
  'duty.withdraw': { data: (_w, inScope) => ({ shiftId: inScope ? DUTY.ahead : DUTY.shiftOut }) },
  'duty.suggest': { data: (_w, inScope) => ({ shiftId: inScope ? DUTY.ahead : DUTY.shiftOut }) },
  'duty.checkIn': { data: (_w, inScope) => ({ shiftId: inScope ? DUTY.running : DUTY.shiftOut, code: DUTY.code }) },
  'duty.checkOut': { data: (_w, inScope) => ({ shiftId: inScope ? DUTY.running : DUTY.shiftOut }) },
  'duty.mine': { data: () => ({}) },
  'duty.coverage': { data: (w, inScope) => ({ orgId: inScope ? OWN[w] : OUTSIDE.district }) },
  'duty.hours': { data: (w, inScope) => ({ orgId: inScope ? OWN[w] : OUTSIDE.district }) },
  ...whistleCases({ own: OWN, outside: OUTSIDE, compoundIn: COMPOUND_IN, unitOut: DUTY.unitOut }),
  ...gridCases({ own: OWN, outside: OUTSIDE, compoundIn: COMPOUND_IN, buildingIn: BUILDING_IN, caseIds: CASE_IDS, areas: AREAS }),
  'stats.dashboard': { data: (w, inScope) => ({ orgId: inScope ? OWN[w] : OUTSIDE.district }) },
  'alert.list': { data: () => ({}) },
  'alert.ack': { data: (_w, inScope) => ({ alertId: inScope ? ALERTS.in : ALERTS.out }) },
  'alert.resolve': { data: (_w, inScope) => ({ alertId: inScope ? ALERTS.in : ALERTS.out, note: '已送医隔离观察' }) },
};

/**
 * Actions that name a document by id (ARCHITECTURE.md §6): a caller the document is not for gets
 * the answer a missing id gets. `field`: the id's field (MISSING: an id of that kind no document has);
 * `data`: the request naming the other district's document, where the matrix case varies something
 * else (a target node); `outsider`: who asks (default: the first demo caller whose role the action admits).
 */
export const MISSING = {
  passId: 'missing001',
  passIds: ['missing001'],
  gateId: 'xd-x1-g9',
  noticeId: 'nmissing00001',
  unitId: 'u-missing',
  postId: 'xd-x1-p-missing',
  postIds: ['xd-x1-p-missing'],
  shiftId: 'xd-x1-p-census-209911290800-240',
  alertId: 'gate.fever:missing',
  ...WHISTLE_MISSING,
  ...GRID_MISSING,
};
export const BY_ID: Partial<Record<ActionName, { field: keyof typeof MISSING; data?: () => Record<string, unknown>; outsider?: Who }>> = {
  'pass.credential': { field: 'passId' },
  'pass.review': { field: 'passId' },
  'pass.approveMany': { field: 'passIds' },
  'pass.revoke': { field: 'passId' },
  'pass.paper': { field: 'passId' },
  'gate.check': { field: 'gateId' },
  'gate.sync': { field: 'gateId' },
  'notice.get': { field: 'noticeId' },
  'notice.read': { field: 'noticeId' },
  'notice.ack': { field: 'noticeId' },
  'notice.progress': { field: 'noticeId', data: () => ({ noticeId: NOTICES.out }) },
  'party.remove': { field: 'unitId' },
  'party.save': {
    field: 'unitId',
    data: () => ({ orgId: COMPOUND_IN, kind: 'group', name: '外区党小组', buildingIds: [BUILDING_IN], unitId: DUTY.unitOut }),
  },
  'duty.postCode': { field: 'postId' },
  'duty.savePost': {
    field: 'postId',
    data: () => ({ compoundId: COMPOUND_IN, postId: DUTY.postOut, kind: 'census', name: '外区岗', minHeads: 1, maxHeads: 3 }),
  },
  'duty.generate': {
    field: 'postIds',
    data: () => ({ compoundId: COMPOUND_IN, postIds: [DUTY.postOut], from: '2026-11-30', days: 1, shifts: [{ start: '08:00', end: '12:00' }] }),
  },
  'duty.signup': { field: 'shiftId' },
  'duty.assign': { field: 'shiftId' },
  'duty.withdraw': { field: 'shiftId' },
  'duty.suggest': { field: 'shiftId' },
  'duty.checkIn': { field: 'shiftId' },
  'duty.checkOut': { field: 'shiftId' },
  'alert.ack': { field: 'alertId' },
  'alert.resolve': { field: 'alertId' },
  ...WHISTLE_BY_ID,
  ...gridById(COMPOUND_IN, AREAS.out),
  'volunteer.join': {
    field: 'unitId',
    data: () => ({ compoundId: COMPOUND_IN, name: '吴新', phone: '13912345678', skills: ['it'], partyMember: true, unitId: DUTY.unitOut }),
    outsider: 'resident',
  },
};
/** Ids that only narrow a query of the target compound (no document is read by them). */
export const FILTER_ONLY: ActionName[] = ['duty.shifts', 'gate.log', 'disinfect.logs'];

/** A fresh world: the demo district and every fixture above. */
export async function makeWorld(): Promise<Harness> {
  const h = await makeHarness({ services: { exportFiles: tempExportFiles() } });
  // A second district nobody in the demo holds a role in.
  await h.store.insertMany('orgs', [
    { _id: 'xd', name: '外区', level: 'district', depth: 0, parentId: null, path: [], childCount: 1, order: 1 },
    { _id: 'xd-b1', name: '外区1号楼', level: 'building', depth: 1, parentId: 'xd', path: ['xd'], childCount: 0, order: 0 },
    { _id: 'xd-x1', name: '外区小区', level: 'compound', depth: 1, parentId: 'xd', path: ['xd'], childCount: 0, order: 1 },
  ]);
  await h.store.insert('gates', { _id: OUTSIDE.gate, compoundId: OUTSIDE.compound, compoundPath: ['xd'], name: '东门', order: 0 });
  const pass = (id: string, status: PassDoc['status'], inside: boolean, holder = 'demo-resident-2'): PassDoc => ({
    _id: id,
    compoundId: inside ? COMPOUND_IN : OUTSIDE.compound,
    compoundName: inside ? '威尼斯水城' : '外区小区',
    compoundPath: inside ? ['sz', 'sz-s1', 'sz-s1-c01'] : ['xd'],
    buildingId: inside ? 'sz-s1-c01-x01-b01' : 'xd-b1',
    holder,
    name: '陈芳',
    relation: 'self',
    household: '1号楼1单元101',
    reason: '居家生活',
    status,
    lockId: `lock-${id}`,
    createdAt: T0,
    ...(status === 'approved' ? { validFrom: T0, validUntil: T0 + 30 * 86_400_000 } : {}),
  });
  const notice = (id: string, scope: string, scopePath: string[]): NoticeDoc => ({
    _id: id,
    scopeOrgId: scope,
    scopeName: scope,
    scopeLevel: 'district',
    scopePath,
    scopeChain: [...scopePath, scope],
    title: '通知',
    body: '内容',
    level: 'normal',
    audience: 'all',
    requireAck: true,
    publishedAt: T0,
    publishedBy: 'demo-admin',
    publisherName: '区防控办',
    push: 'none',
  });
  // Duty: a post, a shift and a unit in the other district; in the demo compound a shift ahead
  // and one running now with demo-volunteer-1 on it, made through the API an hour early.
  const outPost: PostDoc = {
    _id: DUTY.postOut,
    compoundId: OUTSIDE.compound,
    compoundName: '外区小区',
    path: ['xd', OUTSIDE.compound],
    kind: 'census',
    name: '外区岗',
    requiredSkills: [],
    preferredSkills: [],
    minHeads: 1,
    maxHeads: 3,
    checkInBy: 'either',
    alwaysOn: false,
    active: true,
    order: 0,
    createdAt: T0,
    updatedAt: T0,
  };
  await h.store.insert('posts', outPost);
  await h.store.insertMany('shifts', expandPattern([outPost], { from: '2026-11-29', days: 1, shifts: [{ start: '08:00', end: '12:00' }] }, 'matrix', T0));
  await h.store.insert('partyUnits', {
    _id: DUTY.unitOut,
    kind: 'group',
    name: '外区党小组',
    orgId: OUTSIDE.compound,
    orgName: '外区小区',
    orgLevel: 'compound',
    path: ['xd'],
    buildingIds: [],
    createdAt: T0,
    updatedAt: T0,
  });
  h.clock.set(T0 - 3_600_000);
  await h.ok('demo-secretary', 'duty.generate', {
    compoundId: COMPOUND_IN,
    postIds: [DUTY.postIn],
    from: '2026-11-28',
    days: 2,
    shifts: [{ start: '08:00', end: '12:00' }],
  });
  await h.ok('demo-volunteer-1', 'duty.signup', { shiftId: DUTY.running });
  DUTY.code = (await h.ok('demo-secretary', 'duty.postCode', { postId: DUTY.postIn })).code;
  h.clock.set(T0);
  await raiseAlerts(
    h.store,
    [
      { key: ALERTS.in, kind: 'gate.fever', severity: 'high', orgId: COMPOUND_IN, data: { temperature: 38.1 } },
      { key: ALERTS.out, kind: 'gate.fever', severity: 'high', orgId: OUTSIDE.compound, data: { temperature: 38.2 } },
    ],
    T0,
  );
  await h.store.insertMany('notices', [notice(NOTICES.in, 'sz', []), notice(NOTICES.out, 'xd', [])]);
  await h.store.insertMany('passes', [
    pass(PASSES.pendingIn, 'pending', true),
    pass(PASSES.pendingOut, 'pending', false),
    pass(PASSES.approvedIn, 'approved', true),
    pass(PASSES.approvedOut, 'approved', false),
    pass(PASSES.holderIn, 'approved', true, 'demo-resident-1'),
    pass(PASSES.holderOut, 'approved', true, 'demo-resident-2'),
  ]);
  await storeAdminClaim(h.store, CLAIM.doc);
  await addWhistleWorld(h);
  await addGridFixtures(h, { compoundIn: COMPOUND_IN, buildingIn: BUILDING_IN, outside: OUTSIDE, areas: AREAS, callers: Object.values(CALLER) });
  return h;
}

/** The demo callers in the order actors are picked: the widest reach first. */
const ACTING: Who[] = ['admin', 'streetStaff', 'communityStaff', 'secretary', 'volunteer', 'leader', 'resident'];

/** The first demo caller holding a role `action` allows whose well-formed request in scope is not refused as FORBIDDEN; the probe calls on `h`. */
export async function actorFor(h: Pick<Harness, 'call'>, action: ActionName, opts: { succeeding?: boolean } = {}): Promise<Who> {
  // With `succeeding`, the first caller the call succeeds for (a business rule such as "hand over
  // your roles first" must not stop a fault run), else the first its rule lets in.
  let allowed: Who | undefined;
  for (const who of ACTING) {
    const r = await h.call(CALLER[who], action, CASES[action].data(who, true) as never);
    if (r.ok) return who;
    if (r.error.code !== 'FORBIDDEN') {
      if (!opts.succeeding) return who;
      allowed ??= who;
    }
  }
  if (allowed) return allowed;
  throw new Error(`no demo caller may call ${action}`);
}
