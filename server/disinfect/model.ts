/**
 * Disinfection as stored:
 *  - disinfectAreas  a compound's public areas, id `${compoundId}-d-<slug>` (defaults: a stairwell
 *                    per building `${buildingId}-d`, each gate `${gateId}-d`, bins, play area);
 *                    `checkAt` is the end of the next window the timer checks.
 *  - disinfectLogs   one per disinfection, id `${openid}:${requestId}`: the request id is also the
 *                    key in its photos' paths (server/media/photos.ts), so this id is what keeps a
 *                    photo on one record.
 *  - disinfectDays   per compound and day `${compoundId}:${day}`: times each area was done, kept on
 *                    every log, so compliance reads counters rather than logs.
 */
import type { AreaDay, AreaInput, AreaKind, AreaView, DisinfectLogView } from '../../typings/disinfect';
import { lineage, type OrgDoc } from '../auth/nodes';
import { DAY, MINUTE } from '../core/time';
import { clockMinutes, dayStart } from '../duty/time';
import type { GateDoc } from '../gate/model';

export const AREA_KINDS: readonly AreaKind[] = ['stairwell', 'lift', 'gate', 'bins', 'play', 'other'];
export const AREA_KIND_LABELS: Record<AreaKind, string> = {
  stairwell: '楼道',
  lift: '电梯',
  gate: '出入口',
  bins: '垃圾收集点',
  play: '儿童游乐区',
  other: '其他',
};

/** The seed's rule: twice a day, between 06:00 and 20:00. */
export const DEFAULT_RULE = { required: 2, from: '06:00', to: '20:00' } as const;

/** Agents the log form offers (free text is allowed too). */
export const AGENTS = ['84 消毒液 1:100', '含氯消毒液 500 mg/L', '75% 酒精', '过氧乙酸 0.2%', '季铵盐消毒液'];

export type AreaDoc = Omit<AreaView, 'id'> & {
  _id: string;
  _v?: number;
  /** The compound's lineage (ancestors, then the compound). */
  path: string[];
  order: number;
  /** End of the next window to check (unix ms); absent while inactive. */
  checkAt?: number;
  createdAt: number;
  updatedAt: number;
};

export type DisinfectLogDoc = {
  _id: string; // `${openid}:${requestId}`
  _v?: number;
  requestId: string;
  openid: string;
  name: string;
  role: 'volunteer' | 'secretary';
  compoundId: string;
  path: string[];
  areaId: string;
  areaName: string;
  day: string;
  doneAt: number;
  agent: string;
  /** File ids (server/media). */
  photos: string[];
  note?: string;
  late: boolean;
};

export type DisinfectDayDoc = {
  _id: string; // `${compoundId}:${day}`
  _v?: number;
  compoundId: string;
  path: string[];
  day: string;
  /** Times done, per area id. */
  counts: Record<string, number>;
  /** Last time done, per area id. */
  last: Record<string, number>;
};

declare module '../store/port' {
  interface Collections {
    disinfectAreas: AreaDoc;
    disinfectLogs: DisinfectLogDoc;
    disinfectDays: DisinfectDayDoc;
  }
}

export const logId = (openid: string, requestId: string) => `${openid}:${requestId}`;
export const dayDocId = (compoundId: string, day: string) => `${compoundId}:${day}`;

/** Unix ms of a window's end ("HH:mm", 24:00 = the next midnight) on a day. */
export const windowEnd = (day: string, to: string) => dayStart(day) + clockMinutes(to) * MINUTE;
export const windowStart = (day: string, from: string) => dayStart(day) + clockMinutes(from) * MINUTE;

/** The first window end after `now`. */
export function nextCheck(now: number, to: string, today: string): number {
  const end = windowEnd(today, to);
  return end > now ? end : end + DAY;
}

export function toAreaView(a: AreaDoc): AreaView {
  return {
    id: a._id,
    compoundId: a.compoundId,
    name: a.name,
    kind: a.kind,
    ...(a.buildingId ? { buildingId: a.buildingId } : {}),
    required: a.required,
    from: a.from,
    to: a.to,
    active: a.active,
  };
}

/** An area on a day: done as counted, missed once its window closed short. */
export function areaDay(a: AreaDoc, day: DisinfectDayDoc | null | undefined, date: string, now: number): AreaDay {
  const done = day?.counts[a._id] ?? 0;
  const lastAt = day?.last[a._id];
  return { ...toAreaView(a), done, ...(lastAt !== undefined ? { lastAt } : {}), missed: done < a.required && now >= windowEnd(date, a.to) };
}

export function toLogView(l: DisinfectLogDoc, by: string, photos: string[]): DisinfectLogView {
  return {
    id: l._id,
    areaId: l.areaId,
    areaName: l.areaName,
    compoundId: l.compoundId,
    doneAt: l.doneAt,
    agent: l.agent,
    by,
    photos,
    ...(l.note ? { note: l.note } : {}),
    late: l.late,
  };
}

/** The default areas of a compound: a stairwell per building, each gate, the bins, the play area. */
export function defaultAreas(
  compound: OrgDoc,
  buildings: readonly OrgDoc[],
  gates: readonly GateDoc[],
): Array<Required<Pick<AreaInput, 'areaId'>> & AreaInput> {
  const rule = { ...DEFAULT_RULE };
  return [
    ...buildings.map((b) => ({ areaId: `${b._id}-d`, name: `${b.name}楼道`, kind: 'stairwell' as const, buildingId: b._id, ...rule })),
    ...gates.map((g) => ({ areaId: `${g._id}-d`, name: g.name, kind: 'gate' as const, ...rule })),
    { areaId: `${compound._id}-d-bins`, name: '垃圾收集点', kind: 'bins' as const, ...rule },
    { areaId: `${compound._id}-d-play`, name: '儿童游乐区', kind: 'play' as const, ...rule },
  ];
}

/** An area document from a saved input. */
export function areaDoc(compound: OrgDoc, input: AreaInput & { areaId: string }, order: number, now: number, today: string): AreaDoc {
  const active = input.active ?? true;
  return {
    _id: input.areaId,
    compoundId: compound._id,
    path: lineage(compound),
    name: input.name,
    kind: input.kind,
    ...(input.buildingId ? { buildingId: input.buildingId } : {}),
    required: input.required,
    from: input.from,
    to: input.to,
    active,
    order,
    ...(active ? { checkAt: nextCheck(now, input.to, today) } : {}),
    createdAt: now,
    updatedAt: now,
  };
}
