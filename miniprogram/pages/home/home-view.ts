/** What the home page shows, computed from account.me. Pure: no wx here. */
import type { ActionResponse } from '../../../typings/api';
import type { Role } from '../../../typings/domain';
import { ROLE_ENTRIES, ROLE_LABELS, orgPathLabel, rolesOf } from '../../utils/roles';

export interface Badge {
  key: string;
  label: string;
  org: string;
}

export interface Tile {
  key: string;
  title: string;
  hint: string;
  /** '' until the entry's page exists. */
  url: string;
  ready: boolean;
}

export interface Section {
  role: Role;
  label: string;
  tiles: Tile[];
}

export interface HomeView {
  name: string;
  phoneMasked: string;
  household: string;
  /**
   * How to offer resident registration to a caller without a household: as the page's main
   * action when they hold no role ('hero'), as a modest link under their work tiles when they
   * do (staff, volunteers… who may live in the district too), or not at all.
   */
  register: 'hero' | 'link' | 'none';
  badges: Badge[];
  sections: Section[];
  /** Registered but holding no role: nothing to offer but a hint. */
  empty: boolean;
}

export const EMPTY_VIEW: HomeView = {
  name: '',
  phoneMasked: '',
  household: '',
  register: 'none',
  badges: [],
  sections: [],
  empty: false,
};

export function homeView(me: ActionResponse<'account.me'>): HomeView {
  const sections = rolesOf(me.grants).map((role) => ({
    role,
    label: ROLE_LABELS[role],
    tiles: ROLE_ENTRIES[role].map((e) => ({ key: e.key, title: e.title, hint: e.hint, url: e.url ?? '', ready: Boolean(e.url) })),
  }));
  return {
    name: me.name ?? '',
    phoneMasked: me.phoneMasked ?? '',
    household: me.household?.label ?? '',
    register: me.registered ? 'none' : sections.length ? 'link' : 'hero',
    badges: me.grants.map((g) => ({ key: `${g.role}@${g.orgId}`, label: ROLE_LABELS[g.role], org: orgPathLabel(g) })),
    sections,
    empty: me.registered && sections.length === 0,
  };
}
