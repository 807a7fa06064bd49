/** Chinese labels of 吹哨 requests and 督导 findings, shared by the phone and the server. */
import type { FindingStatus, WhistleNeed, WhistleStatus, WhistleUrgency } from '../../typings/whistle';
import type { AgencyKind } from '../../typings/duty';

export const NEED_LABELS: Record<WhistleNeed, string> = {
  manpower: '人力支援',
  supplies: '物资保障',
  disinfection: '消杀支援',
  medical: '医疗救助',
  other: '其他',
};
export const NEEDS = Object.keys(NEED_LABELS) as WhistleNeed[];

export const URGENCY_LABELS: Record<WhistleUrgency, string> = { normal: '一般', urgent: '紧急', critical: '特急' };
export const URGENCIES = Object.keys(URGENCY_LABELS) as WhistleUrgency[];

export const WHISTLE_STATUS_LABELS: Record<WhistleStatus, string> = { open: '待认领', claimed: '已认领', reported: '待确认', closed: '已办结' };
export const WHISTLE_STATUSES = Object.keys(WHISTLE_STATUS_LABELS) as WhistleStatus[];

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = { organ: '机关事业单位', enterprise: '企业', cadre: '派驻干部' };

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { open: '待整改', rectified: '待核查', verified: '已销号' };
export const FINDING_STATUSES = Object.keys(FINDING_STATUS_LABELS) as FindingStatus[];
