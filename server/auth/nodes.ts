/**
 * Org nodes as stored (the `orgs` collection): the five-level chain every record hangs under.
 * A node keeps its ancestors' ids (`path`, root first), so a subtree is one indexed query and a
 * scope check needs no extra read.
 */
import type { OrgNode } from '../../typings/domain';

/** The view's fields (`path`: ancestor ids, root first), and its depth and place among its siblings. */
export type OrgDoc = Omit<OrgNode, 'id'> & {
  _id: string;
  _v?: number;
  /** 0 for the district … 4 for a building. */
  depth: number;
  /** Position among siblings (display order). */
  order: number;
};

declare module '../store/port' {
  interface Collections {
    orgs: OrgDoc;
  }
}

/** What a scope check needs of a node. */
export type NodeRef = Pick<OrgDoc, '_id' | 'path'>;

/** A node's ancestors then the node itself: what `path` holds on records stored under a node. */
export const lineage = (node: NodeRef) => [...node.path, node._id];
