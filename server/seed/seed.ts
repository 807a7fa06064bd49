/** Writes the demo district through the Store port. Idempotent: existing documents are left alone. */
import { buildDemoCases } from './cases';
import { countDemoRecords } from './counters';
import { buildDisinfectDemo, seedDisinfectDemo } from './disinfect';
import { buildCensusDemo, seedCensusDemo, seededHealthDay } from './census';
import { tally } from '../census/model';
import type { UserDoc } from '../auth/caller';
import { bumpAudience } from '../stats/audience';
import { bumpDaily, bumpLive, collectBumps } from '../stats/model';
import { buildDutyDemo, seedDutyDemo } from './duty';
import { countPost } from '../duty/gauge';
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
  const residents = opts.residents ?? 0;
  // Only their grants are kept for the counters: the residents themselves may be many.
  const residentGrants: Array<UserDoc['grants']> = [];
  if (residents > 0) {
    const buildings = orgs.filter((o) => o.level === 'building');
    for (const batch of residentBatches(residents, buildings)) {
      inserted += await store.insertMany('users', batch, { skipExisting: true });
      for (const u of batch) residentGrants.push(u.grants);
    }
  }
  const census = buildCensusDemo(byId, demo);
  const areas = buildDisinfectDemo(orgs, gates);
  const duty = buildDutyDemo({ orgs: byId, users: demo, gates });
  // The dashboards' counters for what is seeded, through the writers' own gauge code.
  const counters = await collectBumps(async (tx) => {
    // The notice audiences (server/stats/audience.ts) of the users seeded here.
    for (const grants of [...demo.map((u) => u.grants), ...residentGrants]) await bumpAudience(tx, [], grants);
    // The census's people (daily health's denominator) and the disinfection areas' required counts.
    for (const hh of census.households) await bumpLive(tx, hh.path, { censusPeople: tally(hh).people ?? 0 });
    for (const a of areas) if (a.active) await bumpLive(tx, a.path, { disinfectRequired: a.required });
    // The always-on duty posts' heads (the seed places no shifts).
    for (const p of duty.posts) await countPost(tx, null, p);
    // The demo's health day.
    if (opts.healthDay)
      for (const r of seededHealthDay(census, byId, demo, opts.healthDay).reports)
        await bumpDaily(tx, [...byId.get(r.buildingId)!.path, r.buildingId], r.day, { healthReported: 1, healthAbnormal: Number(r.abnormal) });
    await countDemoRecords(tx, byId);
  });
  inserted += await store.insertMany('stats', counters, { skipExisting: true });
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
