/** Three cases in the demo compound, so the case pages have something to show: one new, one being acted on, one anonymous. */
import { CASE_SEVERITY } from '../../miniprogram/shared/cases';
import type { OrgDoc } from '../auth/nodes';
import { caseId, type CaseDoc } from '../cases/model';
import { MINUTE } from '../core/time';
import { DEMO, SEED_AT } from './district';

export function buildDemoCases(orgs: Map<string, OrgDoc>): CaseDoc[] {
  const at = (building: string) => {
    const b = orgs.get(building)!;
    return { compoundId: DEMO.compound, buildingId: b._id, buildingName: b.name, path: [...b.path, b._id] };
  };
  const reported = SEED_AT + 9 * 60 * MINUTE;
  return [
    {
      _id: caseId('demo-volunteer-2', 'seed-case-returnee'),
      kind: 'returnee',
      severity: CASE_SEVERITY.returnee,
      state: 'reported',
      ...at(`${DEMO.compound}-b02`),
      unit: '2',
      room: '301',
      personName: '李明',
      personPhone: '13700001111',
      origin: '广东广州',
      arrivalDate: '2026-01-01',
      transport: 'train',
      plannedAddress: '2号楼2单元301室',
      anonymous: false,
      reporter: 'demo-volunteer-2',
      reporterName: '孙丽',
      reporterRole: 'volunteer',
      reportedAt: reported,
      steps: [{ at: reported, kind: 'reported', role: 'volunteer', byId: 'demo-volunteer-2', byName: '孙丽', requestId: 'seed-case-returnee' }],
    },
    {
      _id: caseId('demo-volunteer-2', 'seed-case-gathering'),
      kind: 'gathering',
      severity: CASE_SEVERITY.gathering,
      state: 'acting',
      ...at(DEMO.building),
      place: '1号楼下棋牌桌',
      note: '六七人聚在一起打牌，多人未戴口罩',
      anonymous: true,
      reporter: 'demo-volunteer-2',
      reporterRole: 'volunteer',
      reportedAt: reported + 30 * MINUTE,
      firstActionAt: reported + 42 * MINUTE,
      steps: [
        { at: reported + 30 * MINUTE, kind: 'reported', role: 'volunteer', requestId: 'seed-case-gathering' },
        { at: reported + 42 * MINUTE, kind: 'acknowledged', role: 'secretary', byId: 'demo-secretary', byName: '代红军', requestId: 'seed-ack-1:ack' },
        {
          at: reported + 42 * MINUTE,
          kind: 'action',
          action: 'dissuaded',
          role: 'secretary',
          byId: 'demo-secretary',
          byName: '代红军',
          note: '已劝散',
          requestId: 'seed-ack-1',
        },
      ],
    },
    {
      _id: caseId('demo-leader', 'seed-case-contact'),
      kind: 'contact',
      severity: CASE_SEVERITY.contact,
      state: 'acknowledged',
      ...at(`${DEMO.compound}-b03`),
      personName: '王芳',
      contactOf: '外地确诊病例同车乘客',
      contactDate: '2026-01-01',
      place: 'K字头列车 5 号车厢',
      anonymous: false,
      reporter: 'demo-leader',
      reporterName: '周建国',
      reporterRole: 'leader',
      reportedAt: reported + 60 * MINUTE,
      steps: [
        { at: reported + 60 * MINUTE, kind: 'reported', role: 'leader', byId: 'demo-leader', byName: '周建国', requestId: 'seed-case-contact' },
        { at: reported + 75 * MINUTE, kind: 'acknowledged', role: 'secretary', byId: 'demo-secretary', byName: '代红军', requestId: 'seed-ack-2' },
      ],
    },
  ];
}
