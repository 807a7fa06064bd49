/**
 * Authorization rules. Every action carries one (server/runtime/action.ts): the roles that may
 * call it, and how its target must relate to the node where the caller holds that role. The
 * table of all of them is derived from the contexts (server/app.ts) and walked as a matrix
 * (tests/auth/matrix.test.ts). An action without a rule is denied.
 *
 * scope:
 *  - 'none'    no org target (own profile, public directory);
 *  - 'subtree' the target node lies at or below a node where the caller holds an allowed role;
 *  - 'lineage' like subtree, or the target is an ancestor of such a node (seeing one's compound).
 */
import type { OrgLevel, Role } from '../../typings/domain';

export type Scope = 'none' | 'subtree' | 'lineage';

/** The org node a request names: loaded, checked against the scope (and level), handed to the handler. */
export interface TargetRule {
  /** The request fields that may name it; the first one present is used. */
  fields: readonly string[];
  /** Levels the node must be at; another is INVALID_ARGUMENT naming the field, with `message`. */
  levels?: readonly OrgLevel[];
  message?: string;
}

export interface Rule {
  /** 'anyone' = any identified caller, even one with no grants yet. */
  roles: readonly Role[] | 'anyone';
  scope: Scope;
  target?: TargetRule;
}

/** A target that must be a compound. */
export const AT_COMPOUND = { levels: ['compound'], message: '请选择一个小区' } as const satisfies Omit<TargetRule, 'fields'>;

/** A target at a compound or above it (reports that roll up). */
export const COMPOUND_OR_ABOVE = {
  levels: ['district', 'street', 'community', 'compound'],
  message: '请选择小区或以上的组织',
} as const satisfies Omit<TargetRule, 'fields'>;
