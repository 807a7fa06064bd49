/** The roles the phone offers at a node (miniprogram/shared/roles.ts) are exactly those the server's grant rule lets through. */
import type { OrgLevel, Role } from '../../typings/domain';
import { checkGrantable } from '../../server/account/grants';
import type { OrgDoc } from '../../server/auth/nodes';
import { LEVELS, ROLES } from '../../server/auth/roles';
import { grantableRoles } from '../../miniprogram/shared/roles';

const nodeAt = (level: OrgLevel) => ({ _id: `n-${level}`, level, path: [] }) as unknown as OrgDoc;

function passes(role: Role, level: OrgLevel, rank: number): boolean {
  try {
    checkGrantable('inviter', { role, openid: '' }, nodeAt(level), rank);
    return true;
  } catch {
    return false;
  }
}

test.each(LEVELS.flatMap((level) => [-1, ...ROLES.keys()].map((rank) => [level, rank] as const)))('at a %s, by rank %i', (level, rank) => {
  const allowed = ROLES.filter((role) => passes(role, level, rank));
  expect([...grantableRoles(level, rank)].sort()).toEqual([...allowed].sort());
});

test('highest first: a compound offers 小区书记 before 志愿者, a district 管理员 before 工作人员', () => {
  expect(grantableRoles('compound', 5)).toEqual(['secretary', 'volunteer']);
  expect(grantableRoles('district', 5)).toEqual(['admin', 'staff']);
  expect(grantableRoles('district', 4)).toEqual(['staff']);
  expect(grantableRoles('building', 1)).toEqual(['resident']);
});
