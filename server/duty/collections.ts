/**
 * The duty collections and their indexes. Spread into COLLECTIONS (server/store/collections.ts);
 * until then tests open their store with `{ ...COLLECTIONS, ...DUTY_COLLECTIONS }`.
 */
import type { CollectionSpec } from '../store/collections';

export const DUTY_COLLECTIONS = {
  /** 临时党支部, 楼栋党小组, 党员责任区 under a compound; agencies reporting in from a street or the district. */
  partyUnits: {
    indexes: [{ fields: ['orgId', 'kind', 'name'], unique: true }, { fields: ['kind', 'orgId'] }],
  },
  /** Volunteer profiles, id = `${compoundId}:${openid}`. */
  volunteers: {
    indexes: [{ fields: ['compoundId', 'status', 'appliedAt'] }, { fields: ['openid', 'appliedAt'] }, { fields: ['unitId'] }],
  },
  /** The seven kinds of post; a gate post is `${gateId}-duty`. */
  posts: {
    indexes: [{ fields: ['compoundId', 'order'] }, { fields: ['compoundId', 'name'], unique: true }],
    multi: ['path'],
  },
  /** Shifts with their crew; id = `${postId}-${YYYYMMDDHHmm}-${minutes}` (a pattern regenerated finds the same ids). */
  shifts: {
    indexes: [{ fields: ['compoundId', 'day', 'start'] }, { fields: ['postId', 'start'] }, { fields: ['day', 'start'] }, { fields: ['watchAt'] }],
    multi: ['path'],
  },
  /** A volunteer's place on a shift, id = `${shiftId}:${openid}`. */
  duties: {
    indexes: [{ fields: ['openid', 'start'] }, { fields: ['remindAt'] }],
  },
  /** A volunteer's own shifts on one day, id = `${openid}:${day}`: read by id on every sign-up. */
  dutyDays: { indexes: [] },
  /** Minutes served per week: `v:${compoundId}:${openid}:${week}` and `u:${unitId}:${week}`. */
  dutyHours: {
    indexes: [{ fields: ['openid', 'week'] }, { fields: ['kind', 'week'] }],
    multi: ['path'],
  },
} satisfies Record<string, CollectionSpec>;
