/** Check-in and check-out: windows, the post's signed code, location within the radius, bad input. */
import { generateKeyPairSync, sign } from 'node:crypto';
import { MINUTE } from '../../server/core/time';
import { distanceMeters } from '../../server/duty/checkin';
import { signPostCode, verifyPostCode } from '../../server/duty/code';
import type { PassSigner } from '../../server/pass/keys';
import { at, COMPOUND, GATE_POST, POST, refused, SECRETARY, useDutyHarness, V1, V2 } from './support';

const h = useDutyHarness();

const DAY = '2026-11-29';
/** The demo gate post stands here (gcj02), radius 100 m. */
const GATE_AT = { lat: 33.8685, lng: 109.9408 };

async function onShift(postId: string, who: string, start = '08:00', end = '16:00', day = DAY) {
  await h.ok(SECRETARY, 'duty.generate', { compoundId: COMPOUND, postIds: [postId], from: day, days: 1, shifts: [{ start, end }] });
  const shiftId = (await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day, postId })).items[0].id;
  await h.ok(who, 'duty.signup', { shiftId });
  return shiftId;
}
const codeFor = async (postId: string, validDays?: number) => (await h.ok(SECRETARY, 'duty.postCode', { postId, ...(validDays ? { validDays } : {}) })).code;
const checkIn = (shiftId: string, proof: { code?: string; location?: { lat: number; lng: number } }, who = V1) =>
  h.call(who, 'duty.checkIn', { shiftId, ...proof });

describe('the window', () => {
  test('from 15 minutes before the start until the end; late after 15 minutes', async () => {
    const shift = await onShift(GATE_POST, V1);
    const code = await codeFor(GATE_POST);
    h.clock.set(at(DAY, '07:44'));
    refused(await checkIn(shift, { code }), 'FAILED_PRECONDITION', { reason: 'TOO_EARLY' });
    h.clock.set(at(DAY, '07:45'));
    const r = await checkIn(shift, { code });
    expect(r).toMatchObject({ ok: true, data: { status: 'on', checkInAt: at(DAY, '07:45') } });
    expect(r.ok && r.data.late).toBeUndefined();
    expect(r.meter.writes).toBe(3); // the duty, the shift, the dashboard’s hour slots
    const late = await onShift(POST('census'), V2, '18:00', '20:00');
    h.clock.set(at(DAY, '18:16'));
    expect(await checkIn(late, { code: await codeFor(POST('census')) }, V2)).toMatchObject({ ok: true, data: { late: true } });
  });

  test('not after the end; not without a place on the shift; not twice', async () => {
    const shift = await onShift(GATE_POST, V1);
    const code = await codeFor(GATE_POST);
    refused(await checkIn(shift, { code }, V2), 'FAILED_PRECONDITION', { reason: 'NOT_ASSIGNED' });
    h.clock.set(at(DAY, '16:00'));
    refused(await checkIn(shift, { code }), 'FAILED_PRECONDITION', { reason: 'ENDED' });
    h.clock.set(at(DAY, '08:00'));
    await h.ok(V1, 'duty.checkIn', { shiftId: shift, code });
    const twice = await checkIn(shift, { code });
    refused(twice, 'CONFLICT', { reason: 'ALREADY_CHECKED_IN' });
    expect(!twice.ok && twice.error.details).toMatchObject({ checkInAt: at(DAY, '08:00') });
  });
});

describe('the post’s code', () => {
  test('a code of another post, an expired code, a forged one, one from an unknown key: each refused, nothing written', async () => {
    const shift = await onShift(GATE_POST, V1, '08:00', '16:00', '2026-12-01');
    const good = await codeFor(GATE_POST, 1); // valid one day from now (28 Nov)
    const other = await codeFor(POST('census'));
    h.clock.set(at('2026-12-01', '08:00'));
    refused(await checkIn(shift, { code: other }), 'FAILED_PRECONDITION', { reason: 'OTHER_POST', field: 'data.code' });
    refused(await checkIn(shift, { code: good }), 'FAILED_PRECONDITION', { reason: 'CODE_EXPIRED', field: 'data.code' });
    const [, body, sig] = other.split('.');
    const json = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `LFD1.${Buffer.from(JSON.stringify({ ...json, post: GATE_POST })).toString('base64url')}.${sig}`;
    refused(await checkIn(shift, { code: forged }), 'INVALID_ARGUMENT', { reason: 'BAD_CODE', field: 'data.code' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const stranger: PassSigner = { kid: 'k9', sign: (m) => new Uint8Array(sign(null, m, privateKey)) };
    const unknownKey = signPostCode(stranger, { post: GATE_POST, cid: COMPOUND, iat: 0, exp: 4e9 });
    for (const code of [unknownKey, 'LF1.not.a.post.code', 'hello', 'x'.repeat(401)]) {
      const r = await checkIn(shift, { code });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.code' } } });
      expect(r.meter.writes).toBe(0);
    }
    expect(await h.store.get('duties', `${shift}:${V1}`)).toMatchObject({ status: 'assigned' });
    // A fresh code works, and so does one signed before the key was rotated.
    const fresh = await codeFor(GATE_POST);
    await h.raw('demo-admin', 'pass.rotateKey', {});
    expect(await checkIn(shift, { code: fresh })).toMatchObject({ ok: true, data: { status: 'on' } });
    expect(await h.store.get('duties', `${shift}:${V1}`)).toMatchObject({ method: 'code' });
  });

  test('the code is verified with the shared verifier; the text names its post and compound', async () => {
    const code = await codeFor(GATE_POST);
    expect(code).toMatch(/^LFD1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    const trust = (await h.raw(V1, 'pass.trust', { compoundId: COMPOUND })) as { ok: true; data: { keys: Array<{ kid: string; publicKey: string }> } };
    expect(verifyPostCode(code, { keys: trust.data.keys, postId: GATE_POST, nowMs: h.clock.now() })).toMatchObject({
      ok: true,
      body: { post: GATE_POST, cid: COMPOUND },
    });
    expect(verifyPostCode(code, { keys: [], postId: GATE_POST, nowMs: h.clock.now() })).toEqual({ ok: false, reason: 'BAD_CODE' });
  });
});

describe('location', () => {
  test('within the post’s radius checks in; farther is refused with the distance', async () => {
    const shift = await onShift(GATE_POST, V1);
    h.clock.set(at(DAY, '08:00'));
    const far = { lat: GATE_AT.lat + 0.00135, lng: GATE_AT.lng };
    expect(Math.round(distanceMeters(GATE_AT, far))).toBe(150);
    const r = await checkIn(shift, { location: far });
    refused(r, 'FAILED_PRECONDITION', { reason: 'OUT_OF_RANGE', field: 'data.location' });
    expect(!r.ok && r.error.details).toMatchObject({ distance: 150 });
    expect(await checkIn(shift, { location: { lat: GATE_AT.lat + 0.0008, lng: GATE_AT.lng } })).toMatchObject({ ok: true, data: { status: 'on' } });
    expect(await h.store.get('duties', `${shift}:${V1}`)).toMatchObject({ method: 'location' });
  });

  test('a post without a location takes codes only', async () => {
    const shift = await onShift(POST('census'), V1);
    h.clock.set(at(DAY, '08:00'));
    refused(await checkIn(shift, { location: GATE_AT }), 'FAILED_PRECONDITION', { reason: 'NO_LOCATION' });
  });

  test('a post asking for both needs both', async () => {
    await h.ok(SECRETARY, 'duty.savePost', {
      compoundId: COMPOUND,
      postId: POST('census'),
      kind: 'census',
      name: '信息摸排岗',
      minHeads: 1,
      maxHeads: 4,
      location: GATE_AT,
      checkInBy: 'both',
    });
    const shift = await onShift(POST('census'), V1);
    const code = await codeFor(POST('census'));
    h.clock.set(at(DAY, '08:00'));
    refused(await checkIn(shift, { code }), 'FAILED_PRECONDITION', { reason: 'LOCATION_REQUIRED' });
    refused(await checkIn(shift, { location: GATE_AT }), 'FAILED_PRECONDITION', { reason: 'CODE_REQUIRED' });
    expect(await checkIn(shift, { code, location: GATE_AT })).toMatchObject({ ok: true });
    expect(await h.store.get('duties', `${shift}:${V1}`)).toMatchObject({ method: 'both' });
  });

  describe('bad input: a clear error, nothing written', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['latitude above 90', { location: { lat: 90.5, lng: 109.94 } }, 'data.location.lat'],
      ['longitude below -180', { location: { lat: 33.86, lng: -181 } }, 'data.location.lng'],
      ['coordinates as text', { location: { lat: '33.86', lng: 109.94 } }, 'data.location.lat'],
      ['a missing longitude', { location: { lat: 33.86 } }, 'data.location.lng'],
      ['an unknown field', { location: { ...GATE_AT, altitude: 500 } }, 'data.location.altitude'],
      ['neither code nor location', {}, 'data.code'],
    ];
    test.each(cases)('%s', async (_name, proof, field) => {
      const shift = await onShift(GATE_POST, V1);
      h.clock.set(at(DAY, '08:00'));
      refused(await h.raw(V1, 'duty.checkIn', { shiftId: shift, ...proof }), 'INVALID_ARGUMENT', { field });
    });
  });
});

describe('check-out', () => {
  test('credits the time on shift between check-in and check-out; once', async () => {
    const shift = await onShift(GATE_POST, V1);
    const code = await codeFor(GATE_POST);
    h.clock.set(at(DAY, '07:50'));
    refused(await h.call(V1, 'duty.checkOut', { shiftId: shift }), 'FAILED_PRECONDITION', { reason: 'NOT_CHECKED_IN' });
    await h.ok(V1, 'duty.checkIn', { shiftId: shift, code });
    h.clock.set(at(DAY, '16:20'));
    const out = await h.ok(V1, 'duty.checkOut', { shiftId: shift });
    // 07:50 → 16:20 on the clock; the shift runs 08:00–16:00: 480 minutes.
    expect(out).toMatchObject({ status: 'done', checkInAt: at(DAY, '07:50'), checkOutAt: at(DAY, '16:20'), minutes: 480 });
    refused(await h.call(V1, 'duty.checkOut', { shiftId: shift }), 'CONFLICT', { reason: 'ALREADY_CHECKED_OUT' });
    const seen = await h.ok(SECRETARY, 'duty.shifts', { compoundId: COMPOUND, day: DAY, postId: GATE_POST });
    expect(seen.items[0].crew[0]).toMatchObject({ status: 'done', checkInAt: at(DAY, '07:50'), checkOutAt: at(DAY, '16:20') });
  });

  test('leaving early credits only the time present', async () => {
    const shift = await onShift(GATE_POST, V1);
    h.clock.set(at(DAY, '08:10'));
    await h.ok(V1, 'duty.checkIn', { shiftId: shift, location: GATE_AT });
    h.clock.advance(90 * MINUTE);
    expect(await h.ok(V1, 'duty.checkOut', { shiftId: shift })).toMatchObject({ minutes: 90 });
  });
});
