/** What redeeming a code gives: a role at a node. */
import type { Role } from '../../typings/domain';

export interface Redeemed {
  role: Role;
  orgId: string;
  orgName: string;
}
