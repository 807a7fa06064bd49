/** Disinfection of a compound's public areas (the `disinfect` function): types only. */
import type { OrgLevel } from './domain';

export type AreaKind = 'stairwell' | 'lift' | 'gate' | 'bins' | 'play' | 'other';

/** A public area to disinfect `required` times a day, inside its window (Asia/Shanghai "HH:mm"). */
export interface AreaView {
  id: string;
  compoundId: string;
  name: string;
  kind: AreaKind;
  buildingId?: string;
  required: number;
  from: string;
  to: string;
  active: boolean;
}

/** An area as the secretary saves it: without `areaId` a new one. */
export type AreaInput = Omit<AreaView, 'id' | 'compoundId' | 'active'> & { areaId?: string; active?: boolean };

/** An area's state for one day. */
export interface AreaDay extends AreaView {
  done: number;
  lastAt?: number;
  /** Its window is over and it was done fewer times than required. */
  missed: boolean;
}

export interface DisinfectLogView {
  id: string;
  areaId: string;
  areaName: string;
  compoundId: string;
  doneAt: number;
  agent: string;
  /** Who did it: in full for those who run or oversee the compound, else masked. */
  by: string;
  /** URLs to view the photos (temporary in the cloud). */
  photos: string[];
  note?: string;
  /** Logged after the area's window closed. */
  late: boolean;
}

export interface ComplianceCompound {
  compoundId: string;
  name: string;
  /** Active areas, and those done as often as required. */
  areas: number;
  areasDone: number;
  /** Times required in all, and times done (each area counted up to its requirement). */
  required: number;
  done: number;
  missed: number;
  /** Each area: for a compound or a community asked for. */
  items?: AreaDay[];
}

export interface ComplianceReport {
  orgId: string;
  orgName: string;
  level: OrgLevel;
  date: string;
  areas: number;
  areasDone: number;
  required: number;
  done: number;
  missed: number;
  compounds: ComplianceCompound[];
}

export interface DisinfectActions {
  /** A compound's areas; none saved yet: the defaults suggested (a stairwell per building, each gate, bins, play area). */
  'disinfect.areas': { req: { compoundId: string }; res: { items: AreaView[]; suggested: AreaInput[] } };
  /** Create or change one area (secretary). A retried create returns the same area. */
  'disinfect.saveArea': { req: AreaInput & { compoundId: string }; res: AreaView };
  /** Today's areas of a compound with what is done, and whether the caller may log (on the 环境消毒岗 today, or secretary). */
  'disinfect.today': {
    req: { compoundId: string };
    res: { date: string; compoundId: string; compoundName: string; canLog: boolean; reason?: string; uploadDir: string; agents: string[]; items: AreaDay[] };
  };
  /** Logs one disinfection of an area, with photos uploaded under `uploadDir` + requestId. Idempotent by requestId. */
  'disinfect.log': { req: { requestId: string; areaId: string; agent: string; photos: string[]; note?: string }; res: DisinfectLogView };
  /** A compound's logs of a day (default today), newest first, optionally of one area. */
  'disinfect.logs': {
    req: { compoundId: string; date?: string; areaId?: string; cursor?: string; limit?: number };
    res: { items: DisinfectLogView[]; next?: string };
  };
  /** Per area done / required for a day (default today), per compound and rolled up. */
  'disinfect.compliance': { req: { orgId: string; date?: string }; res: ComplianceReport };
}
