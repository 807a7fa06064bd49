/** 消毒情况: each compound with areas, the one with most missed first, its areas as rows. */
import type { ComplianceReport } from '../../../../typings/disinfect';
import type { AreaRow } from '../../../services/disinfect-rows';
import { areaRows } from '../../../services/disinfect-rows';

export interface CompoundBlock {
  id: string;
  name: string;
  totalText: string;
  missed: number;
  rows: AreaRow[];
}

export function blocksOf(report: ComplianceReport): CompoundBlock[] {
  return report.compounds
    .filter((c) => c.areas > 0)
    .map((c) => ({
      id: c.compoundId,
      name: c.name,
      totalText: `完成 ${c.areasDone}/${c.areas} 处`,
      missed: c.missed,
      rows: areaRows(c.items ?? []),
    }))
    .sort((a, b) => b.missed - a.missed);
}
