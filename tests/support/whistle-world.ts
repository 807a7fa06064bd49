/**
 * The 吹哨 and 督导 share of the authorization world (./world.ts): requests for every whistle and
 * inspect action, the by-id rows, and the fixtures they act on.
 */
import { hashOf, newCode } from '../../server/account/codes';
import { DEFAULT_CHECKLIST, type FindingDoc } from '../../server/inspect/model';
import type { WhistleDoc } from '../../server/whistle/model';
import type { ActionName } from '../../typings/api';
import { T0, type Harness } from './harness';

/**
 * 吹哨 and 督导 fixtures: demo-resident-1 is a contact of 区住建局; requests to it open, claimed and
 * reported from the demo community, and one in the other district; findings open (at the demo
 * building) and rectified by the secretary (at the demo compound, inspected by the street), and
 * one in the other district; a live contact code for 城关供电所, stored afresh after every row.
 */
const WHISTLES = { open: 'w-matrix-open', claimed: 'w-matrix-claimed', reported: 'w-matrix-reported', out: 'w-matrix-out' };
const FINDINGS = { open: 'f-matrix-open', rectified: 'f-matrix-rectified', out: 'f-matrix-out' };
const UNIT_CODE = newCode();
const UNIT_INVITE = {
  _id: 'demo-admin:matrix-unit-code',
  hash: hashOf(UNIT_CODE),
  unitId: 'u-demo-agency-gd',
  createdBy: 'demo-admin',
  createdAt: T0,
  expiresAt: T0 + 7 * 86_400_000,
};
const HOUR = 3_600_000;

const OUTSIDE_COMPOUND = 'xd-x1';
/** Every demo caller (world.ts CALLER), for undoing their joins. */
const CALLERS = [
  'demo-admin',
  'demo-street-staff',
  'demo-community-staff',
  'demo-secretary',
  'demo-volunteer-1',
  'demo-leader',
  'demo-resident-1',
  'wx-never-seen-0001',
];

type WhistleAction = Extract<ActionName, `whistle.${string}` | `inspect.${string}`>;
interface Where {
  own: Record<string, string>;
  outside: { district: string; compound: string };
  compoundIn: string;
  unitOut: string;
}

/** A well-formed request for each action, in scope or out of it. */
export const whistleCases = (c: Where): Record<WhistleAction, { data: (w: string, inScope: boolean) => Record<string, unknown> }> => ({
  'whistle.units': { data: (w: string, inScope: boolean) => ({ orgId: inScope ? c.own[w] : c.outside.district }) },
  'whistle.invite': { data: (w: string, inScope: boolean) => ({ unitId: inScope ? 'u-demo-agency-cg' : c.unitOut, requestId: `unit-invite-${w}` }) },
  'whistle.join': { data: () => ({ code: UNIT_CODE }) },
  'whistle.raise': {
    data: (w: string, inScope: boolean) => ({
      orgId: inScope ? 'sz-s1-c01' : c.outside.compound,
      requestId: `req-matrix-${w}`,
      need: 'manpower',
      quantity: 3,
      detail: '核酸检测点需要人手',
      place: '社区东门',
      urgency: 'normal',
      deadline: T0 + 6 * HOUR,
      agencyKind: 'organ',
    }),
  },
  'whistle.list': { data: (w: string, inScope: boolean) => ({ orgId: inScope ? c.own[w] : c.outside.district }) },
  'whistle.inbox': { data: () => ({}) },
  'whistle.claim': { data: (_w: string, inScope: boolean) => ({ whistleId: inScope ? WHISTLES.open : WHISTLES.out }) },
  'whistle.report': { data: (_w: string, inScope: boolean) => ({ whistleId: inScope ? WHISTLES.claimed : WHISTLES.out, people: 2, hours: 1.5, photos: [] }) },
  'whistle.close': { data: (_w: string, inScope: boolean) => ({ whistleId: inScope ? WHISTLES.reported : WHISTLES.out, decision: 'confirm' }) },
  'inspect.checklist': { data: (w: string, inScope: boolean) => ({ orgId: inScope ? c.own[w] : c.outside.district }) },
  'inspect.record': {
    data: (w: string, inScope: boolean) => ({
      orgId: inScope ? c.compoundIn : c.outside.compound,
      requestId: `req-matrix-${w}`,
      category: 'duty',
      item: 'duty-absent',
      description: '夜间值守人员脱岗',
      photos: [],
      deadline: T0 + 24 * HOUR,
    }),
  },
  // Kept by the district: in scope is the district of the admin's grant for every caller.
  'inspect.saveChecklist': {
    data: (_w: string, inScope: boolean) => ({ districtId: inScope ? c.own.admin : c.outside.district, categories: DEFAULT_CHECKLIST }),
  },
  'inspect.list': { data: (w: string, inScope: boolean) => ({ orgId: inScope ? c.own[w] : c.outside.district }) },
  'inspect.rectify': {
    data: (_w: string, inScope: boolean) => ({
      findingId: inScope ? FINDINGS.open : FINDINGS.out,
      note: '已安排专人值守',
      photos: [],
    }),
  },
  'inspect.verify': { data: (_w: string, inScope: boolean) => ({ findingId: inScope ? FINDINGS.rectified : FINDINGS.out, decision: 'accept' }) },
  'inspect.report': { data: (w: string, inScope: boolean) => ({ orgId: inScope ? c.own[w] : c.outside.district }) },
});

export const WHISTLE_MISSING = { whistleId: 'w-missing', findingId: 'f-missing' };

export const WHISTLE_BY_ID = {
  'whistle.invite': { field: 'unitId' },
  'whistle.inbox': { field: 'unitId', data: () => ({ unitId: 'u-matrix-out' }), outsider: 'resident' },
  'whistle.claim': { field: 'whistleId', outsider: 'resident' },
  'whistle.report': { field: 'whistleId', outsider: 'resident' },
  'whistle.close': { field: 'whistleId' },
  'inspect.rectify': { field: 'findingId' },
  'inspect.verify': { field: 'findingId' },
} as const;

export async function addWhistleWorld(h: Harness) {
  await h.store.insert('unitContacts', {
    _id: 'u-demo-agency-zj:demo-resident-1',
    unitId: 'u-demo-agency-zj',
    unitName: '区住建局机关党支部',
    openid: 'demo-resident-1',
    name: '张伟',
    lineage: ['sz'],
    invitedBy: 'demo-admin',
    joinedAt: T0,
  });
  const zj = { id: 'u-demo-agency-zj', name: '区住建局机关党支部' };
  const whistle = (id: string, status: WhistleDoc['status'], inside: boolean): WhistleDoc => ({
    _id: id,
    orgId: inside ? 'sz-s1-c01' : OUTSIDE_COMPOUND,
    orgName: inside ? '城关社区' : '外区小区',
    lineage: inside ? ['sz', 'sz-s1', 'sz-s1-c01'] : ['xd', OUTSIDE_COMPOUND],
    need: 'supplies',
    quantity: 100,
    detail: '口罩',
    place: '社区',
    urgency: 'normal',
    deadline: T0 + 24 * HOUR,
    status,
    unitIds: inside ? [zj.id] : ['u-matrix-out-agency'],
    units: inside ? [zj] : [{ id: 'u-matrix-out-agency', name: '外区单位' }],
    raisedBy: 'demo-community-staff',
    raisedByName: '李干事',
    createdAt: T0,
    reopens: 0,
    ...(status !== 'open' && inside
      ? { claimedUnitId: zj.id, claimedUnitName: zj.name, claimedBy: 'demo-resident-1', claimedByName: '张伟', claimedAt: T0 }
      : {}),
    ...(status === 'reported' ? { report: { people: 1, hours: 2, photos: [], at: T0, by: 'demo-resident-1', byName: '张伟' } } : {}),
  });
  await h.store.insertMany('whistles', [
    whistle(WHISTLES.open, 'open', true),
    whistle(WHISTLES.claimed, 'claimed', true),
    whistle(WHISTLES.reported, 'reported', true),
    whistle(WHISTLES.out, 'open', false),
  ]);
  const finding = (id: string, orgId: string, lineage: string[], inspector: string, status: FindingDoc['status']): FindingDoc => ({
    _id: id,
    orgId,
    orgName: orgId,
    orgLevel: lineage.length === 5 ? 'building' : 'compound',
    lineage,
    category: 'duty',
    categoryName: '值守',
    item: 'duty-absent',
    itemName: '值守人员脱岗',
    description: '值守人员脱岗',
    photos: [],
    deadline: T0 + 24 * HOUR,
    status,
    overdue: false,
    inspectorOrgId: inspector,
    inspectorOrgName: inspector,
    inspectorPath: inspector === 'sz-s1' ? ['sz'] : [],
    recordedBy: 'demo-street-staff',
    recordedByName: '王干事',
    createdAt: T0,
    reopens: 0,
    ...(status === 'rectified' ? { rectification: { by: 'demo-secretary', byName: '代红军', at: T0, note: '已整改', photos: [] } } : {}),
  });
  await h.store.insertMany('findings', [
    finding(FINDINGS.open, 'sz-s1-c01-x01-b01', ['sz', 'sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01', 'sz-s1-c01-x01-b01'], 'sz-s1', 'open'),
    finding(FINDINGS.rectified, 'sz-s1-c01-x01', ['sz', 'sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01'], 'sz-s1', 'rectified'),
    finding(FINDINGS.out, OUTSIDE_COMPOUND, ['xd', OUTSIDE_COMPOUND], 'xd', 'rectified'),
  ]);
  await resetWhistleRow(h);
}

/** After a matrix row: the contact code live again, and nobody a contact of 城关供电所 (whistle.join rows). */
export async function resetWhistleRow(h: Harness) {
  await h.store.remove('unitInvites', UNIT_INVITE._id);
  await h.store.insert('unitInvites', UNIT_INVITE);
  for (const openid of CALLERS) await h.store.remove('unitContacts', `${UNIT_INVITE.unitId}:${openid}`);
}
