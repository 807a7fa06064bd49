/**
 * Every action: its request and response. `ActionName` is "<function>.<verb>"; the function
 * is the part before the dot. Types only.
 */
import type { OrgNode, Profile, Role } from './domain';

export interface Paged {
  cursor?: string;
  /** 1–200, default 50. */
  limit?: number;
}

export interface PageResult<T> {
  items: T[];
  next?: string;
}

export interface Actions {
  /** The caller's profile and grants. Any caller, registered or not. */
  'account.me': { req: Record<string, never>; res: Profile & { registered: boolean } };
  /** Register as a resident of a building. Retrying with the same data is harmless. */
  'account.register': {
    req: { name: string; phone: string; buildingId: string; unit: string; room: string };
    res: Profile;
  };
  /** Give a user a role at a node inside the caller's subtree, not above the caller's own role. */
  'account.grant': { req: { openid: string; role: Role; orgId: string }; res: { granted: boolean } };
  'account.revoke': { req: { openid: string; role: Role; orgId: string }; res: { revoked: boolean } };
  /** The caller's visible subtree (or the part under `rootId`, or the children of `parentId`), paged. */
  'org.tree': { req: Paged & { rootId?: string; parentId?: string }; res: PageResult<OrgNode> };
  /** One node with its ancestors, inside the caller's subtree or above it. */
  'org.get': { req: { id: string }; res: OrgNode & { ancestors: Array<Pick<OrgNode, 'id' | 'name' | 'level'>> } };
  /** Public directory for choosing one's building when registering: children of a node (or the districts). */
  'org.directory': { req: { parentId?: string }; res: { items: Array<Pick<OrgNode, 'id' | 'name' | 'level' | 'childCount'>> } };
}

export type ActionName = keyof Actions;
export type ActionRequest<A extends ActionName> = Actions[A]['req'];
export type ActionResponse<A extends ActionName> = Actions[A]['res'];
