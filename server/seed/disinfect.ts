/**
 * The demo compound's disinfection areas: the defaults (a stairwell per building, each gate, the
 * bins, the play area; twice a day, 06:00–20:00). Only the demo compound: elsewhere the secretary
 * adopts the suggested defaults (disinfect.areas), so the timer does not raise missed-window
 * alerts for three hundred compounds nobody runs. Fixed ids and times: seeding twice writes the same.
 */
import type { OrgDoc } from '../auth/nodes';
import { dayOf } from '../core/time';
import { areaDoc, defaultAreas, type AreaDoc } from '../disinfect/model';
import type { GateDoc } from '../gate/model';
import type { Store } from '../store/port';
import { DEMO, SEED_AT } from './district';

export function buildDisinfectDemo(orgs: readonly OrgDoc[], gates: readonly GateDoc[]): AreaDoc[] {
  const compound = orgs.find((o) => o._id === DEMO.compound)!;
  const buildings = orgs.filter((o) => o.parentId === compound._id).sort((a, b) => a.order - b.order);
  const inputs = defaultAreas(
    compound,
    buildings,
    gates.filter((g) => g.compoundId === compound._id),
  );
  return inputs.map((input, i) => areaDoc(compound, input, SEED_AT + i, SEED_AT, dayOf(SEED_AT)));
}

export async function seedDisinfectDemo(store: Store, areas: readonly AreaDoc[]): Promise<number> {
  return store.insertMany('disinfectAreas', [...areas], { skipExisting: true });
}
