/**
 * Brute force for the daily-health and disinfection sections: every tile, child row and trend
 * point recomputed from households, health reports, disinfection areas and logs.
 */
import type { StatSection } from '../../typings/stats';
import type { OrgDoc } from '../../server/auth/nodes';
import { tally, type HouseholdDoc } from '../../server/census/model';
import { dayOf } from '../../server/core/time';
import type { AreaDoc, DisinfectLogDoc } from '../../server/disinfect/model';
import type { PostDoc, ShiftDoc } from '../../server/duty/model';
import type { HealthReportDoc } from '../../server/health/model';
import { queryAll } from '../../server/store/pages';
import type { Harness } from '../support/harness';

export interface SourcesRaw {
  households: HouseholdDoc[];
  healthReports: HealthReportDoc[];
  disinfectAreas: AreaDoc[];
  disinfectLogs: DisinfectLogDoc[];
  posts: PostDoc[];
  shifts: ShiftDoc[];
}

export async function loadSourcesRaw(h: Harness): Promise<SourcesRaw> {
  const all = <C extends keyof SourcesRaw>(c: C) => queryAll(h.store, c, { orderBy: [{ field: '_id' }] }, 1000) as Promise<SourcesRaw[C]>;
  const [households, healthReports, disinfectAreas, disinfectLogs, posts, shifts] = await Promise.all([
    all('households'),
    all('healthReports'),
    all('disinfectAreas'),
    all('disinfectLogs'),
    all('posts'),
    all('shifts'),
  ]);
  return { households, healthReports, disinfectAreas, disinfectLogs, posts, shifts };
}

/** The section builder of dashboard.test.ts: tiles, children worst first, trends. */
export type SectionOf = (
  id: string,
  tiles: number[],
  children: OrgDoc[],
  childTiles: (id: string) => number[],
  worst: (id: string) => number[],
  trends?: Array<Array<number | null>>,
) => StatSection;

const ratio = (num: number, den: number) => (den ? num / den : 0);
const shortfall = (num: number, den: number) => (den ? Math.max(0, 1 - num / den) : 0);

export function sourceSections(raw: SourcesRaw, node: OrgDoc, day: string, days: string[], children: OrgDoc[], section: SectionOf, now: number): StatSection[] {
  const sections: StatSection[] = [];
  // Daily health: a person's report of the day once; people as the census has them now.
  const people = (id: string) => raw.households.filter((x) => x.path.includes(id)).reduce((n, x) => n + (tally(x).people ?? 0), 0);
  const lineage = new Map(raw.households.map((x) => [x._id, x.path]));
  const reports = (id: string, d: string) => raw.healthReports.filter((r) => r.day === d && (lineage.get(r.householdId) ?? []).includes(id));
  const health = (id: string, d = day) => {
    const rs = reports(id, d);
    return { reported: rs.length, abnormal: rs.filter((r) => r.abnormal).length, people: people(id) };
  };
  const healthTiles = (id: string) => {
    const x = health(id);
    return [x.reported, x.people, ratio(x.reported, x.people), x.abnormal];
  };
  if (people(node._id) > 0 || days.some((d) => reports(node._id, d).length)) {
    const worst = (id: string) => {
      const x = health(id);
      return [shortfall(x.reported, x.people), x.abnormal];
    };
    sections.push(
      section('health', healthTiles(node._id), children, healthTiles, worst, [
        days.map((d) => {
          const x = health(node._id, d);
          return x.people ? x.reported / x.people : null;
        }),
        days.map((d) => health(node._id, d).abnormal),
      ]),
    );
  }

  // Disinfection: each area's logs of the day up to its required count, against the active areas' counts.
  const areas = (id: string) => raw.disinfectAreas.filter((a) => a.path.includes(id));
  const required = (id: string) => areas(id).reduce((n, a) => n + (a.active ? a.required : 0), 0);
  const done = (id: string, d: string) =>
    areas(id).reduce((n, a) => n + Math.min(a.required, raw.disinfectLogs.filter((l) => l.areaId === a._id && l.day === d).length), 0);
  const disinfectTiles = (id: string) => [done(id, day), required(id), ratio(done(id, day), required(id))];
  if (areas(node._id).length || days.some((d) => done(node._id, d))) {
    sections.push(
      section('disinfect', disinfectTiles(node._id), children, disinfectTiles, (id) => [shortfall(done(id, day), required(id))], [
        days.map((d) => (required(node._id) ? done(node._id, d) / required(node._id) : null)),
      ]),
    );
  }

  // Duty now (today only), as duty.coverage defines it: the running shifts' heads, and an active
  // always-on post's heads when none of its shifts runs.
  if (day === dayOf(now)) {
    const duty = (id: string) => {
      const t = { required: 0, present: 0, gap: 0 };
      for (const p of raw.posts.filter((x) => x.path.includes(id))) {
        const running = raw.shifts.filter((s) => s.postId === p._id && s.start <= now && now < s.end);
        if (!running.length && p.alwaysOn && p.active) {
          t.required += p.minHeads;
          t.gap += p.minHeads;
        }
        for (const s of running) {
          const on = s.crew.filter((c) => c.status === 'on').length;
          t.required += s.minHeads;
          t.present += on;
          t.gap += Math.max(0, s.minHeads - on);
        }
      }
      return t;
    };
    const dutyTiles = (id: string) => {
      const t = duty(id);
      return [t.required, t.present, t.gap, ratio(t.required - t.gap, t.required)];
    };
    const kept =
      raw.shifts.some((s) => s.day === day && s.path.includes(node._id)) || raw.posts.some((p) => p.path.includes(node._id) && p.alwaysOn && p.active);
    if (kept) sections.push(section('duty', dutyTiles(node._id), children, dutyTiles, (id) => [duty(id).gap]));
  }
  return sections;
}
