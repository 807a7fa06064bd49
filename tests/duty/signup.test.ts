/** Sign-up and assignment: every rule with its own error, retries, withdrawal, suggestions. */
import type { ShiftRule } from '../../typings/duty';
import { readConfig } from '../../server/core/config';
import { HOUR, MINUTE } from '../../server/core/time';
import { FUNCTIONS } from '../../server/app';
import { createApp } from '../../server/runtime/dispatch';
import { expandPattern } from '../../server/duty/rota';
import { at, COMPOUND, enlist, GATE_POST, POST, refused, SECRETARY, useDutyHarness, V1, V2 } from './support';

const h = useDutyHarness();

const DAY = '2026-11-29';
const shiftsOf = async (postId: string, rules: ShiftRule[], day = DAY) => {
  await h.ok(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [postId], from: day, days: 1, shifts: rules });
  return (await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day, postId })).items.map((s) => s.id);
};
const signup = (who: string, shiftId: string) => h.call(who, 'duty.signup', { shiftId });

test('a volunteer signs up; a retry writes nothing; the shift shows the crew, masked to volunteers', async () => {
  const [morning] = await shiftsOf(POST('census'), [{ start: '08:00', end: '12:00' }]);
  const r = await signup(V1, morning);
  expect(r).toMatchObject({ ok: true, data: { crew: [{ openid: V1, name: '赵*', status: 'assigned', by: 'self' }], full: false } });
  const retry = await signup(V1, morning);
  expect(retry).toMatchObject({ ok: true });
  expect(retry.meter.writes).toBe(0);
  const seen = await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: DAY });
  expect(seen.items[0].crew[0].name).toBe('赵磊');
  expect((await h.ok(V1, 'duty.mine', { from: DAY })).items.map((d) => [d.shiftId, d.status])).toEqual([[morning, 'assigned']]);
});

describe('each rule has its own error, and nothing is written', () => {
  test('SHIFT_FULL', async () => {
    const [s] = await shiftsOf(POST('disinfection'), [{ start: '07:00', end: '09:00', minHeads: 1, maxHeads: 1 }]);
    const other = await enlist(h.store, { skills: ['disinfection'] });
    await h.ok(V1, 'duty.signup', { shiftId: s });
    refused(await signup(other, s), 'CONFLICT', { reason: 'SHIFT_FULL' });
  });

  test('OVERLAP: another shift of the same volunteer, at another post', async () => {
    const [gate] = await shiftsOf(GATE_POST, [{ start: '08:00', end: '16:00' }]);
    const [census] = await shiftsOf(POST('census'), [{ start: '15:00', end: '17:00' }]);
    await h.ok(V1, 'duty.signup', { shiftId: gate });
    const r = await signup(V1, census);
    refused(r, 'CONFLICT', { reason: 'OVERLAP' });
    expect(!r.ok && r.error).toMatchObject({ details: { shiftId: gate }, message: expect.stringContaining('08:00–16:00') });
    // Back to back is not an overlap.
    const [after] = await shiftsOf(POST('care'), [{ start: '16:00', end: '18:00' }]);
    expect(await signup(V1, after)).toMatchObject({ ok: true });
  });

  test('MISSING_SKILL names the skill', async () => {
    const [s] = await shiftsOf(POST('emergency'), [{ start: '08:00', end: '12:00' }]);
    const r = await signup(V2, s);
    refused(r, 'FAILED_PRECONDITION', { reason: 'MISSING_SKILL' });
    expect(!r.ok && r.error).toMatchObject({ message: '该岗位需要「医疗」技能', details: { missing: ['medical'] } });
  });

  test('DAILY_LIMIT: over 10 hours in one day, configurable', async () => {
    const [a] = await shiftsOf(GATE_POST, [{ start: '06:00', end: '12:00' }]);
    const [b] = await shiftsOf(POST('census'), [{ start: '12:00', end: '18:00' }]);
    await h.ok(V1, 'duty.signup', { shiftId: a });
    const r = await signup(V1, b);
    refused(r, 'FAILED_PRECONDITION', { reason: 'DAILY_LIMIT' });
    expect(!r.ok && r.error.message).toBe('每天值班不超过 10 小时（当天已排 6 小时）');
    const longerDays = createApp({ store: h.store, clock: h.clock, config: readConfig({ LF_DUTY_MAX_DAILY_HOURS: '12' }), functions: FUNCTIONS });
    expect(await longerDays.call('duty', { action: 'duty.signup', data: { shiftId: b } }, V1)).toMatchObject({ ok: true });
    // Another day is another day.
    const [next] = await shiftsOf(GATE_POST, [{ start: '06:00', end: '12:00' }], '2026-11-30');
    expect(await signup(V1, next)).toMatchObject({ ok: true });
  });

  test('STARTED: no sign-up once a shift has begun (until it is open for backfill), nor after it ended', async () => {
    const [s] = await shiftsOf(POST('census'), [{ start: '08:00', end: '12:00' }]);
    h.clock.set(at(DAY, '08:00'));
    refused(await signup(V1, s), 'FAILED_PRECONDITION', { reason: 'STARTED' });
    h.clock.set(at(DAY, '12:00'));
    refused(await signup(V1, s), 'FAILED_PRECONDITION', { reason: 'STARTED' });
  });

  test('NOT_VOLUNTEER: a volunteer grant without an approved profile, or a pending applicant', async () => {
    const [s] = await shiftsOf(POST('census'), [{ start: '08:00', end: '12:00' }]);
    await h.store.remove('volunteers', `${COMPOUND}:${V2}`);
    refused(await signup(V2, s), 'FAILED_PRECONDITION', { reason: 'NOT_VOLUNTEER' });
    refused(await h.call(SECRETARY, 'duty.assign', { shiftId: s, openid: 'demo-resident-2' }), 'FAILED_PRECONDITION', { reason: 'NOT_VOLUNTEER' });
  });

  test('scope: a shift of another compound, an unknown shift, a resident', async () => {
    const other = await enlist(h.store, { compoundId: 'sz-s1-c01-x02' });
    const [s] = await shiftsOf(POST('census'), [{ start: '08:00', end: '12:00' }]);
    refused(await signup(other, s), 'NOT_FOUND', { field: 'data.shiftId' });
    refused(await signup(V1, 'no-such-shift'), 'NOT_FOUND', { field: 'data.shiftId' });
    refused(await signup('demo-resident-1', s), 'FORBIDDEN');
  });
});

test('the secretary assigns under the same rules; the volunteer is told once', async () => {
  const [a, b] = await shiftsOf(GATE_POST, [
    { start: '08:00', end: '16:00' },
    { start: '16:00', end: '24:00' },
  ]);
  const r = await h.call(SECRETARY, 'duty.assign', { shiftId: a, openid: V2 });
  expect(r).toMatchObject({ ok: true, data: { crew: [{ openid: V2, name: '孙丽', by: 'secretary' }] } });
  await h.ok(SECRETARY, 'duty.assign', { shiftId: a, openid: V2 });
  expect(await h.store.count('outbox', { kind: 'duty.assigned', to: V2 })).toBe(1);
  expect(await h.store.get('outbox', `duty.assigned:${a}:${V2}`)).toMatchObject({
    template: 'shiftReminder',
    values: { post: '东门执勤岗', place: '威尼斯水城' },
  });
  // 8 + 8 = 16 h in a day.
  refused(await h.call(SECRETARY, 'duty.assign', { shiftId: b, openid: V2 }), 'FAILED_PRECONDITION', { reason: 'DAILY_LIMIT' });
  refused(await h.call(V1, 'duty.assign', { shiftId: b, openid: V1 }), 'FORBIDDEN');
});

test('withdrawing before the start frees the place and the hours; not after it', async () => {
  const [s] = await shiftsOf(POST('disinfection'), [{ start: '07:00', end: '09:00', minHeads: 1, maxHeads: 1 }]);
  const other = await enlist(h.store, { skills: ['disinfection'] });
  await h.ok(V1, 'duty.signup', { shiftId: s });
  expect((await h.ok(V1, 'duty.withdraw', { shiftId: s })).crew).toEqual([]);
  expect(await h.store.get('dutyDays', `${V1}:${DAY}`)).toMatchObject({ items: [] });
  expect(await h.store.count('duties', { openid: V1 })).toBe(0);
  await h.ok(other, 'duty.signup', { shiftId: s });
  refused(await h.call(V1, 'duty.withdraw', { shiftId: s, openid: other }), 'FORBIDDEN');
  await h.ok(SECRETARY, 'duty.withdraw', { shiftId: s, openid: other });
  await h.ok(V1, 'duty.signup', { shiftId: s });
  h.clock.set(at(DAY, '07:00'));
  refused(await h.call(V1, 'duty.withdraw', { shiftId: s }), 'FAILED_PRECONDITION', { reason: 'STARTED' });
});

test('suggestions: free qualified volunteers, best skill fit first, then fewest minutes served this week', async () => {
  const [gate] = await shiftsOf(GATE_POST, [{ start: '08:00', end: '16:00' }]);
  // The gate prefers security and medical.
  await enlist(h.store, { name: '甲', skills: ['security', 'medical'] });
  const one = await enlist(h.store, { name: '乙', skills: ['security'] });
  await enlist(h.store, { name: '丙', skills: [] });
  const busy = await enlist(h.store, { name: '丁', skills: ['security', 'medical'] });
  const [clash] = await shiftsOf(POST('census'), [{ start: '10:00', end: '12:00' }]);
  await h.ok(busy, 'duty.signup', { shiftId: clash });
  // `one` already served two hours this week; `none` served none.
  await h.store.insert('dutyHours', {
    _id: `v:${COMPOUND}:${one}:2026-11-23`,
    kind: 'volunteer',
    week: '2026-11-23',
    path: ['sz', 'sz-s1', 'sz-s1-c01', COMPOUND],
    minutes: 120,
    shifts: 1,
    openid: one,
    name: '乙',
    compoundId: COMPOUND,
  });
  const { items } = await h.ok(SECRETARY, 'duty.suggest', { shiftId: gate });
  expect(items.map((s) => [s.name, s.fit])).toEqual([
    ['赵磊', 2],
    ['甲', 2],
    ['乙', 1],
    ['孙丽', 0],
    ['丙', 0],
  ]);
  expect(items.find((s) => s.openid === one)!.weekMinutes).toBe(120);
  expect(items.map((s) => s.openid)).not.toContain(busy);
  // Suggestions for a post needing a skill leave out those without it.
  const [emergency] = await shiftsOf(POST('emergency'), [{ start: '18:00', end: '20:00' }]);
  expect((await h.ok(SECRETARY, 'duty.suggest', { shiftId: emergency })).items.map((s) => s.name)).toEqual(['赵磊', '甲', '丁']);
});

test('the conflict check reads the same whatever the compound’s rota holds', async () => {
  const post = (await h.store.get('posts', POST('census')))!;
  const [small, large] = await shiftsOf(POST('supplies'), [
    { start: '08:00', end: '10:00' },
    { start: '10:00', end: '12:00' },
  ]);
  let filled = 0;
  const readsWith = async (shifts: number, shiftId: string) => {
    // Fill the compound's rota that day up to `shifts` (straight to the store), then sign someone up.
    const [proto] = expandPattern([post], { from: DAY, days: 1, shifts: [{ start: '00:00', end: '01:00' }] }, 'test', 0);
    const docs = Array.from({ length: shifts - filled }, (_, i) => ({
      ...proto,
      _id: `${proto._id}-${filled + i}`,
      start: proto.start + (filled + i) * MINUTE,
      end: proto.start + (filled + i) * MINUTE + HOUR,
    }));
    await h.store.insertMany('shifts', docs);
    filled = shifts;
    return (await signup(await enlist(h.store), shiftId)).meter.reads;
  };
  const at100 = await readsWith(100, small);
  const at5000 = await readsWith(5000, large);
  expect(await h.store.count('shifts', { compoundId: COMPOUND, day: DAY })).toBe(5002);
  expect(at5000).toBe(at100);
  expect(at100).toBeLessThanOrEqual(6);
});
