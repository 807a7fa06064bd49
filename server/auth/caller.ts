/**
 * The caller: who they are (the openid the platform vouched for) and what they hold.
 * Grants carry their node's path so a scope check needs no extra read.
 */
import type { Household, Role } from '../../typings/domain';
import type { NodeRef } from './nodes';
import type { Rule } from './rules';
import { OVERSEERS, ROLE_RANK } from './roles';

export type Grant = {
  role: Role;
  orgId: string;
  /** The node's ancestors, root first. */
  path: string[];
  grantedBy: string;
  at: number;
};

export type UserDoc = {
  _id: string; // openid
  _v?: number;
  name?: string;
  phone?: string;
  household?: Household;
  grants: Grant[];
  /** `${role}:${orgId}` for each grant — indexed, to find who holds what where. */
  grantKeys: string[];
  /** `<audience>:<node>` for every node notices reach this user through — indexed (server/notices/audience.ts). */
  reach?: string[];
  createdAt: number;
  updatedAt: number;
  /** Set when the person erased their data (account.delete): what is left is this tombstone. */
  erasedAt?: number;
};

export const grantKey = (role: Role, orgId: string) => `${role}:${orgId}`;

declare module '../store/port' {
  interface Collections {
    users: UserDoc;
  }
}

export class Caller {
  constructor(
    readonly openid: string,
    /** null until the user first registers or is granted a role. */
    readonly user: UserDoc | null,
  ) {}

  get grants(): Grant[] {
    return this.user?.grants ?? [];
  }

  holdsAny(roles: Rule['roles']): boolean {
    return roles === 'anyone' || this.grants.some((g) => roles.includes(g.role));
  }

  /** Grants (of the given roles) that cover `node`: held at the node or one of its ancestors. */
  covering(node: NodeRef, roles: Rule['roles']): Grant[] {
    return this.grants.filter((g) => (roles === 'anyone' || roles.includes(g.role)) && (g.orgId === node._id || node.path.includes(g.orgId)));
  }

  /** Whether `node` is in scope for a rule. */
  reaches(node: NodeRef, rule: Pick<Rule, 'roles' | 'scope'>): boolean {
    if (rule.scope === 'none') return true;
    if (this.covering(node, rule.roles).length > 0) return true;
    // lineage: the node is an ancestor of somewhere the caller holds an allowed role.
    return rule.scope === 'lineage' && this.grants.some((g) => (rule.roles === 'anyone' || rule.roles.includes(g.role)) && g.path.includes(node._id));
  }

  /**
   * Whether the caller sees other people's names in full at `node`: only those who run or oversee
   * it (secretary, staff, admin); everyone else sees them masked (ARCHITECTURE.md §6).
   */
  seesFullNames(node: NodeRef): boolean {
    return this.covering(node, OVERSEERS).length > 0;
  }

  /** Highest role rank the caller holds over `node` (-1 if none). */
  rankOver(node: NodeRef): number {
    return Math.max(-1, ...this.covering(node, 'anyone').map((g) => ROLE_RANK[g.role]));
  }
}
