/** The first admin: a one-time code stored by `npm run bootstrap-admin`, redeemed on the phone. */
import { ADMIN_CLAIM_ID, CLAIM_TTL_MS, newAdminClaim, storeAdminClaim, type AdminClaimDoc } from '../../server/account/claim';
import { normaliseCode } from '../../server/account/codes';
import { makeHarness, T0, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const stored = async () => (await h.store.get('meta', ADMIN_CLAIM_ID)) as AdminClaimDoc | null;
const adminGrants = async (openid: string) => ((await h.store.get('users', openid))?.grants ?? []).filter((g) => g.role === 'admin');

test('the code is 20 characters from an alphabet without I, L, O, U, printed in groups; only its hash is stored', async () => {
  const { code, doc } = newAdminClaim('sz', T0);
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  await storeAdminClaim(h.store, doc);
  const saved = await stored();
  expect(saved).toMatchObject({ districtId: 'sz', createdAt: T0, expiresAt: T0 + CLAIM_TTL_MS });
  expect(JSON.stringify(saved)).not.toContain(normaliseCode(code));
  expect(newAdminClaim('sz', T0).code).not.toBe(code);
});

test('a newcomer redeems the code and becomes admin of the district, audited; a retry answers the same and writes nothing', async () => {
  const { code, doc } = newAdminClaim('sz', T0);
  await storeAdminClaim(h.store, doc);
  const typed = code.toLowerCase().replace(/-/g, ' ');
  const first = await h.call('wx-new-admin-01', 'account.redeem', { code: typed });
  expect(first).toMatchObject({ ok: true, data: { orgId: 'sz', orgName: '商州区' } });
  expect(await adminGrants('wx-new-admin-01')).toEqual([
    expect.objectContaining({ role: 'admin', orgId: 'sz', path: [], grantedBy: 'wx-new-admin-01', at: T0 }),
  ]);
  const audit = await h.store.query('audit', { where: { subject: 'wx-new-admin-01' } });
  expect(audit.items).toEqual([expect.objectContaining({ kind: 'grant', role: 'admin', orgId: 'sz', actor: 'wx-new-admin-01' })]);
  expect((await h.ok('wx-new-admin-01', 'account.me', {})).grants).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'admin', orgId: 'sz' })]));

  const again = await h.call('wx-new-admin-01', 'account.redeem', { code });
  expect(again).toMatchObject({ ok: true, data: { orgId: 'sz' } });
  expect(again.meter.writes).toBe(0);
});

test('single use: someone else with the same code is refused, and nothing is written', async () => {
  const { code, doc } = newAdminClaim('sz', T0);
  await storeAdminClaim(h.store, doc);
  await h.ok('wx-new-admin-01', 'account.redeem', { code });
  const r = await h.call('wx-someone-else', 'account.redeem', { code });
  expect(r).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已被使用') } });
  expect(r.meter.writes).toBe(0);
  expect(await h.store.get('users', 'wx-someone-else')).toBeNull();
});

test('a wrong, expired or replaced code is refused with a Chinese message naming the field', async () => {
  const first = newAdminClaim('sz', T0);
  await storeAdminClaim(h.store, first.doc);
  const wrong = await h.call('wx-x', 'account.redeem', { code: newAdminClaim('sz', T0).code });
  expect(wrong).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', details: { field: 'data.code' }, message: expect.stringMatching(/激活码不正确/) },
  });

  const malformed = await h.call('wx-x', 'account.redeem', { code: 'ABC' });
  expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.code' }, message: expect.stringMatching(/20 位/) } });

  h.clock.set(T0 + CLAIM_TTL_MS);
  const expired = await h.call('wx-x', 'account.redeem', { code: first.code });
  expect(expired).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已过期') } });

  const second = newAdminClaim('sz', T0 + CLAIM_TTL_MS);
  await storeAdminClaim(h.store, second.doc);
  expect(await h.call('wx-x', 'account.redeem', { code: first.code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  expect(await h.call('wx-x', 'account.redeem', { code: second.code })).toMatchObject({ ok: true, data: { orgId: 'sz' } });
  for (const r of [wrong, malformed, expired]) expect(r.meter.writes).toBe(0);
});

test('no code stored, or a code for a district that is not there: refused', async () => {
  expect(await h.call('wx-x', 'account.redeem', { code: newAdminClaim('sz', T0).code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  const { code, doc } = newAdminClaim('sz-s1', T0);
  await storeAdminClaim(h.store, doc);
  expect(await h.call('wx-x', 'account.redeem', { code })).toMatchObject({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('不存在') },
  });
});

test('nothing in the request decides who becomes admin', async () => {
  const { code, doc } = newAdminClaim('sz', T0);
  await storeAdminClaim(h.store, doc);
  const r = await h.raw('wx-caller', 'account', { action: 'account.redeem', data: { code, openid: 'wx-victim' } });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.openid' } } });
  expect(await h.call(undefined, 'account.redeem', { code })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  expect(await stored()).not.toHaveProperty('usedBy');
});
