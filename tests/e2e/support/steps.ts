/** Steps more than one journey takes, each through the pages. */
import type { Journey } from './journey';
import type { Phone } from './phone';

export interface Person {
  openid: string;
  name: string;
  phone: string;
  /** In 威尼斯水城 (the demo compound): '1号楼' … */
  building: string;
  room: string;
}

/** A new user registers as a resident of `person.building`, unit 2; leaves the phone on home. */
export async function register(j: Journey, person: Person): Promise<Phone> {
  const resident = await j.open(person.openid);
  await resident.see('#register', '登记为居民');
  await resident.shot('home-unregistered');
  await resident.tap('#register');
  await resident.onPage('登记为居民');
  await resident.type('#name', person.name);
  await resident.type('#phone', person.phone);
  await resident.choose('#bp-row-1', '城关街道');
  await resident.choose('#bp-row-2', '东店社区');
  await resident.choose('#bp-row-3', '威尼斯水城');
  await resident.choose('#bp-row-4', person.building);
  await resident.type('#unit', '2');
  await resident.type('#room', person.room);
  await resident.shot('register-filled');
  await resident.tap('#submit');
  // WeChat asks whether the pass decision and notices may be pushed: the resident allows them.
  await resident.allowSubscription();
  await resident.onPage('联防');
  await resident.see('#me-household', `威尼斯水城 ${person.building} 2单元 ${person.room}室`);
  await resident.shot('home-registered');
  return resident;
}
