/** The no-show check and reminders, on a controlled clock. */
import { MINUTE } from '../../server/core/time';
import { detectNoShows, remindShifts } from '../../server/duty/jobs';
import { at, COMPOUND, enlist, GATE_POST, POST, SECRETARY, useDutyHarness, V1, V2 } from './support';

const h = useDutyHarness();

const DAY = '2026-11-29';
const run = () => detectNoShows(h.store, h.clock.now());

async function shift(postId: string, start: string, end: string, heads?: { minHeads: number; maxHeads: number }) {
  await h.ok(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [postId], from: DAY, days: 1, shifts: [{ start, end, ...heads }] });
  return (await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: DAY, postId })).items.find((s) => s.start === at(DAY, start))!.id;
}

test('15 minutes after the start without check-in: the shift is flagged, one alert, free qualified volunteers asked to backfill — once', async () => {
  const s = await shift(POST('emergency'), '08:00', '12:00', { minHeads: 1, maxHeads: 2 }); // needs medical
  await h.ok(V1, 'duty.signup', { shiftId: s });
  const medic = await enlist(h.store, { name: '钱医生', skills: ['medical'] });
  const medicBusy = await enlist(h.store, { skills: ['medical'] });
  const notMedic = await enlist(h.store, { skills: ['driving'] });
  const busyShift = await shift(POST('census'), '07:00', '10:00');
  await h.ok(medicBusy, 'duty.signup', { shiftId: busyShift });
  h.clock.set(at(DAY, '07:00'));
  await h.ok(medicBusy, 'duty.checkIn', { shiftId: busyShift, code: (await h.ok(SECRETARY, 'duty.postCode', { postId: POST('census') })).code });

  h.clock.set(at(DAY, '08:14'));
  expect((await run()).flagged).toBe(0);
  expect(await h.store.count('alerts')).toBe(0);

  h.clock.set(at(DAY, '08:15'));
  const first = await run();
  expect(first).toMatchObject({ flagged: 1, noShows: 1, alerts: 1, pushes: 1 });
  const alerts = await h.store.query('alerts', { where: { orgId: COMPOUND } });
  expect(alerts.items).toEqual([
    expect.objectContaining({
      _id: `duty.noshow:${s}:1`,
      kind: 'duty.noshow',
      severity: 'high',
      orgId: COMPOUND,
      path: ['sz', 'sz-s1', 'sz-s1-c01', COMPOUND],
      role: 'secretary',
      assigneeOrgId: COMPOUND,
      status: 'open',
      title: '值守人员未到岗',
      createdAt: at(DAY, '08:15'),
      ackDeadline: at(DAY, '08:30'),
      data: expect.objectContaining({ shiftId: s, postName: '应急处理岗', missing: [{ openid: V1, name: '赵*' }], short: 1 }),
    }),
  ]);
  // The alerts module tells the secretary.
  expect((await h.store.query('outbox', { where: { kind: 'alert' } })).items).toEqual([
    expect.objectContaining({
      to: SECRETARY,
      template: 'alert',
      values: expect.objectContaining({ title: '值守人员未到岗', note: '应急处理岗 08:00–12:00：赵* 未签到，缺 1 人' }),
    }),
  ]);
  const asked = await h.store.query('outbox', { where: { kind: 'duty.backfill' } });
  expect(asked.items.map((o) => o.to)).toEqual([medic]);
  expect(asked.items[0]).toMatchObject({ template: 'shiftReminder', values: { post: '应急处理岗', place: '威尼斯水城', start: String(at(DAY, '08:00')) } });
  expect(await h.store.get('duties', `${s}:${V1}`)).toMatchObject({ status: 'noshow' });
  const flagged = (await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: DAY, postId: POST('emergency') })).items[0];
  expect(flagged).toMatchObject({ flagged: true, backfill: true, crew: [{ openid: V1, status: 'noshow' }] });
  void notMedic;

  // Again, and later: nothing more.
  expect(await run()).toMatchObject({ shifts: 0, flagged: 0, alerts: 0, pushes: 0 });
  h.clock.set(at(DAY, '09:00'));
  expect(await run()).toMatchObject({ shifts: 0, alerts: 0 });
  expect(await h.store.count('alerts')).toBe(1);
  expect(await h.store.count('outbox', { kind: 'duty.backfill' })).toBe(1);

  // The backfill signs up after the start (open for backfill) and gets 15 minutes of their own.
  await h.ok(medic, 'duty.signup', { shiftId: s });
  h.clock.set(at(DAY, '09:10'));
  expect(await run()).toMatchObject({ shifts: 0 });
  await h.ok(medic, 'duty.checkIn', { shiftId: s, code: (await h.ok(SECRETARY, 'duty.postCode', { postId: POST('emergency') })).code });
  h.clock.set(at(DAY, '09:15'));
  expect(await run()).toMatchObject({ shifts: 1, flagged: 0, alerts: 0 });
  // The no-show turns up late after all: recorded as late.
  expect(await h.ok(V1, 'duty.checkIn', { shiftId: s, code: (await h.ok(SECRETARY, 'duty.postCode', { postId: POST('emergency') })).code })).toMatchObject({
    status: 'on',
    late: true,
  });
});

test('a shift nobody signed up for is flagged too; a backfill who does not come raises a second alert', async () => {
  const s = await shift(POST('census'), '10:00', '12:00');
  h.clock.set(at(DAY, '10:15'));
  const r = await run();
  expect(r).toMatchObject({ flagged: 1, noShows: 0, alerts: 1 });
  // Every approved volunteer of the compound is free and qualified: demo-volunteer-1 and -2.
  expect(r.pushes).toBe(2);
  await h.ok(V2, 'duty.signup', { shiftId: s });
  h.clock.set(at(DAY, '10:30'));
  expect(await run()).toMatchObject({ flagged: 1, noShows: 1, alerts: 1, pushes: 0 }); // V1 was asked already
  expect((await h.store.query('alerts', { orderBy: [{ field: '_id' }] })).items.map((a) => a._id)).toEqual([`duty.noshow:${s}:1`, `duty.noshow:${s}:2`]);
});

test('a shift fully checked in is left alone; one ended before the check ran gets an alert but no backfill', async () => {
  const s = await shift(GATE_POST, '08:00', '16:00', { minHeads: 1, maxHeads: 2 });
  const gone = await shift(POST('care'), '06:00', '07:00');
  await h.ok(V1, 'duty.signup', { shiftId: s });
  h.clock.set(at(DAY, '07:55'));
  await h.ok(V1, 'duty.checkIn', { shiftId: s, location: { lat: 33.8685, lng: 109.9408 } });
  h.clock.set(at(DAY, '08:20'));
  expect(await run()).toMatchObject({ shifts: 2, flagged: 1, alerts: 1, pushes: 0 });
  expect((await h.store.get('shifts', s))!.flagged).toBeUndefined();
  expect((await h.store.get('shifts', gone))!.flagged).toBe(true);
});

test('reminders go an hour before the start to those signed up, once', async () => {
  const s = await shift(GATE_POST, '10:00', '18:00');
  await h.ok(V1, 'duty.signup', { shiftId: s });
  await h.ok(V2, 'duty.signup', { shiftId: s });
  await h.ok(V2, 'duty.withdraw', { shiftId: s });
  h.clock.set(at(DAY, '08:59'));
  expect(await remindShifts(h.store, h.clock.now())).toBe(0);
  h.clock.set(at(DAY, '09:00'));
  expect(await remindShifts(h.store, h.clock.now())).toBe(1);
  h.clock.advance(5 * MINUTE);
  expect(await remindShifts(h.store, h.clock.now())).toBe(0);
  expect((await h.store.query('outbox', { where: { kind: 'duty.remind' } })).items.map((o) => [o._id, o.to])).toEqual([[`duty.remind:${s}:${V1}`, V1]]);
});
