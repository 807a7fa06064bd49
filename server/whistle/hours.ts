/**
 * Hours of people a unit sent on a request count toward its party reporting (报到): on the
 * requester's confirmation they are added to the unit's weekly counter, the same `dutyHours`
 * document duty.hours reads for units (minutes only: a request is no shift).
 */
import { unitHoursId } from '../duty/model';
import { weekOf } from '../duty/time';
import type { TxStore } from '../store/port';
import type { WhistleReport } from '../../typings/whistle';

/** Minutes a report credits: people × hours each. */
export const reportMinutes = (r: Pick<WhistleReport, 'people' | 'hours'>) => Math.round(r.people * r.hours * 60);

/** Adds the report's minutes to the unit's week of `at`. Inside the confirming transaction. */
export async function creditUnitHours(tx: TxStore, unitId: string, report: Pick<WhistleReport, 'people' | 'hours'>, at: number) {
  const minutes = reportMinutes(report);
  if (!minutes) return;
  const unit = await tx.get('partyUnits', unitId);
  if (!unit) return; // removed since: nothing left to credit
  const week = weekOf(at);
  const hid = unitHoursId(unitId, week);
  if (await tx.get('dutyHours', hid)) await tx.increment('dutyHours', hid, { minutes });
  else
    await tx.insert('dutyHours', {
      _id: hid,
      kind: 'unit',
      week,
      path: [...unit.path, unit.orgId],
      name: unit.name,
      unitId,
      unitKind: unit.kind,
      orgId: unit.orgId,
      minutes,
      shifts: 0,
    });
}
