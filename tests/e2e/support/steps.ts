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

/** Registers `person` and applies for their own pass; leaves the phone on the pass page (审核中). */
export async function registerAndApply(j: Journey, person: Person): Promise<Phone> {
  const resident = await register(j, person);
  await resident.tap('.home-tile', '出入证');
  await resident.onPage('出入证');
  await resident.see('#state-title', '您还没有出入证');
  await resident.tap('#apply');
  await resident.onPage('申请出入证');
  await resident.tap('#relation-self');
  await resident.tap('#suggestion-0');
  await resident.shot('apply-filled');
  await resident.tap('#submit');
  await resident.allowSubscription();
  await resident.onPage('出入证');
  await resident.see('#state-title', '审核中');
  await resident.shot('pass-pending');
  return resident;
}

/** The secretary approves the pending application from `person`'s flat (names show masked) on the review page. */
export async function approve(j: Journey, person: Person): Promise<void> {
  const secretary = await j.open('demo-secretary', '/staff/pages/passes/passes');
  await secretary.onPage('出入证审批');
  const card = secretary.find('.ps-pass', `${person.building}2单元${person.room}`);
  await card.waitFor();
  await secretary.shot('passes-pending');
  await card.locator('wx-button', { hasText: '批准' }).click();
  await secretary.see('#panel');
  await secretary.tap('#panel-confirm');
  await secretary.see('#list-empty', '没有待审核的申请');
  await secretary.shot('passes-approved');
}
