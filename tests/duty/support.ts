/** The seeded demo district (which includes the duty demo: posts, party units, volunteers) for duty tests. */
import type { DutyActions, Skill } from '../../typings/duty';
import type { Envelope } from '../../typings/envelope';
import { grantFields } from '../../server/account/grants';
import type { Grant } from '../../server/auth/caller';
import type { ManualClock } from '../../server/core/clock';
import { volunteerId, type UnitRef, type VolunteerDoc } from '../../server/volunteer/model';
import { dayStart } from '../../server/duty/time';
import type { App } from '../../server/runtime/dispatch';
import type { Meter } from '../../server/store/metered';
import type { Store } from '../../server/store/port';
import { makeHarness } from '../support/harness';
import { MINUTE } from '../../server/core/time';

/** 2026-11-28 (a Saturday) 08:00 Asia/Shanghai. */
export const T0 = Date.UTC(2026, 10, 28, 0, 0, 0);
export const TODAY = '2026-11-28';
export const COMPOUND = 'sz-s1-c01-x01';
export const OTHER_COMPOUND = 'sz-s1-c01-x02';
export const GATE_POST = 'sz-s1-c01-x01-g1-duty';
export const GATE_POST_2 = 'sz-s1-c01-x01-g2-duty';
export const POST = (kind: string) => `${COMPOUND}-p-${kind}`;
export const SECRETARY = 'demo-secretary';
export const V1 = 'demo-volunteer-1';
export const V2 = 'demo-volunteer-2';

/** Unix ms of "HH:mm" on a day. */
export const at = (day: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return dayStart(day) + (h * 60 + m) * MINUTE;
};

type A = keyof DutyActions;
export type Result<R> = Envelope<R> & { meter: Meter };

/** The usual hooks of a duty suite — a fresh harness per test, closed after it — and a stable handle to the current one. */
export function useDutyHarness(): DutyHarness {
  let current: DutyHarness | undefined;
  beforeEach(async () => {
    current = await makeDutyHarness();
  });
  afterEach(() => current?.close());
  return new Proxy({} as DutyHarness, { get: (_t, key) => current![key as keyof DutyHarness] });
}

export interface DutyHarness {
  store: Store;
  clock: ManualClock;
  app: App;
  call<K extends A>(openid: string | undefined, action: K, data: DutyActions[K]['req']): Promise<Result<DutyActions[K]['res']>>;
  /** Any action (duty or not) with any data, for bad input and the existing functions. */
  raw(openid: string | undefined, action: string, data: unknown): Promise<Result<unknown>>;
  ok<K extends A>(openid: string, action: K, data: DutyActions[K]['req']): Promise<DutyActions[K]['res']>;
  close(): void;
}

/** The shared harness (the seeded district includes the duty demo), with `raw` taking an action name. */
export async function makeDutyHarness(): Promise<DutyHarness> {
  const h = await makeHarness();
  const raw = (openid: string | undefined, action: string, data: unknown) => h.raw(openid, action.split('.')[0], { action, data });
  return { ...h, raw, call: h.call as DutyHarness['call'], ok: h.ok as DutyHarness['ok'] };
}

let enlisted = 0;

/**
 * An approved volunteer of a compound, written straight to the store (what join + approve leave
 * behind), for tests that need many. Returns the openid.
 */
export async function enlist(
  store: Store,
  opts: { openid?: string; name?: string; skills?: Skill[]; compoundId?: string; compoundPath?: string[]; partyMember?: boolean; unit?: UnitRef } = {},
): Promise<string> {
  const n = ++enlisted;
  const openid = opts.openid ?? `wx-vol-${String(n).padStart(5, '0')}`;
  const compoundId = opts.compoundId ?? COMPOUND;
  const path = opts.compoundPath ?? ['sz', 'sz-s1', 'sz-s1-c01'];
  const grant: Grant = { role: 'volunteer', orgId: compoundId, path, grantedBy: 'test', at: T0 };
  const user = await store.get('users', openid);
  const grants = [...(user?.grants ?? []), grant];
  if (user) await store.update('users', openid, grantFields(grants));
  else await store.insert('users', { _id: openid, ...grantFields(grants), createdAt: T0, updatedAt: T0 });
  const doc: VolunteerDoc = {
    _id: volunteerId(compoundId, openid),
    openid,
    compoundId,
    compoundPath: path,
    name: opts.name ?? `志愿者${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n}`,
    phone: `139${String(n).padStart(8, '0')}`,
    skills: opts.skills ?? [],
    partyMember: opts.partyMember ?? false,
    ...(opts.unit ? { unitId: opts.unit.id, unit: opts.unit } : {}),
    status: 'approved',
    appliedAt: T0,
  };
  await store.insert('volunteers', doc);
  return openid;
}

/** Expect a refusal with this code (and rule/field), and nothing written. */
export function refused<R>(r: Result<R>, code: string, more: { reason?: string; field?: string } = {}) {
  const details = { ...(more.reason ? { reason: more.reason } : {}), ...(more.field ? { field: more.field } : {}) };
  expect(r).toMatchObject({ ok: false, error: { code, ...(Object.keys(details).length ? { details } : {}) } });
  expect(r.meter.writes).toBe(0);
}
