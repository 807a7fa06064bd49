/**
 * Daily health reports as stored: one document per person per day (`${personId}:${day}`), and per
 * building per day one document of who reported (`${buildingId}:${day}`) with its counts — so a
 * building's missing list is two reads and a district's summary a few pages of those documents.
 */
import type { HealthReportView, HealthSymptom } from '../../typings/census';
import { FEVER_AT } from '../../miniprogram/shared/gate/decide';
import type { TemplateDecls } from '../messaging/templates';
import type { Store } from '../store/port';

export const SYMPTOMS = ['fever', 'cough', 'soreThroat', 'fatigue', 'tasteLoss', 'diarrhea', 'breath'] as const satisfies readonly HealthSymptom[];
export { SYMPTOM_LABELS } from '../../miniprogram/shared/labels';

/** At or above this (°C) a report is abnormal: the gate's threshold. */
export { FEVER_AT };

export type HealthReportDoc = {
  _id: string; // `${personId}:${day}`
  _v?: number;
  personId: string;
  householdId: string;
  buildingId: string;
  memberId: number;
  day: string;
  temperature: number;
  symptoms: HealthSymptom[];
  abnormal: boolean;
  by: HealthReportView['by'];
  /** openid of who sent it (never shown). */
  byId: string;
  /** First sent after the cutoff. */
  late?: boolean;
  reportedAt: number;
  createdAt: number;
};

/** Who in a building reported on a day: `who[<unit>-<room>_<memberId>]` is 1 if abnormal, else 0. */
export type HealthDayDoc = {
  _id: string; // `${buildingId}:${day}`
  _v?: number;
  buildingId: string;
  /** The building's lineage: ancestors, root first, then the building. */
  path: string[];
  day: string;
  reported: number;
  abnormal: number;
  who: Record<string, number>;
  /** When the building leader sent the day's reminder. */
  remindedAt?: number;
  createdAt: number;
};

/**
 * Who a building expects reports from: beside its day documents, in the same collection so the
 * missing list is one read of both (`getMany`). Kept by every census write (server/census/write.ts):
 * `expected[<unit>-<room>_<memberId>]` is the member's name, masked. Its `day` is "roster", which
 * sorts after every date, so no day query or purge finds it.
 */
export type HealthRosterDoc = {
  _id: string; // `${buildingId}:roster`
  _v?: number;
  buildingId: string;
  day: 'roster';
  expected: Record<string, string>;
};

export const ROSTER = 'roster';
/** A day document, or null for a roster or nothing. */
export const asDay = (d: HealthDayDoc | HealthRosterDoc | null | undefined): HealthDayDoc | null => (d && d.day !== ROSTER ? (d as HealthDayDoc) : null);
export const asRoster = (d: HealthDayDoc | HealthRosterDoc | null | undefined): HealthRosterDoc | null =>
  d && d.day === ROSTER ? (d as HealthRosterDoc) : null;
/** The room and member a roster key names. */
export function parseWhoKey(key: string): { unit: string; room: string; memberId: number } {
  const [place, member] = key.split('_');
  const [unit, room] = place.split('-');
  return { unit, room, memberId: Number(member) };
}
export const rosterId = (buildingId: string) => `${buildingId}:${ROSTER}`;

/** A compound's own settings. */
export type HealthSettingsDoc = { _id: string; _v?: number; cutoff: string; updatedAt: number; updatedBy: string };

declare module '../store/port' {
  interface Collections {
    healthReports: HealthReportDoc;
    healthDays: HealthDayDoc | HealthRosterDoc;
    healthSettings: HealthSettingsDoc;
  }
}

export const reportId = (personId: string, day: string) => `${personId}:${day}`;
export const healthDayId = (buildingId: string, day: string) => `${buildingId}:${day}`;
/** A person's key in the building's day document (field names hold no dots or colons). */
export const whoKey = (unit: string, room: string, memberId: number) => `${unit}-${room}_${memberId}`;

/** Whether the person reported on `day` (YYYY-MM-DD, Asia/Shanghai): one read. */
export async function reportedOn(store: Pick<Store, 'get'>, personId: string, day: string): Promise<boolean> {
  return !!(await store.get('healthReports', reportId(personId, day)));
}

export const isAbnormal = (temperature: number, symptoms: readonly string[]) => temperature >= FEVER_AT || symptoms.length > 0;

export const toReportView = (r: HealthReportDoc): HealthReportView => ({
  personId: r.personId,
  memberId: r.memberId,
  day: r.day,
  temperature: r.temperature,
  symptoms: r.symptoms,
  abnormal: r.abnormal,
  reportedAt: r.reportedAt,
  by: r.by,
});

/** Pushed to residents who have not reported by the time their building leader reminds them. */
export const HEALTH_TEMPLATES = {
  healthReminder: { values: { building: '楼栋', day: '日期（unix ms）', note: '提醒内容' } },
} satisfies TemplateDecls;

/** Where the reminder opens the mini program. */
export const HEALTH_PAGE = '/resident/pages/health/health';
