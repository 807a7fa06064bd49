/** Posts and rotas: duty.savePost, duty.posts, duty.generate, duty.shifts. */
import { HOUR } from '../../server/core/time';
import { at, COMPOUND, GATE_POST, GATE_POST_2, OTHER_COMPOUND, POST, refused, SECRETARY, TODAY, useDutyHarness, V1 } from './support';

const h = useDutyHarness();

const THREE_SHIFTS = [
  { start: '00:00', end: '08:00' },
  { start: '08:00', end: '16:00' },
  { start: '16:00', end: '24:00' },
];
const TOMORROW = '2026-11-29';
const generate = (over: Record<string, unknown> = {}) =>
  h.call(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [GATE_POST], from: TOMORROW, days: 7, shifts: THREE_SHIFTS, ...over });

describe('posts', () => {
  test('the demo compound has a duty post at each gate and one post of every other kind', async () => {
    const { items } = await h.ok(V1, 'duty.posts', { compoundId: COMPOUND });
    expect(items.map((p) => p.kind).sort()).toEqual(['care', 'census', 'disinfection', 'emergency', 'gate', 'gate', 'publicity', 'supplies']);
    expect(items.filter((p) => p.kind === 'gate').map((p) => [p.gateId, p.alwaysOn])).toEqual([
      ['sz-s1-c01-x01-g1', true],
      ['sz-s1-c01-x01-g2', true],
    ]);
  });

  test('a gate has one duty post: creating another is refused, editing changes it; a new post retried is the same post', async () => {
    const gatePost = {
      compoundId: COMPOUND,
      kind: 'gate' as const,
      name: '东门执勤岗',
      gateId: 'sz-s1-c01-x01-g1',
      minHeads: 2,
      maxHeads: 4,
      preferredSkills: ['security' as const],
    };
    refused(await h.call(SECRETARY, 'duty.savePost', gatePost), 'CONFLICT', { field: 'data.gateId' });
    const gate = await h.ok(SECRETARY, 'duty.savePost', { ...gatePost, postId: GATE_POST });
    expect(gate).toMatchObject({ id: GATE_POST, maxHeads: 4, alwaysOn: true, checkInBy: 'either' });
    expect(gate.location).toBeUndefined();
    const post = {
      compoundId: COMPOUND,
      kind: 'care' as const,
      name: '独居老人关爱岗',
      requiredSkills: ['medical' as const],
      minHeads: 1,
      maxHeads: 2,
      location: { lat: 33.868, lng: 109.94 },
    };
    const first = await h.call(SECRETARY, 'duty.savePost', post);
    expect(first).toMatchObject({ ok: true, data: { alwaysOn: false, location: { radius: 100 }, requiredSkills: ['medical'] } });
    const retry = await h.call(SECRETARY, 'duty.savePost', post);
    expect(retry.ok && retry.data.id).toBe(first.ok && first.data.id);
    expect(retry.meter.writes).toBe(0);
    refused(await h.call(SECRETARY, 'duty.savePost', { ...post, maxHeads: 3 }), 'CONFLICT', { field: 'data.name' });
    const changed = await h.ok(SECRETARY, 'duty.savePost', { ...post, postId: first.ok ? first.data.id : '', maxHeads: 3, active: false });
    expect(changed).toMatchObject({ maxHeads: 3, active: false });
  });

  describe('bad input: a clear error, nothing written', () => {
    const base = { compoundId: COMPOUND, kind: 'publicity' as const, name: '测试岗', minHeads: 1, maxHeads: 2 };
    const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
      ['a gate post without a gate', { kind: 'gate' }, 'INVALID_ARGUMENT', 'data.gateId'],
      ['a gate of another compound', { kind: 'gate', gateId: 'sz-s1-c01-x02-g1' }, 'INVALID_ARGUMENT', 'data.gateId'],
      ['a gate on another kind of post', { gateId: 'sz-s1-c01-x01-g1' }, 'INVALID_ARGUMENT', 'data.gateId'],
      ['fewer at most than at least', { minHeads: 3, maxHeads: 2 }, 'INVALID_ARGUMENT', 'data.maxHeads'],
      ['too many heads', { maxHeads: 21 }, 'INVALID_ARGUMENT', 'data.maxHeads'],
      ['location check-in without a location', { checkInBy: 'location' }, 'INVALID_ARGUMENT', 'data.location'],
      ['a latitude out of range', { location: { lat: 91, lng: 109.94 } }, 'INVALID_ARGUMENT', 'data.location.lat'],
      ['an unknown skill', { requiredSkills: ['juggling'] }, 'INVALID_ARGUMENT', 'data.requiredSkills.0'],
      ['an unknown kind', { kind: 'parking' }, 'INVALID_ARGUMENT', 'data.kind'],
      ['changing a post’s kind', { postId: POST('care') }, 'INVALID_ARGUMENT', 'data.kind'],
      ['an unknown post', { postId: 'p-none' }, 'NOT_FOUND', 'data.postId'],
      ['another compound', { compoundId: OTHER_COMPOUND }, 'FORBIDDEN', undefined],
    ];
    test.each(cases)('%s', async (_name, over, code, field) =>
      refused(await h.raw(SECRETARY, 'duty.savePost', { ...base, ...over }), code, field ? { field } : {}),
    );
  });
});

describe('duty.generate', () => {
  test('gate duty 24 h in three shifts for 7 days; regenerating the same pattern creates nothing', async () => {
    const first = await generate({ postIds: [GATE_POST, GATE_POST_2] });
    expect(first).toMatchObject({ ok: true, data: { created: 42, existing: 0, skipped: 0 } });
    const again = await generate({ postIds: [GATE_POST, GATE_POST_2] });
    expect(again).toMatchObject({ ok: true, data: { created: 0, existing: 42, skipped: 0 } });
    expect(again.meter.writes).toBe(0);
    expect(await h.store.count('shifts', { postId: GATE_POST })).toBe(21);
    const day = await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: TOMORROW, postId: GATE_POST });
    expect(day.items.map((s) => [s.start, s.end, s.minHeads, s.maxHeads, s.full, s.started])).toEqual([
      [at(TOMORROW, '00:00'), at(TOMORROW, '08:00'), 2, 3, false, false],
      [at(TOMORROW, '08:00'), at(TOMORROW, '16:00'), 2, 3, false, false],
      [at(TOMORROW, '16:00'), at(TOMORROW, '24:00'), 2, 3, false, false],
    ]);
    const week = await h.ok(V1, 'duty.shifts', { compoundId: COMPOUND, day: TOMORROW, days: 7 });
    expect(week.items).toHaveLength(42);
  });

  test('shifts already under way are not created; weekdays and per-shift heads come from the pattern', async () => {
    // Today at 08:00: 00:00–08:00 has started; 08:00–16:00 starts now (not created); 16:00–24:00 is ahead.
    const today = await generate({ from: TODAY, days: 1 });
    expect(today).toMatchObject({ ok: true, data: { created: 1, existing: 0, skipped: 2 } });
    // Disinfection twice a day on weekdays only, one person each, from Monday 30 Nov for two weeks.
    const r = await h.ok(SECRETARY, 'duty.generate', {
      compoundId: COMPOUND,
      postIds: [POST('disinfection')],
      from: '2026-11-30',
      days: 14,
      weekdays: [1, 2, 3, 4, 5],
      shifts: [
        { start: '07:00', end: '09:00', minHeads: 1, maxHeads: 1 },
        { start: '18:00', end: '20:00' },
      ],
    });
    expect(r.created).toBe(20);
    const sat = await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: '2026-12-05', postId: POST('disinfection') });
    expect(sat.items).toHaveLength(0);
    const mon = await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: '2026-11-30', postId: POST('disinfection') });
    expect(mon.items.map((s) => [s.end - s.start, s.minHeads, s.maxHeads])).toEqual([
      [2 * HOUR, 1, 1],
      [2 * HOUR, 1, 2],
    ]);
  });

  test('a pattern overlapping other shifts of the same post is refused, nothing written', async () => {
    await generate({ days: 2 });
    const before = await h.store.count('shifts');
    const twelve = await generate({ days: 2, shifts: [{ start: '06:00', end: '18:00' }] });
    refused(twelve, 'CONFLICT', { field: 'data.shifts' });
    expect(await h.store.count('shifts')).toBe(before);
    // Another post is free to use that pattern.
    expect(await generate({ days: 2, postIds: [GATE_POST_2], shifts: [{ start: '06:00', end: '18:00' }] })).toMatchObject({ ok: true, data: { created: 2 } });
  });

  describe('bad input: a clear error, nothing written', () => {
    const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
      ['a shift that ends before it starts', { shifts: [{ start: '16:00', end: '08:00' }] }, 'INVALID_ARGUMENT', 'data.shifts.0.end'],
      ['a shift that ends when it starts', { shifts: [{ start: '08:00', end: '08:00' }] }, 'INVALID_ARGUMENT', 'data.shifts.0.end'],
      ['a shift over 12 hours', { shifts: [{ start: '06:00', end: '18:30' }] }, 'INVALID_ARGUMENT', 'data.shifts.0.end'],
      [
        'shifts of a pattern overlapping',
        {
          shifts: [
            { start: '08:00', end: '16:00' },
            { start: '12:00', end: '20:00' },
          ],
        },
        'INVALID_ARGUMENT',
        'data.shifts.1.start',
      ],
      ['a time that is not a time', { shifts: [{ start: '8点', end: '16:00' }] }, 'INVALID_ARGUMENT', 'data.shifts.0.start'],
      ['fewer at most than at least', { shifts: [{ start: '08:00', end: '16:00', minHeads: 3, maxHeads: 1 }] }, 'INVALID_ARGUMENT', 'data.shifts.0.maxHeads'],
      ['a day in the past', { from: '2026-11-27' }, 'INVALID_ARGUMENT', 'data.from'],
      ['a day that does not exist', { from: '2026-02-30' }, 'INVALID_ARGUMENT', 'data.from'],
      ['too many days', { days: 32 }, 'INVALID_ARGUMENT', 'data.days'],
      ['a post of another compound', { postIds: ['sz-s1-c01-x02-g1-duty'] }, 'INVALID_ARGUMENT', 'data.postIds.0'],
      ['a weekday 8', { weekdays: [8] }, 'INVALID_ARGUMENT', 'data.weekdays.0'],
      ['another compound', { compoundId: OTHER_COMPOUND }, 'FORBIDDEN', undefined],
    ];
    test.each(cases)('%s', async (_name, over, code, field) => {
      refused(
        await h.raw(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [GATE_POST], from: TOMORROW, days: 7, shifts: THREE_SHIFTS, ...over }),
        code,
        field ? { field } : {},
      );
      expect(await h.store.count('shifts')).toBe(0);
    });
    test('a volunteer cannot generate', async () =>
      refused(await h.raw(V1, 'duty.generate', { compoundId: COMPOUND, postIds: [GATE_POST], from: TOMORROW, days: 1, shifts: THREE_SHIFTS }), 'FORBIDDEN'));
  });
});
