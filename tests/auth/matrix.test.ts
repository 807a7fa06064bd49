/**
 * The authorization table — every action's rule, derived from the contexts (server/app.ts) —
 * walked as a matrix: every action × every role (and a caller with no grants) × a target inside
 * and outside the caller's subtree. The expectations are written out by hand here, independently
 * of the rules.
 */
import type { ActionName } from '../../typings/api';
import { FUNCTIONS, RULES } from '../../server/app';
import type { ActionDef } from '../../server/runtime/action';
import { createApp } from '../../server/runtime/dispatch';
import { z } from 'zod';
import type { PartyUnitDoc } from '../../server/party/model';
import { storeAdminClaim } from '../../server/account/claim';
import type { Harness } from '../support/harness';
import { BY_ID, CALLER, CASES, CLAIM, makeWorld, resetWhistleRow, type Who } from '../support/world';

// [allowed in scope, allowed out of scope]; 'anyone' actions have no scope, so both hold.
const Y: [boolean, boolean] = [true, true];
const N: [boolean, boolean] = [false, false];
const IN: [boolean, boolean] = [true, false];
const EXPECT: Record<ActionName, Record<Who, [boolean, boolean]>> = {
  'account.me': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'account.accessLog': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'account.export': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'account.register': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'account.grant': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'account.revoke': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'account.invite': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'account.redeem': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'org.tree': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: IN, resident: IN, nobody: N },
  'org.get': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: IN, resident: IN, nobody: N },
  'org.posterCode': { admin: N, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'org.directory': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'pass.apply': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: Y, nobody: N },
  'pass.mine': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: Y, nobody: N },
  'pass.credential': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: IN, nobody: N },
  'pass.pending': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'pass.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'pass.approveMany': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'pass.review': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'pass.revoke': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'pass.paper': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: IN, nobody: N },
  'pass.trust': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'pass.rotateKey': { admin: Y, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'gate.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'gate.check': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'gate.sync': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'gate.log': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'gate.lookup': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'gate.policy': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'vehicle.register': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'vehicle.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'notice.publish': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'notice.inbox': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: N },
  'notice.get': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: IN, resident: IN, nobody: N },
  'notice.read': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: IN, resident: IN, nobody: N },
  'notice.ack': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: IN, resident: IN, nobody: N },
  'notice.progress': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'notice.sent': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'message.subscribed': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'message.quota': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'party.list': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'party.save': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'party.remove': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'volunteer.join': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'volunteer.mine': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'volunteer.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'volunteer.approve': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.savePost': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.posts': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'duty.postCode': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.generate': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.shifts': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'duty.signup': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: IN, leader: N, resident: N, nobody: N },
  'duty.assign': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.withdraw': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'duty.suggest': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.checkIn': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: IN, leader: N, resident: N, nobody: N },
  'duty.checkOut': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: IN, leader: N, resident: N, nobody: N },
  'duty.mine': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: Y, leader: N, resident: N, nobody: N },
  'duty.coverage': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'duty.hours': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'case.report': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: IN, resident: IN, nobody: N },
  'case.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'case.mine': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'case.get': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'case.update': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'whistle.units': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'whistle.invite': { admin: IN, streetStaff: IN, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'whistle.raise': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'whistle.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  // Only a unit's contact (in the world: the resident, for 区住建局) sees and acts on its requests.
  'whistle.inbox': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: Y, nobody: N },
  'whistle.claim': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: IN, nobody: N },
  'whistle.report': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: IN, nobody: N },
  'whistle.close': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  // Anyone may become a unit's contact with its code (rows after the contact-only rows: each undoes its join).
  'whistle.join': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
  'inspect.checklist': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'inspect.record': { admin: IN, streetStaff: IN, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'inspect.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'inspect.rectify': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'inspect.verify': { admin: IN, streetStaff: IN, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'inspect.saveChecklist': { admin: IN, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: N, resident: N, nobody: N },
  'inspect.report': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'census.household': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: IN, nobody: N },
  'census.save': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: IN, resident: IN, nobody: N },
  'census.layout': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'census.building': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'census.summary': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'census.import': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'health.report': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: IN, resident: IN, nobody: N },
  'health.today': { admin: N, streetStaff: N, communityStaff: N, secretary: N, volunteer: N, leader: IN, resident: IN, nobody: N },
  'health.missing': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'health.remind': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'health.summary': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'health.settings': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'stats.dashboard': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'alert.list': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: N, leader: N, resident: N, nobody: N },
  'disinfect.areas': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'disinfect.saveArea': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'disinfect.today': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'disinfect.log': { admin: N, streetStaff: N, communityStaff: N, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'disinfect.logs': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: IN, leader: N, resident: N, nobody: N },
  'disinfect.compliance': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'export.create': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'export.list': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: IN, resident: N, nobody: N },
  'alert.ack': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  'alert.resolve': { admin: IN, streetStaff: IN, communityStaff: IN, secretary: IN, volunteer: N, leader: N, resident: N, nobody: N },
  // Last: it erases the resident's and the volunteer's data, which earlier rows use.
  'account.delete': { admin: Y, streetStaff: Y, communityStaff: Y, secretary: Y, volunteer: Y, leader: Y, resident: Y, nobody: Y },
};

let h: Harness;
beforeAll(async () => {
  h = await makeWorld();
});
afterAll(() => h.close());

test('every action a function exposes has a rule and a row in this matrix', () => {
  const exposed = Object.entries(FUNCTIONS).flatMap(([fn, verbs]) => Object.keys(verbs).map((v) => `${fn}.${v}`));
  expect(exposed.sort()).toEqual(Object.keys(RULES).sort());
  expect(Object.keys(EXPECT).sort()).toEqual(Object.keys(RULES).sort());
});

const rows = (Object.keys(EXPECT) as ActionName[]).flatMap((action) =>
  (Object.keys(CALLER) as Who[]).flatMap((who) => [true, false].map((inScope) => ({ action, who, inScope, allowed: EXPECT[action][who][inScope ? 0 : 1] }))),
);

test.each(rows)('$action by $who, in scope: $inScope → allowed: $allowed', async ({ action, who, inScope, allowed }) => {
  const data = CASES[action].data(who, inScope);
  const r = await h.call(CALLER[who], action, data as never);
  // Allowed: the call went through authorization — it succeeded, or a business rule answered
  // (an already registered resident registering again is a CONFLICT). Denied: FORBIDDEN, or, for a
  // document named by id that the caller's role could act on in scope, NOT_FOUND (as if missing).
  // account.delete refuses whoever holds a role above volunteer (FAILED_PRECONDITION) after authorization.
  const answered = r.ok || r.error.code === 'CONFLICT' || (action === 'account.delete' && r.error.code === 'FAILED_PRECONDITION');
  const outcome = answered ? 'passed' : r.error.code;
  const hidden = !inScope && !!BY_ID[action] && !BY_ID[action].data && EXPECT[action][who][0];
  expect({ action, who, inScope, outcome }).toEqual({ action, who, inScope, outcome: allowed ? 'passed' : hidden ? 'NOT_FOUND' : 'FORBIDDEN' });
  if (!r.ok) expect(r.meter.writes).toBe(0);
  // Undo writes of allowed cases (register / grant / revoke / claimAdmin) so the next row starts from the seed.
  await restoreUsers(h);
  await storeAdminClaim(h.store, CLAIM.doc);
  if (!(await h.store.get('partyUnits', REMOVABLE._id))) await h.store.insert('partyUnits', REMOVABLE);
  await resetWhistleRow(h);
});

/** The unit party.remove rows remove, put back after each row. */
let REMOVABLE: PartyUnitDoc;
const seededUsers = new Map<string, unknown>();
beforeAll(async () => {
  REMOVABLE = (await h.store.get('partyUnits', 'u-demo-group2'))!;
  for (const id of [...Object.values(CALLER), 'demo-resident-other', 'demo-resident-2']) seededUsers.set(id, await h.store.get('users', id));
});
async function restoreUsers(harness: Harness) {
  for (const [id, doc] of seededUsers) {
    const now = await harness.store.get('users', id);
    if (JSON.stringify(now) === JSON.stringify(doc)) continue;
    await harness.store.remove('users', id);
    if (doc) await harness.store.insert('users', doc as never);
  }
}

test('an action a function exposes but the table does not name is denied', async () => {
  const app = createApp({
    store: h.store,
    clock: h.clock,
    functions: { org: { ...FUNCTIONS.org, secret: { name: 'org.secret', schema: z.strictObject({}), handle: async () => 'leaked' } as unknown as ActionDef } },
  });
  const r = await app.call('org', { action: 'org.secret', data: {} }, 'demo-admin');
  expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) }, serverTime: h.clock.now() });
});
