/** Hours served: per volunteer, per week, and per home unit wherever the unit's members served. */
import type { UnitRef } from '../../server/volunteer/model';
import { at, COMPOUND, enlist, POST, SECRETARY, useDutyHarness, V1 } from './support';

const h = useDutyHarness();

const DISTRICT_AGENCY: UnitRef = { id: 'u-demo-agency-zj', name: '区住建局机关党支部', kind: 'agency', path: ['sz'] };
const STREET_CADRES: UnitRef = { id: 'u-demo-agency-cg', name: '城关街道办派驻干部', kind: 'agency', path: ['sz', 'sz-s1'] };

/** A shift at a post served from check-in to check-out (clock times on `day`). */
async function serve(who: string, postId: string, day: string, start: string, end: string, inAt = start, outAt = end) {
  h.clock.set(at('2026-11-28', '08:00'));
  await h.ok(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [postId], from: day, days: 1, shifts: [{ start, end }] });
  const shiftId = (await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day, postId })).items.find((s) => s.start === at(day, start))!.id;
  await h.ok(who, 'duty.signup', { shiftId });
  const code = (await h.ok(SECRETARY, 'duty.postCode', { postId })).code;
  h.clock.set(at(day, inAt));
  await h.ok(who, 'duty.checkIn', { shiftId, code });
  h.clock.set(at(day, outAt));
  return h.ok(who, 'duty.checkOut', { shiftId });
}

test('hours per volunteer and per home unit, for the weeks asked; agencies count where they come from', async () => {
  const organ = await enlist(h.store, { name: '住建局小王', unit: DISTRICT_AGENCY });
  const cadre = await enlist(h.store, { name: '街道小李', unit: STREET_CADRES, partyMember: true });
  await serve(V1, POST('census'), '2026-11-28', '10:00', '12:00'); // 120
  await serve(V1, POST('care'), '2026-11-29', '09:00', '12:00', '09:30', '11:30'); // 120
  await serve(organ, POST('census'), '2026-11-29', '14:00', '18:00'); // 240
  await serve(cadre, POST('supplies'), '2026-11-30', '08:00', '10:00'); // 120, next week
  h.clock.set(at('2026-11-29', '20:00'));

  const mine = await h.ok(V1, 'duty.mine', { from: '2026-11-28', days: 2 });
  expect(mine.week).toEqual({ week: '2026-11-23', minutes: 240, shifts: 2 });
  expect(mine.items.map((d) => [d.postName, d.status, d.minutes])).toEqual([
    ['信息摸排岗', 'done', 120],
    ['服务关爱岗', 'done', 120],
  ]);

  const compound = await h.ok(SECRETARY, 'duty.hours', { orgId: COMPOUND });
  expect(compound.weeks).toEqual(['2026-11-23']);
  expect(compound.total).toEqual({ minutes: 480, shifts: 3 });
  expect(compound.volunteers.map((v) => [v.name, v.minutes, v.shifts])).toEqual([
    ['赵磊', 240, 2],
    ['住建局小王', 240, 1],
  ]);
  // The compound's own units; the agencies are homed above it.
  expect(compound.units.map((u) => [u.name, u.minutes])).toEqual([['第一党小组（1号楼）', 240]]);

  const twoWeeks = await h.ok('demo-admin', 'duty.hours', { orgId: 'sz', week: '2026-11-30', weeks: 2 });
  expect(twoWeeks.weeks).toEqual(['2026-11-23', '2026-11-30']);
  expect(twoWeeks.total).toEqual({ minutes: 600, shifts: 4 });
  expect(twoWeeks.units.map((u) => [u.name, u.kind, u.orgId, u.minutes])).toEqual([
    ['区住建局机关党支部', 'agency', 'sz', 240],
    ['第一党小组（1号楼）', 'group', COMPOUND, 240],
    ['城关街道办派驻干部', 'agency', 'sz-s1', 120],
  ]);
  const street = await h.ok('demo-street-staff', 'duty.hours', { orgId: 'sz-s1', week: '2026-11-30', weeks: 2 });
  expect(street.units.map((u) => u.name)).toEqual(['第一党小组（1号楼）', '城关街道办派驻干部']);
  expect(street.volunteers).toHaveLength(3);

  const denied = await h.call(V1, 'duty.hours', { orgId: COMPOUND });
  expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a no-show earns nothing; a duty not checked out earns nothing yet', async () => {
  h.clock.set(at('2026-11-28', '08:00'));
  await h.ok(SECRETARY, 'duty.generate', {
    compoundId: COMPOUND,
    postIds: [POST('census')],
    from: '2026-11-29',
    days: 1,
    shifts: [{ start: '08:00', end: '10:00' }],
  });
  const shiftId = (await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: '2026-11-29' })).items[0].id;
  await h.ok(V1, 'duty.signup', { shiftId });
  h.clock.set(at('2026-11-29', '12:00'));
  expect((await h.ok(V1, 'duty.mine', { from: '2026-11-29' })).week).toEqual({ week: '2026-11-23', minutes: 0, shifts: 0 });
  expect((await h.ok(SECRETARY, 'duty.hours', { orgId: COMPOUND })).total).toEqual({ minutes: 0, shifts: 0 });
});
