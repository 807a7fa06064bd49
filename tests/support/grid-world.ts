/**
 * The building-level share of the authorization world (./world.ts): requests for the case,
 * disinfection, census, daily-health and ledger-export actions, made from the world's ids.
 */
import { exportCases } from './exports';
import type { ActionName } from '../../typings/api';
import { CASE_IDS, caseFixture } from './case-fixtures';
import type { Harness } from './harness';
import { addDisinfectFixtures } from './world-disinfect';

type Row<W> = { data: (w: W, inScope: boolean) => Record<string, unknown> };
type GridAction = Extract<ActionName, `case.${string}` | `disinfect.${string}` | `census.${string}` | `health.${string}` | `export.${string}`>;

/** Ids of a case and an area no document has. */
export const GRID_MISSING = { caseId: `c${'0'.repeat(24)}`, areaId: 'xd-x1-d-missing' };

/** The actions here that name a document by id (./world.ts BY_ID). */
export const gridById = (compoundIn: string, areaOut: string) => ({
  'case.get': { field: 'caseId' as const },
  'case.update': { field: 'caseId' as const },
  'disinfect.log': { field: 'areaId' as const },
  'disinfect.saveArea': {
    field: 'areaId' as const,
    data: () => ({ compoundId: compoundIn, areaId: areaOut, name: '外区区域', kind: 'other', required: 2, from: '06:00', to: '20:00' }),
  },
});

/** A one-row building spreadsheet, as a building leader's CSV. */
const IMPORT_CSV = Buffer.from('单元,房号,姓名,关系,出生年份\n1,1101,吴新,户主,1980\n').toString('base64');

/** `W`: the world's callers (./world.ts Who). */
/** Also the ledger exports' rows (./exports.ts). */
export function gridCases<W extends string>(ids: {
  own: Record<W, string>;
  outside: { district: string; building: string; compound: string };
  compoundIn: string;
  buildingIn: string;
  caseIds: { in: string; out: string };
  areas: { in: string; out: string; requestId: string };
}): Record<GridAction, Row<W>> {
  const { own, outside, compoundIn, buildingIn, caseIds, areas } = ids;
  return {
    'case.report': {
      data: (w, inScope) => ({
        kind: 'gathering',
        compoundId: inScope ? compoundIn : outside.compound,
        buildingId: inScope ? buildingIn : outside.building,
        place: '小区东门广场',
        requestId: `matrix-report-${w}`,
      }),
    },
    'case.list': { data: (w, inScope) => ({ orgId: inScope ? own[w] : outside.district }) },
    'case.mine': { data: () => ({}) },
    'case.get': { data: (_w, inScope) => ({ caseId: inScope ? caseIds.in : caseIds.out }) },
    'case.update': {
      data: (w, inScope) => ({ caseId: inScope ? caseIds.in : caseIds.out, step: 'action', action: 'dissuaded', requestId: `matrix-update-${w}` }),
    },
    'disinfect.areas': { data: (_w, inScope) => ({ compoundId: inScope ? compoundIn : outside.compound }) },
    'disinfect.saveArea': {
      data: (_w, inScope) => ({
        compoundId: inScope ? compoundIn : outside.compound,
        name: '矩阵区域',
        kind: 'other',
        required: 2,
        from: '06:00',
        to: '20:00',
      }),
    },
    'disinfect.today': { data: (_w, inScope) => ({ compoundId: inScope ? compoundIn : outside.compound }) },
    'disinfect.log': {
      data: (_w, inScope) => ({
        requestId: areas.requestId,
        areaId: inScope ? areas.in : areas.out,
        agent: '75% 酒精',
        photos: ['local://media/disinfect/demo-volunteer-1/matrix-log-1/a.jpg'],
      }),
    },
    'disinfect.logs': { data: (_w, inScope) => ({ compoundId: inScope ? compoundIn : outside.compound }) },
    'disinfect.compliance': { data: (w, inScope) => ({ orgId: inScope ? own[w] : outside.district }) },
    // Census and health: the seed records 1-202 (demo-resident-1's room, member 1 is them) in the demo building;
    // only the secretary changes the report cutoff, the others read it.
    'census.household': { data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building, unit: '1', room: '202' }) },
    'census.save': {
      data: (_w, inScope) => ({
        buildingId: inScope ? buildingIn : outside.building,
        unit: '1',
        room: '202',
        status: 'occupied',
        members: [{ id: 1, relation: 'head', birthYear: 1980, flags: [], partyMember: false }],
      }),
    },
    'census.layout': { data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building, units: 2, floors: 6, roomsPerFloor: 2 }) },
    'census.building': { data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building }) },
    'census.summary': { data: (w, inScope) => ({ orgId: inScope ? own[w] : outside.district }) },
    'census.import': {
      data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building, fileName: '1号楼.csv', content: IMPORT_CSV, dryRun: true }),
    },
    'health.report': {
      data: (_w, inScope) => ({
        buildingId: inScope ? buildingIn : outside.building,
        unit: '1',
        room: '202',
        entries: [{ memberId: 1, temperature: 36.5, symptoms: [] }],
      }),
    },
    'health.today': { data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building, unit: '1', room: '202' }) },
    'health.missing': { data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building }) },
    'health.remind': { data: (_w, inScope) => ({ buildingId: inScope ? buildingIn : outside.building }) },
    'health.summary': { data: (w, inScope) => ({ orgId: inScope ? own[w] : outside.district }) },
    'health.settings': {
      data: (w, inScope) => ({ compoundId: inScope ? compoundIn : outside.compound, ...(w === 'secretary' ? { cutoff: '20:00' } : {}) }),
    },
    ...exportCases(ids.own, ids.outside.district),
  };
}

/** The cases (one in the demo compound, one in the other district) and disinfection fixtures the rows act on. */
export async function addGridFixtures(
  h: Harness,
  w: {
    compoundIn: string;
    buildingIn: string;
    outside: { compound: string; building: string };
    areas: { in: string; out: string; requestId: string };
    callers: string[];
  },
) {
  await h.store.insertMany('cases', [
    caseFixture(CASE_IDS.in, true, w.compoundIn, w.buildingIn),
    caseFixture(CASE_IDS.out, false, w.outside.compound, w.outside.building),
  ]);
  await addDisinfectFixtures(h, w.areas, w.callers);
}
