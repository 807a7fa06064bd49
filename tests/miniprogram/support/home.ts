/** What the home page suites read off the page: tiles, sections, badges, the error state. */
import type { ActionResponse } from '../../../typings/api';
import type { Role } from '../../../typings/domain';
import { installFakeWx } from './fake-wx';
import type { FakeWx } from './fake-wx';
import type { Page } from './mp';
import { isShown, textOf, textsOf } from './mp';

export type Me = ActionResponse<'account.me'>;

export const HOME = 'pages/home/home';

export function asCaller(me: Me): FakeWx {
  return installFakeWx({ handlers: { 'account.me': () => me } });
}

/** A role section's tiles as the user reads them: "title|hint". */
export function tilesOf(page: Page, role: Role): string[] {
  const hints = textsOf(page, `#section-${role} .home-tile-hint`);
  return textsOf(page, `#section-${role} .home-tile-title`).map((title, i) => `${title}|${hints[i]}`);
}

export const sectionTitles = (page: Page) => textsOf(page, '.home-section-title');

/** The error state: the message, and nothing of a profile, kept or fresh. */
export function expectErrorOnly(page: Page, message: string): void {
  expect(textOf(page, '#error .home-error-text')).toBe(message);
  expect(isShown(page, '#me')).toBe(false);
  expect(isShown(page, '#offline')).toBe(false);
}

/** Each role badge: "role org path". */
export function badgesOf(page: Page): string[] {
  const orgs = textsOf(page, '.home-badge-org');
  return textsOf(page, '.home-badge-role').map((role, i) => `${role} ${orgs[i]}`);
}
