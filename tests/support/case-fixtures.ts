/** The matrix's case fixtures: a returnee in the demo building and one in the other district. */
import type { CaseDoc } from '../../server/cases/model';
import { T0 } from './harness';

export const CASE_IDS = { in: `c${'1'.repeat(24)}`, out: `c${'2'.repeat(24)}` };

/** A returnee reported by a volunteer, in the demo building or in the other district. */
export function caseFixture(id: string, inside: boolean, compoundId: string, buildingId: string): CaseDoc {
  return {
    _id: id,
    kind: 'returnee',
    severity: 'high',
    state: 'reported',
    compoundId,
    buildingId,
    buildingName: '1号楼',
    path: inside ? ['sz', 'sz-s1', 'sz-s1-c01', compoundId, buildingId] : ['xd', buildingId],
    origin: '湖北武汉',
    arrivalDate: '2026-11-27',
    transport: 'train',
    plannedAddress: '1号楼1单元302室',
    personName: '王小明',
    personPhone: '13912340000',
    anonymous: false,
    reporter: 'demo-volunteer-2',
    reporterName: '孙丽',
    reporterRole: 'volunteer',
    reportedAt: T0,
    steps: [{ at: T0, kind: 'reported', role: 'volunteer', byId: 'demo-volunteer-2', byName: '孙丽', requestId: 'matrix-fixture' }],
  };
}
