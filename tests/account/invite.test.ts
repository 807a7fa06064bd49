/** Invitations: staff make a one-time code for a role at a node; whoever redeems it holds that role there. */
import { INVITE_TTL_MS } from '../../server/account/invite';
import { makeHarness, T0, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const BUILDING = 'sz-s1-c01-x01-b01';
const COMPOUND = 'sz-s1-c01-x01';
const grantsOf = async (openid: string) => (await h.store.get('users', openid))?.grants ?? [];

test('community staff invite a building leader; the invitee redeems on the phone and is leader there, granted by the inviter, audited', async () => {
  const inv = await h.ok('demo-community-staff', 'account.invite', { role: 'leader', orgId: BUILDING, requestId: 'inv-req-0001' });
  expect(inv).toEqual({
    code: expect.stringMatching(/^([0-9A-Z]{5}-){3}[0-9A-Z]{5}$/),
    role: 'leader',
    orgId: BUILDING,
    orgName: '1号楼',
    expiresAt: T0 + INVITE_TTL_MS,
  });
  expect(JSON.stringify(await h.store.get('invites', 'demo-community-staff:inv-req-0001'))).not.toContain(inv.code.replace(/-/g, ''));

  const r = await h.call('wx-new-leader', 'account.redeem', { code: inv.code });
  expect(r).toMatchObject({ ok: true, data: { role: 'leader', orgId: BUILDING, orgName: '1号楼' } });
  expect(await grantsOf('wx-new-leader')).toEqual([expect.objectContaining({ role: 'leader', orgId: BUILDING, grantedBy: 'demo-community-staff' })]);
  const audit = await h.store.query('audit', { where: { subject: 'wx-new-leader' } });
  expect(audit.items).toEqual([expect.objectContaining({ kind: 'grant', actor: 'demo-community-staff', role: 'leader', orgId: BUILDING })]);

  const again = await h.call('wx-new-leader', 'account.redeem', { code: inv.code });
  expect(again).toMatchObject({ ok: true, data: { role: 'leader' } });
  expect(again.meter.writes).toBe(0);
  const other = await h.call('wx-someone-else', 'account.redeem', { code: inv.code });
  expect(other).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已被使用') } });
  expect(other.meter.writes).toBe(0);
});

test('a retried invite is the same invitation: the new code works, the one shown before does not', async () => {
  const first = await h.ok('demo-community-staff', 'account.invite', { role: 'secretary', orgId: COMPOUND, requestId: 'inv-req-0002' });
  const second = await h.ok('demo-community-staff', 'account.invite', { role: 'secretary', orgId: COMPOUND, requestId: 'inv-req-0002' });
  expect(second.code).not.toBe(first.code);
  expect(await h.store.count('invites')).toBe(1);
  expect(await h.call('wx-a', 'account.redeem', { code: first.code })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', details: { field: 'data.code' } },
  });
  expect(await h.call('wx-a', 'account.redeem', { code: second.code })).toMatchObject({ ok: true, data: { role: 'secretary', orgId: COMPOUND } });
  const used = await h.call('demo-community-staff', 'account.invite', { role: 'secretary', orgId: COMPOUND, requestId: 'inv-req-0002' });
  expect(used).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
});

test('the same rule as a grant: the role fits the node and is never above the inviter; nor can the inviter redeem it', async () => {
  const wrongLevel = await h.call('demo-community-staff', 'account.invite', { role: 'leader', orgId: COMPOUND, requestId: 'inv-req-0003' });
  expect(wrongLevel).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.orgId' } } });
  const above = await h.call('demo-community-staff', 'account.invite', { role: 'admin', orgId: 'sz', requestId: 'inv-req-0004' });
  expect(above).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const sameRank = await h.call('demo-street-staff', 'account.invite', { role: 'staff', orgId: 'sz-s1-c01', requestId: 'inv-req-0005' });
  expect(sameRank).toMatchObject({ ok: true });
  if (!sameRank.ok) return;
  const self = await h.call('demo-street-staff', 'account.redeem', { code: sameRank.data.code });
  expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能使用自己生成的邀请码' } });
  expect(self.meter.writes).toBe(0);
  for (const r of [wrongLevel, above]) expect(r.meter.writes).toBe(0);
});

test('expired after 7 days; a bad request id is named', async () => {
  const inv = await h.ok('demo-admin', 'account.invite', { role: 'staff', orgId: 'sz-s1', requestId: 'inv-req-0006' });
  h.clock.set(T0 + INVITE_TTL_MS);
  expect(await h.call('wx-late', 'account.redeem', { code: inv.code })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已过期') },
  });
  const bad = await h.call('demo-admin', 'account.invite', { role: 'staff', orgId: 'sz-s1', requestId: 'x' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.requestId' } } });
});
