/**
 * THE authorization table: every action, the roles that may call it, and how its target
 * must relate to the node where the caller holds that role. An action missing here is
 * denied (tests/auth/matrix.test.ts walks the table).
 *
 * scope:
 *  - 'none'    no org target (own profile, public directory);
 *  - 'subtree' the target node lies at or below a node where the caller holds an allowed role;
 *  - 'lineage' like subtree, or the target is an ancestor of such a node (seeing one's compound).
 */
import type { Role } from '../../typings/domain';
import { ROLES } from './roles';

export type Scope = 'none' | 'subtree' | 'lineage';

export interface Rule {
  /** 'anyone' = any identified caller, even one with no grants yet. */
  roles: readonly Role[] | 'anyone';
  scope: Scope;
  /** The org node the request targets, read from validated request data. */
  target?: (data: Record<string, unknown>) => string | undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const STAFF: readonly Role[] = ['staff', 'admin'];

export const POLICY: Readonly<Record<string, Rule>> = {
  'account.me': { roles: 'anyone', scope: 'none' },
  'account.register': { roles: 'anyone', scope: 'none' },
  'account.grant': { roles: STAFF, scope: 'subtree', target: (d) => str(d.orgId) },
  'account.revoke': { roles: STAFF, scope: 'subtree', target: (d) => str(d.orgId) },
  'org.directory': { roles: 'anyone', scope: 'none' },
  'org.tree': { roles: ROLES, scope: 'subtree', target: (d) => str(d.parentId) ?? str(d.rootId) },
  'org.get': { roles: ROLES, scope: 'lineage', target: (d) => str(d.id) },
};
