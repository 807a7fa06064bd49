/**
 * 邀请成员, what the page shows: the nodes where the caller may invite (their staff and admin
 * grants), the node being looked at while drilling down, the roles it may be given there (the
 * server's grant rule, computed here only to offer the choices; the server decides), and the
 * code once made. Pure: no wx here.
 */
import type { GrantView, OrgLevel, Role } from '../../../../typings/domain';
import { monthDay } from '../../../services/duty-time';
import { grantableRoles, ROLE_RANK } from '../../../shared/roles';
import { shanghaiClock, shanghaiDate } from '../../../shared/time';
import { serverFieldOf } from '../../../utils/form';
import { LEVEL_LABELS, ROLE_LABELS } from '../../../utils/roles';

/** Who may invite: account.invite allows staff and admins, within their subtree. */
export const INVITER_ROLES: readonly Role[] = ['staff', 'admin'];

/** A node of the tree as the picker shows it. */
export interface PickNode {
  id: string;
  name: string;
  level: OrgLevel;
  levelText: string;
  /** Ancestor ids, root first: which of the caller's grants cover the node. */
  path: string[];
  /** Direct children; -1 when not known (a grant's node): then they are asked for. */
  childCount: number;
}

export const pickNode = (n: { id: string; name: string; level: OrgLevel; path: readonly string[]; childCount?: number }): PickNode => ({
  id: n.id,
  name: n.name,
  level: n.level,
  levelText: LEVEL_LABELS[n.level] ?? n.level,
  path: [...n.path],
  childCount: n.childCount ?? -1,
});

/**
 * The nodes where the caller invites: each distinct node of a staff or admin grant that lies
 * under no other such node (the one above already reaches it), highest first.
 */
export function inviteRoots(grants: readonly GrantView[]): PickNode[] {
  const held = grants.filter((g) => INVITER_ROLES.includes(g.role));
  const ids = new Set(held.map((g) => g.orgId));
  const roots: PickNode[] = [];
  for (const g of held) {
    const path = g.orgPath.map((n) => n.id).filter((id) => id !== g.orgId);
    if (path.some((id) => ids.has(id)) || roots.some((r) => r.id === g.orgId)) continue;
    roots.push(pickNode({ id: g.orgId, name: g.orgName, level: g.orgLevel, path }));
  }
  return roots.sort((a, b) => a.path.length - b.path.length);
}

/** The caller's highest rank over `node`: any grant held there or above it (-1 for none). */
export function rankOver(grants: readonly GrantView[], node: Pick<PickNode, 'id' | 'path'>): number {
  const covering = grants.filter((g) => g.orgId === node.id || node.path.includes(g.orgId));
  return Math.max(-1, ...covering.map((g) => ROLE_RANK[g.role]));
}

export interface RoleChoice {
  role: Role;
  label: string;
}

/** The roles the caller may invite someone to at `node`: fit for its level, none above their own rank there. */
export function roleChoices(grants: readonly GrantView[], node: Pick<PickNode, 'id' | 'path' | 'level'>): RoleChoice[] {
  return grantableRoles(node.level, rankOver(grants, node)).map((role) => ({ role, label: ROLE_LABELS[role] }));
}

/** "「丹桂小区」小区书记" */
export const inviteTitle = (orgName: string, role: Role) => `「${orgName}」${ROLE_LABELS[role] ?? role}`;

/** "12月6日 20:15 前有效", in Shanghai. */
export const expiryText = (expiresAt: number) => `${monthDay(shanghaiDate(expiresAt))} ${shanghaiClock(expiresAt)} 前有效`;

/** "7K3QD-M9XWA-…" (as the server prints it, or bare) → its groups of five, to show one under another's eye. */
export const codeGroups = (code: string): string[] => code.replace(/[\s-]/g, '').match(/.{1,5}/g) ?? [];

/** What the invitee does with the code, step by step. */
export const REDEEM_STEPS: readonly string[] = ['请对方打开「联防」小程序', '在「登记为居民」页底部点「有邀请码或激活码？」', '输入此邀请码，点「激活」'];

/** Where a server complaint is shown: beside the node or the role, or (null) above the button. */
export const inviteFieldOf = serverFieldOf<'node' | 'role'>({ 'data.orgId': 'node', 'data.role': 'role' });
