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
import { DUTY_POLICY } from '../duty/policy';
import { GATEKEEPERS, OVERSEERS, ROLES, STAFF } from './roles';

export type Scope = 'none' | 'subtree' | 'lineage';

export interface Rule {
  /** 'anyone' = any identified caller, even one with no grants yet. */
  roles: readonly Role[] | 'anyone';
  scope: Scope;
  /** The org node the request targets, read from validated request data. */
  target?: (data: Record<string, unknown>) => string | undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const compound = (d: Record<string, unknown>) => str(d.compoundId);

export const POLICY: Readonly<Record<string, Rule>> = {
  'account.me': { roles: 'anyone', scope: 'none' },
  'account.register': { roles: 'anyone', scope: 'none' },
  'account.grant': { roles: STAFF, scope: 'subtree', target: (d) => str(d.orgId) },
  'account.revoke': { roles: STAFF, scope: 'subtree', target: (d) => str(d.orgId) },
  'org.directory': { roles: 'anyone', scope: 'none' },
  'org.tree': { roles: ROLES, scope: 'subtree', target: (d) => str(d.parentId) ?? str(d.rootId) },
  'org.get': { roles: ROLES, scope: 'lineage', target: (d) => str(d.id) },

  // Entry passes. review/revoke/credential find their compound by loading the pass.
  'pass.apply': { roles: ['resident'], scope: 'none' },
  'pass.mine': { roles: ['resident'], scope: 'none' },
  'pass.credential': { roles: ['resident'], scope: 'none' },
  'pass.pending': { roles: OVERSEERS, scope: 'subtree', target: compound },
  'pass.list': { roles: OVERSEERS, scope: 'subtree', target: compound },
  'pass.review': { roles: ['secretary'], scope: 'subtree' },
  'pass.revoke': { roles: ['secretary'], scope: 'subtree' },
  'pass.trust': { roles: ['volunteer', ...OVERSEERS], scope: 'subtree', target: compound },
  'pass.rotateKey': { roles: ['admin'], scope: 'none' },

  // The gate. check/sync find their compound by loading the gate.
  'gate.list': { roles: ['volunteer', ...OVERSEERS], scope: 'subtree', target: compound },
  'gate.check': { roles: GATEKEEPERS, scope: 'subtree' },
  'gate.sync': { roles: GATEKEEPERS, scope: 'subtree' },
  'gate.log': { roles: OVERSEERS, scope: 'subtree', target: compound },
  'gate.policy': { roles: ['secretary'], scope: 'subtree', target: compound },

  'vehicle.register': { roles: OVERSEERS, scope: 'subtree', target: compound },
  'vehicle.list': { roles: ['volunteer', ...OVERSEERS], scope: 'subtree', target: compound },

  // Notices down the chain. Readers are checked against the notice's scope by the handlers.
  'notice.publish': { roles: OVERSEERS, scope: 'subtree', target: (d) => str(d.scopeOrgId) },
  'notice.inbox': { roles: ROLES, scope: 'none' },
  'notice.get': { roles: ROLES, scope: 'none' },
  'notice.read': { roles: ROLES, scope: 'none' },
  'notice.ack': { roles: ROLES, scope: 'none' },
  'notice.progress': { roles: ['leader', ...OVERSEERS], scope: 'subtree', target: (d) => str(d.orgId) },
  'notice.sent': { roles: OVERSEERS, scope: 'subtree', target: (d) => str(d.orgId) },

  // Alerts up the chain: whoever holds the role the alert waits on, at or above its node.
  'alert.list': { roles: OVERSEERS, scope: 'none' },
  'alert.ack': { roles: OVERSEERS, scope: 'subtree' },
  'alert.resolve': { roles: OVERSEERS, scope: 'subtree' },

  'message.subscribed': { roles: 'anyone', scope: 'none' },

  // Volunteers on duty (issue #4): party units, volunteers, posts, shifts — rows in server/duty/policy.ts.
  ...DUTY_POLICY,
};
