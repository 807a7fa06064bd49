/** What the home page shows, computed from account.me. Pure: no wx here. */
import type { ActionResponse } from '../../../typings/api';
import type { Role } from '../../../typings/domain';
import type { WalletEntry } from '../../services/pass-wallet';
import { updatedAtText } from '../../shared/time';
import { ROLE_ENTRIES, ROLE_LABELS, orgPathLabel, rolesOf } from '../../utils/roles';

export interface Badge {
  key: string;
  label: string;
  org: string;
}

export interface Tile {
  key: string;
  title: string;
  /** The entry's hint, or why it may not work now: 即将上线, 需联网. */
  hint: string;
  /** '' until the entry's page exists. */
  url: string;
  ready: boolean;
  /**
   * Home is offline and this entry's page needs the network. It stays tappable (the signal may
   * be back by then, and the page itself says so and offers 重试), only dimmed.
   */
  needsNetwork: boolean;
  /** The unread count on the notices tile ('99+' past 99); '' for none. */
  badge: string;
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
  /** Shown from the profile kept on the phone because the server cannot be reached: why, and what still works ('' online). */
  offline: string;
}

export const EMPTY_VIEW: HomeView = {
  name: '',
  phoneMasked: '',
  household: '',
  register: 'none',
  badges: [],
  sections: [],
  empty: false,
  offline: '',
};

/** Home from the kept profile while offline: `savedAt` is when the server sent it. */
export interface OfflineAt {
  savedAt: number;
  now: number;
}

/** "网络不可用，显示的是上次的信息，更新于 07:05（3 分钟前）；出入证、扫码核验可离线使用" */
export function offlineText(offlineTitles: readonly string[], { savedAt, now }: OfflineAt): string {
  const works = offlineTitles.length ? `${offlineTitles.join('、')}可离线使用` : '联网后会自动更新';
  return `网络不可用，显示的是上次的信息，更新于 ${updatedAtText(savedAt, now)}；${works}`;
}

export function homeView(me: ActionResponse<'account.me'>, offline?: OfflineAt): HomeView {
  const sections = rolesOf(me.grants).map((role) => ({
    role,
    label: ROLE_LABELS[role],
    tiles: ROLE_ENTRIES[role].map((e): Tile => {
      const ready = Boolean(e.url);
      const needsNetwork = Boolean(offline) && ready && !e.offline;
      return { key: e.key, title: e.title, hint: !ready ? '即将上线' : needsNetwork ? '需联网' : e.hint, url: e.url ?? '', ready, needsNetwork, badge: '' };
    }),
  }));
  const worksOffline = [...new Set(sections.flatMap((s) => s.tiles.filter((t) => t.ready && !t.needsNetwork).map((t) => t.title)))];
  return {
    name: me.name ?? '',
    phoneMasked: me.phoneMasked ?? '',
    household: me.household?.label ?? '',
    register: me.registered ? 'none' : sections.length ? 'link' : 'hero',
    badges: me.grants.map((g) => ({ key: `${g.role}@${g.orgId}`, label: ROLE_LABELS[g.role], org: orgPathLabel(g) })),
    sections,
    empty: me.registered && sections.length === 0,
    offline: offline ? offlineText(worksOffline, offline) : '',
  };
}

/** The view with `unread` on every tile that opens the notice inbox. */
export function withUnread(view: HomeView, unread: number, inboxUrl: string): HomeView {
  const badge = unread > 99 ? '99+' : unread > 0 ? String(unread) : '';
  return { ...view, sections: view.sections.map((s) => ({ ...s, tiles: s.tiles.map((t) => (t.url === inboxUrl ? { ...t, badge } : t)) })) };
}

/** Whether any tile opens the inbox (then the unread count is worth asking for). */
export const showsInbox = (view: HomeView, inboxUrl: string) => view.sections.some((s) => s.tiles.some((t) => t.url === inboxUrl));

/**
 * Whether the app should open on the pass rather than home: the caller's only role is resident
 * and the phone keeps a pass that shows a code now. Home is then one step back.
 */
export function landsOnPass(me: ActionResponse<'account.me'>, wallet: readonly WalletEntry[], now: number): boolean {
  const roles = rolesOf(me.grants);
  if (roles.length !== 1 || roles[0] !== 'resident') return false;
  return wallet.some((e) => e.credential.nbf * 1000 <= now && now <= e.credential.exp * 1000);
}
