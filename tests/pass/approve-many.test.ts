/** pass.approveMany: a secretary approves a page of applications at once, each on its own, retry-safe. */
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const apply = async (name: string) => (await h.ok('demo-resident-1', 'pass.apply', { relation: 'family', name, reason: '居家生活' })).id;

test('approves each pass, tells each resident once, and a retried batch writes nothing', async () => {
  const ids = [await apply('张小红'), await apply('张小明')];
  const first = await h.call('demo-secretary', 'pass.approveMany', { passIds: ids, validDays: 7 });
  expect(first.ok && first.data).toMatchObject({ approved: 2, results: ids.map((passId) => ({ passId, ok: true, pass: { status: 'approved' } })) });
  expect(await h.store.count('outbox', { kind: 'pass.decision' })).toBe(2);

  const again = await h.call('demo-secretary', 'pass.approveMany', { passIds: ids, validDays: 7 });
  expect(again.ok && again.data.approved).toBe(2);
  expect(again.meter.writes).toBe(0);
  expect(await h.store.count('outbox', { kind: 'pass.decision' })).toBe(2);
});

test('a pass no longer pending is reported on its own and does not stop the rest', async () => {
  const [a, b] = [await apply('张小红'), await apply('张小明')];
  await h.ok('demo-secretary', 'pass.review', { passId: a, decision: 'reject', reason: '非本小区住户' });
  const r = await h.ok('demo-secretary', 'pass.approveMany', { passIds: [a, b] });
  expect(r).toEqual({
    approved: 1,
    results: [
      { passId: a, ok: false, message: '该申请已被拒绝，不能再审核' },
      { passId: b, ok: true, pass: expect.objectContaining({ status: 'approved' }) },
    ],
  });
});

test('one pass outside the caller’s area, or missing, refuses the batch naming it, and writes nothing', async () => {
  const a = await apply('张小红');
  for (const other of ['missing001', 'zzzzzzzzzz']) {
    const r = await h.call('demo-secretary', 'pass.approveMany', { passIds: [a, other] });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { field: 'data.passIds.1' } } });
    expect(r.meter.writes).toBeLessThanOrEqual(1);
  }
  expect((await h.store.get('passes', a))!.status).toBe('pending');
});

test('refuses the same pass twice and more than 50 at once, naming the field', async () => {
  const a = await apply('张小红');
  const twice = await h.call('demo-secretary', 'pass.approveMany', { passIds: [a, a] });
  expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.passIds.1' } } });
  const many = await h.call('demo-secretary', 'pass.approveMany', { passIds: Array.from({ length: 51 }, (_, i) => `p${String(i).padStart(9, '0')}`) });
  expect(many).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.passIds' } } });
  expect((await h.store.get('passes', a))!.status).toBe('pending');
});
