import type { OrgNode } from '../../typings/domain';
import type { OrgDoc } from '../auth/nodes';

export const toOrgNode = (d: OrgDoc): OrgNode => ({
  id: d._id,
  name: d.name,
  level: d.level,
  parentId: d.parentId,
  path: d.path,
  childCount: d.childCount,
});
