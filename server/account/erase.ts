/**
 * account.delete: a person erases their personal data (PIPL's right to deletion). What goes:
 * the user's name, phone, household and roles (the document stays as a tombstone keyed by the
 * openid, with `erasedAt`, so a retry knows); their passes are revoked (a revoked pass still
 * valid by date is in the trust bundle's revocation list, which is bumped) and the person's
 * name, household and reason cleared; the person fields of gate events made with those passes;
 * the vehicles registered to their phone in their compound; volunteer applications; consent
 * counts; pushes to them; future shift sign-ups (withdrawn) and their name on past crews, duty
 * records and day indexes; their name on weekly hours counters (the counts stay, so totals do);
 * their name and openid on the cases they reported (the cases stay: they concern someone else).
 * their own member record in the household census and its health reports (server/census/personal.ts).
 * What stays: anonymous counts (dailyCounts, notice tallies, hours), notice receipts keyed by the
 * bare openid, and the access log of who read their data (the viewers' accountability, purged
 * after its period). Every step looks for what still holds personal data, so a retry (or one
 * after a crash midway) finishes the job and changes nothing more.
 *
 * Someone holding a role above volunteer (leader, secretary, staff, admin) is refused with
 * FAILED_PRECONDITION until those roles are handed over and revoked: erasing them would leave
 * their buildings, compounds or areas without whoever answers their alerts.
 */
import * as z from 'zod/mini';
import type { Role } from '../../typings/domain';
import { ROLE_LABELS, ROLE_RANK } from '../auth/roles';
import { precondition } from '../core/errors';
import { eraseCensusPerson } from '../census/personal';
import { bumpCompoundGate } from '../gate/compound-gate';
import { bumpPassGauges } from '../pass/gauge';
import { bumpAudience } from '../stats/audience';
import { action, type ActionContext } from '../runtime/action';
import { queryAll } from '../store/pages';
import { StoreConflictError, type Store } from '../store/port';

export const DELETE_CONFIRMATION = '确认注销';
/** What replaces an erased name where a record must keep one. */
export const ERASED = '已注销';

const HANDOVER_FIRST = ROLE_RANK.volunteer;
const MAX_PAGES = 10;

async function erasePasses(store: Store, openid: string, now: number) {
  const passes = await queryAll(store, 'passes', { where: { holder: openid }, orderBy: [{ field: 'createdAt' }] }, MAX_PAGES);
  let revoked = 0;
  for (const p of passes) {
    if (p.name === ERASED && p.status !== 'pending' && p.status !== 'approved') continue; // done by an earlier run
    await store.transaction(async (tx) => {
      const live = p.status === 'pending' || p.status === 'approved';
      const patch = {
        name: ERASED,
        household: '',
        reason: '',
        ...(live ? { status: 'revoked' as const, statusReason: '账号已注销', reviewedAt: now, reviewedBy: openid } : {}),
        dpk: undefined,
      };
      await tx.update('passes', p._id, patch);
      await tx.remove('passLocks', p.lockId);
      if (live) {
        revoked++;
        await bumpCompoundGate(tx, p.compoundId);
        await bumpPassGauges(tx, p, { ...p, status: 'revoked' });
      }
    });
  }
  let cleared = 0;
  for (let i = 0; i < passes.length; i += 50) {
    const ids = passes.slice(i, i + 50).map((p) => p._id);
    const events = await queryAll(store, 'gateEvents', { where: { passId: { $in: ids } }, orderBy: [{ field: 'at' }] }, MAX_PAGES);
    for (const e of events) {
      if (e.who === undefined && e.household === undefined) continue;
      await store.update('gateEvents', e._id, { who: undefined, household: undefined });
      cleared++;
    }
  }
  return { revoked, cleared };
}

async function eraseDuties(store: Store, openid: string, now: number) {
  const duties = await queryAll(store, 'duties', { where: { openid }, orderBy: [{ field: 'start' }] }, MAX_PAGES);
  for (const d of duties) {
    await store.transaction(async (tx) => {
      const shift = await tx.get('shifts', d.shiftId);
      if (shift) {
        const crew = shift.crew
          .filter((c) => !(c.openid === openid && c.status === 'assigned' && shift.start > now))
          .map((c) => (c.openid === openid ? { ...c, name: ERASED } : c));
        await tx.update('shifts', shift._id, { crew });
      }
      await tx.remove('duties', d._id);
    });
  }
  const days = await queryAll(store, 'dutyDays', { where: { openid }, orderBy: [{ field: 'day' }] }, MAX_PAGES);
  for (const day of days) await store.remove('dutyDays', day._id);
  const hours = await queryAll(store, 'dutyHours', { where: { openid }, orderBy: [{ field: 'week' }] }, MAX_PAGES);
  for (const h of hours) if (h.name !== ERASED) await store.update('dutyHours', h._id, { name: ERASED });
  return duties.length;
}

async function eraseVehicles(store: Store, phone: string | undefined, compoundId: string | undefined) {
  if (!phone || !compoundId) return 0;
  const cars = (await queryAll(store, 'vehicles', { where: { compoundId }, orderBy: [{ field: 'plate' }] }, MAX_PAGES)).filter((v) => v.ownerPhone === phone);
  for (const v of cars) {
    await store.transaction(async (tx) => {
      await tx.remove('vehicles', v._id);
      await bumpCompoundGate(tx, v.compoundId);
    });
  }
  return cars.length;
}

/** The reporter's name and openid off the cases they reported; the case and its steps stay. */
async function eraseCaseReports(store: Store, openid: string) {
  const cases = await queryAll(store, 'cases', { where: { reporter: openid }, orderBy: [{ field: 'reportedAt' }] }, MAX_PAGES);
  for (const c of cases) {
    const steps = c.steps.map(({ byId, byName, ...s }) => (byId === openid ? s : { ...s, ...(byId ? { byId } : {}), ...(byName ? { byName } : {}) }));
    await store.update('cases', c._id, { reporter: undefined, reporterName: undefined, steps });
  }
  return cases.length;
}

async function erase(ctx: ActionContext) {
  const { store } = ctx;
  const openid = ctx.caller.openid;
  const user = ctx.caller.user;
  const now = ctx.clock.now();
  const kept = (user?.grants ?? []).filter((g) => ROLE_RANK[g.role] > HANDOVER_FIRST);
  if (kept.length) {
    const roles = [...new Set(kept.map((g) => ROLE_LABELS[g.role as Role]))].join('、');
    throw precondition(`您还担任${roles}，请先交接并由上级撤销这些角色，再注销账号`, { reason: 'HOLDS_ROLES' });
  }
  // Marked first: if this stops midway, what is already gone belongs to an account being erased,
  // and the retry finishes it.
  if (user && user.erasedAt === undefined) await store.update('users', openid, { erasedAt: now, updatedAt: now });
  const { revoked, cleared } = await erasePasses(store, openid, now);
  const vehiclesRemoved = await eraseVehicles(store, user?.phone, user?.household?.compoundId);
  const volunteers = await queryAll(store, 'volunteers', { where: { openid }, orderBy: [{ field: 'appliedAt' }] }, MAX_PAGES);
  for (const v of volunteers) await store.remove('volunteers', v._id);
  const duties = await eraseDuties(store, openid, now);
  const casesReported = await eraseCaseReports(store, openid);
  // Disinfection logs go with their author; the day's counts (disinfectDays, no names) stay.
  const disinfections = await queryAll(store, 'disinfectLogs', { where: { openid }, orderBy: [{ field: 'doneAt' }] }, MAX_PAGES);
  for (const l of disinfections) await store.remove('disinfectLogs', l._id);
  const census = await eraseCensusPerson(store, user, now);
  if (await store.get('consents', openid)) await store.remove('consents', openid);
  const pushes = await queryAll(store, 'outbox', { where: { to: openid }, orderBy: [{ field: 'createdAt' }] }, MAX_PAGES);
  for (const p of pushes) await store.remove('outbox', p._id);
  const erased = user?.erasedAt !== undefined && !user.name && !user.phone && !user.household && !user.grants.length;
  if (user && !erased) {
    const patch = {
      name: undefined,
      phone: undefined,
      household: undefined,
      grants: [],
      grantKeys: [],
      reach: [],
      updatedAt: now,
      erasedAt: user.erasedAt ?? now,
    };
    await store.transaction(async (tx) => {
      await tx.update('users', openid, patch);
      await bumpAudience(tx, user.grants, []);
    });
  }
  // One erasure record per person: a retry finds it.
  try {
    if (!(await store.get('audit', `erase:${openid}`)))
      await store.insert('audit', { _id: `erase:${openid}`, kind: 'erase', actor: openid, subject: openid, at: now });
  } catch (err) {
    if (!(err instanceof StoreConflictError)) throw err;
  }
  return {
    deleted: true as const,
    passesRevoked: revoked,
    gateEventsCleared: cleared,
    vehiclesRemoved,
    volunteerRecords: volunteers.length,
    duties,
    casesReported,
    census,
  };
}

export const eraseAction = action('account.delete', {
  roles: 'anyone',
  scope: 'none',
  schema: z.strictObject({ confirm: z.literal(DELETE_CONFIRMATION, { error: `请输入“${DELETE_CONFIRMATION}”以确认` }) }),
  labels: { confirm: '确认' },
  limit: { per: 'hour', max: 5 },
  handle: (_req, ctx) => erase(ctx),
});
