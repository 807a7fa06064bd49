/** Writes the demo district through the Store port. Idempotent: existing documents are left alone. */
import { buildDemoCases } from './cases';
import { withDemoCounters } from './counters';
import { buildDisinfectDemo, seedDisinfectDemo } from './disinfect';
import { buildCensusDemo, seedCensusDemo, seededHealthDay } from './census';
import { tally } from '../census/model';
import { audienceDeltas } from '../stats/audience';
import { addDeltas, LIVE, statId, type Figures, type StatDoc } from '../stats/model';
import { buildDutyDemo, seedDutyDemo } from './duty';
import { standingOf } from '../duty/gauge';
import { seedWhistleDemo } from './whistle';
import type { Store } from '../store/port';
import { buildDemoTree, buildDemoUsers, buildDemoVehicles, DEMO, residentBatches, SEED_AT } from './district';

export interface SeedResult {
  orgs: number;
  users: number;
  inserted: number;
  ms: number;
}

/** `residents`: that many more residents spread over every building; `healthDay`: a day of health reports in the demo census, sent at `at`. */
export async function seedDistrict(store: Store, opts: { residents?: number; healthDay?: { day: string; at: number } } = {}): Promise<SeedResult> {
  const started = Date.now();
  const { orgs, gates } = buildDemoTree();
  let inserted = await store.insertMany('orgs', orgs, { skipExisting: true });
  const byId = new Map(orgs.map((o) => [o._id, o]));
  const demo = buildDemoUsers(byId);
  inserted += await store.insertMany('users', demo, { skipExisting: true });
  // The notice audiences the dashboards count (server/stats/audience.ts), for the users seeded here.
  const audiences = new Map<string, Record<string, Figures>>();
  for (const u of demo) audienceDeltas([], u.grants, audiences);
  const residents = opts.residents ?? 0;
  if (residents > 0) {
    const buildings = orgs.filter((o) => o.level === 'building');
    for (const batch of residentBatches(residents, buildings)) {
      inserted += await store.insertMany('users', batch, { skipExisting: true });
      for (const u of batch) audienceDeltas([], u.grants, audiences);
    }
  }
  // The census's people (daily health's denominator) and the disinfection areas' required counts.
  const census = buildCensusDemo(byId, demo);
  for (const hh of census.households) addDeltas(audiences, hh.path, { censusPeople: tally(hh).people ?? 0 });
  const areas = buildDisinfectDemo(orgs, gates);
  for (const a of areas) if (a.active) addDeltas(audiences, a.path, { disinfectRequired: a.required });
  // The always-on duty posts' heads (the seed places no shifts).
  const duty = buildDutyDemo({ orgs: byId, users: demo, gates });
  for (const p of duty.posts) if (standingOf(p)) addDeltas(audiences, p.path, { dutyStanding: standingOf(p) });
  const live = [...audiences].map(([bucket, n]): StatDoc => ({ _id: statId(bucket, LIVE), bucket, day: LIVE, n }));
  // The demo's health day, then the demo records' gauges added in (documents merged by id).
  const daily: StatDoc[] = [];
  if (opts.healthDay) {
    const perBucket = new Map<string, Record<string, Figures>>();
    for (const r of seededHealthDay(census, byId, demo, opts.healthDay).reports)
      addDeltas(perBucket, [...byId.get(r.buildingId)!.path, r.buildingId], { healthReported: 1, healthAbnormal: Number(r.abnormal) });
    const day = opts.healthDay.day;
    daily.push(...[...perBucket].map(([bucket, n]): StatDoc => ({ _id: statId(bucket, day), bucket, day, n })));
  }
  inserted += await store.insertMany('stats', await withDemoCounters([...live, ...daily], byId), { skipExisting: true });
  inserted += await store.insertMany('gates', gates, { skipExisting: true });
  inserted += await seedDutyDemo(store, duty);
  inserted += await seedWhistleDemo(store, byId);
  inserted += await seedDisinfectDemo(store, areas);
  inserted += await seedCensusDemo(store, byId, demo, opts.healthDay, census);
  inserted += await store.insertMany('vehicles', buildDemoVehicles(), { skipExisting: true });
  inserted += await store.insertMany('cases', buildDemoCases(byId), { skipExisting: true });
  inserted += await store.insertMany('compoundGate', [{ _id: DEMO.compound, version: 1, visitorsAllowed: false }], { skipExisting: true });
  await store.insertMany('meta', [{ _id: 'seed', at: SEED_AT }], { skipExisting: true });
  return { orgs: orgs.length, users: demo.length + residents, inserted, ms: Date.now() - started };
}

/** Whether this store has been seeded (the local runtime seeds on first start only). */
export async function isSeeded(store: Store): Promise<boolean> {
  return (await store.get('meta', 'seed')) !== null;
}
