/** Documents the authorization matrix (matrix.test.ts) stores directly: passes and notices inside and outside the demo district. */
import type { NoticeDoc } from '../../server/notices/model';
import type { PassDoc } from '../../server/pass/model';
import { T0 } from '../support/harness';

/** The demo compound, and nodes outside every demo account's reach (a second district). */
export const COMPOUND_IN = 'sz-s1-c01-x01';
export const OUTSIDE = { district: 'xd', building: 'xd-b1', compound: 'xd-x1', gate: 'xd-x1-g1' };

export const pass = (id: string, status: PassDoc['status'], inside: boolean, holder = 'demo-resident-2'): PassDoc => ({
  _id: id,
  compoundId: inside ? COMPOUND_IN : OUTSIDE.compound,
  compoundName: inside ? '威尼斯水城' : '外区小区',
  compoundPath: inside ? ['sz', 'sz-s1', 'sz-s1-c01'] : ['xd'],
  buildingId: inside ? 'sz-s1-c01-x01-b01' : 'xd-b1',
  holder,
  name: '陈芳',
  relation: 'self',
  household: '1号楼1单元101',
  reason: '居家生活',
  status,
  lockId: `lock-${id}`,
  createdAt: T0,
  ...(status === 'approved' ? { validFrom: T0, validUntil: T0 + 30 * 86_400_000 } : {}),
});
export const notice = (id: string, scope: string, scopePath: string[]): NoticeDoc => ({
  _id: id,
  scopeOrgId: scope,
  scopeName: scope,
  scopeLevel: 'district',
  scopePath,
  scopeChain: [...scopePath, scope],
  title: '通知',
  body: '内容',
  level: 'normal',
  audience: 'all',
  requireAck: true,
  publishedAt: T0,
  publishedBy: 'demo-admin',
  publisherName: '区防控办',
  push: 'none',
});
