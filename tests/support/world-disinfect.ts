/** The world's disinfection fixtures: an area in the other district, and a log each caller already made. */
import { areaDoc, DEFAULT_RULE, logId } from '../../server/disinfect/model';
import { T0, type Harness } from './harness';

export async function addDisinfectFixtures(h: Harness, areas: { in: string; out: string; requestId: string }, callers: string[]) {
  const outside = (await h.store.get('orgs', 'xd-x1'))!;
  await h.store.insert('disinfectAreas', areaDoc(outside, { areaId: areas.out, name: '垃圾收集点', kind: 'bins', ...DEFAULT_RULE }, 0, T0, '2026-11-28'));
  const area = (await h.store.get('disinfectAreas', areas.in))!;
  await h.store.insertMany(
    'disinfectLogs',
    callers.map((openid) => ({
      _id: logId(openid, areas.requestId),
      requestId: areas.requestId,
      openid,
      name: '矩阵',
      role: 'volunteer' as const,
      compoundId: area.compoundId,
      path: area.path,
      areaId: area._id,
      areaName: area.name,
      day: '2026-11-28',
      doneAt: T0,
      agent: '84 消毒液 1:100',
      photos: [`local://media/disinfect/${openid}/${areas.requestId}/a.jpg`],
      late: false,
    })),
  );
}
