/**
 * The daily-health and disinfection part of the scripted day, through the actions only: census
 * edits that move the people expected, reports over two days (a replacement that clears an
 * abnormal one, a resend, a fever), a second compound's secretary saving areas (one changed, one
 * stopped), and logs beyond an area's required count. Runs after ./day.ts, on the same harness.
 */
import { DAY, dayOf, HOUR, MINUTE } from '../../server/core/time';
import type { HouseholdDoc } from '../../server/census/model';
import { DEMO } from '../../server/seed/district';
import type { Harness } from '../support/harness';
import type { memoryMedia } from '../support/media';

const OTHER_COMPOUND = 'sz-s2-c01-x01';

const normal = (memberId: number) => ({ memberId, temperature: 36.5, symptoms: [] as never[] });

async function households(h: Harness, buildingId: string): Promise<HouseholdDoc[]> {
  const page = await h.store.query('households', { where: { buildingId }, orderBy: [{ field: '_id' }], limit: 100 });
  return page.items.filter((x) => x.members.length > 0);
}

/** A member list as census.save takes it (names kept by id). */
const kept = (hh: HouseholdDoc) =>
  hh.members.map((m) => ({ id: m.id, relation: m.relation, birthYear: m.birthYear, flags: m.flags, partyMember: m.partyMember }));

export async function sourcesDay(h: Harness, media: ReturnType<typeof memoryMedia>): Promise<void> {
  const end = h.clock.now();
  const start = end - 8 * HOUR;
  const b1 = DEMO.building;
  const b2 = `${DEMO.compound}-b02`;
  const leader2 = (await h.store.query('users', { where: { 'household.compoundId': DEMO.compound }, orderBy: [{ field: '_id' }], limit: 20 })).items.find(
    (u) => u._id.startsWith('res-') || !u._id.startsWith('demo-'),
  )!._id;
  await h.ok('demo-admin', 'account.grant', { openid: leader2, role: 'leader', orgId: b2 });
  const report = (who: string, buildingId: string, hh: HouseholdDoc, entries: ReturnType<typeof normal>[]) =>
    h.ok(who, 'health.report', { buildingId, unit: hh.unit, room: hh.room, entries });

  // The day before: a few households of the first building.
  const [first, second] = [await households(h, b1), await households(h, b2)];
  h.clock.set(start - DAY + 2 * HOUR);
  for (const hh of first.slice(0, 3))
    await report(
      'demo-leader',
      b1,
      hh,
      hh.members.map((m) => normal(m.id)),
    );
  await report('demo-leader', b1, first[3], [{ ...normal(first[3].members[0].id), temperature: 37.8 }]);

  // Today: the census moves (a member added, a household emptied), then reports.
  h.clock.set(start + HOUR);
  const grown = first[4];
  await h.ok('demo-leader', 'census.save', {
    buildingId: b1,
    unit: grown.unit,
    room: grown.room,
    status: 'occupied',
    members: [...kept(grown), { name: '新成员', relation: 'child', birthYear: 2015, flags: [], partyMember: false }],
  });
  const emptied = second[0];
  await h.ok(leader2, 'census.save', { buildingId: b2, unit: emptied.unit, room: emptied.room, status: 'vacant', members: [] });
  const grownNow = (await h.store.get('households', grown._id))!;
  for (const hh of [...first.slice(0, 4), grownNow])
    await report(
      'demo-leader',
      b1,
      hh,
      hh.members.map((m) => normal(m.id)),
    );
  // A fever, then a replacement that clears it; a resend moves nothing.
  const ill = first[5];
  await report('demo-leader', b1, ill, [{ memberId: ill.members[0].id, temperature: 38.1, symptoms: ['cough'] as never[] }]);
  h.clock.set(start + 2 * HOUR);
  await report('demo-leader', b1, first[6], [{ ...normal(first[6].members[0].id), temperature: 37.5 }]);
  await report('demo-leader', b1, ill, [normal(ill.members[0].id)]);
  await report('demo-leader', b1, ill, [normal(ill.members[0].id)]);
  for (const hh of second.slice(1, 3))
    await report(
      leader2,
      b2,
      hh,
      hh.members.map((m) => normal(m.id)),
    );

  // Disinfection: the seeded compound's areas, and a second compound's own.
  let seq = 0;
  const log = async (who: string, areaId: string) => {
    const key = `stats-dis-${String(++seq).padStart(4, '0')}`;
    const id = `local://media/disinfect/${who}/${key}/1.jpg`;
    media.put(id);
    await h.ok(who, 'disinfect.log', { requestId: key, areaId, agent: '84 消毒液 1:100', photos: [id] });
  };
  h.clock.set(start - DAY + 3 * HOUR);
  await log('demo-secretary', `${b1}-d`);
  h.clock.set(start + 3 * HOUR);
  for (let i = 0; i < 3; i++) await log('demo-secretary', `${b1}-d`); // the third counts no more
  await log('demo-secretary', `${DEMO.compound}-d-bins`);

  const secretary2 = (await h.store.query('users', { where: { 'household.compoundId': OTHER_COMPOUND }, orderBy: [{ field: '_id' }], limit: 20 })).items.at(
    -1,
  )!._id;
  await h.ok('demo-admin', 'account.grant', { openid: secretary2, role: 'secretary', orgId: OTHER_COMPOUND });
  const save = (over: { name: string; areaId?: string; kind?: 'lift'; required?: number; active?: boolean }) =>
    h.ok(secretary2, 'disinfect.saveArea', { compoundId: OTHER_COMPOUND, kind: 'other', required: 2, from: '06:00', to: '20:00', ...over });
  const hall = await save({ name: '活动室' });
  const lift = await save({ name: '电梯', kind: 'lift', required: 3 });
  const shed = await save({ name: '车棚' });
  await save({ name: '活动室' }); // a retried create moves nothing
  await save({ areaId: lift.id, name: '电梯', kind: 'lift', required: 4 });
  await save({ areaId: shed.id, name: '车棚', active: false });
  h.clock.set(start + 4 * HOUR);
  await log(secretary2, hall.id);
  await log(secretary2, lift.id);

  // Duty: an evening shift on the first gate's post, a volunteer on it; the other gate's post stays unfilled.
  const post = `${DEMO.compound}-g1-duty`;
  const today = dayOf(start);
  await h.ok('demo-secretary', 'duty.generate', {
    compoundId: DEMO.compound,
    postIds: [post],
    from: today,
    days: 1,
    shifts: [{ start: '16:00', end: '20:00' }],
  });
  const shiftId = (await h.ok('demo-secretary', 'duty.shifts', { compoundId: DEMO.compound, day: today })).items.find((s) => s.postId === post)!.id;
  await h.ok('demo-volunteer-1', 'duty.signup', { shiftId });
  const { code } = await h.ok('demo-secretary', 'duty.postCode', { postId: post });
  h.clock.set(end + HOUR - 30 * MINUTE);
  await h.ok('demo-volunteer-1', 'duty.checkIn', { shiftId, code });
  h.clock.set(end + HOUR);
}
