/** People and places the mini program tests use: the seeded demo district, in miniature. */
import type { ActionRequest, ActionResponse } from '../../../typings/api';
import type { GrantView, OrgRef, Role } from '../../../typings/domain';
import type { DemoAccount } from '../../../miniprogram/services/dev';

type Me = ActionResponse<'account.me'>;
type DirectoryItem = ActionResponse<'org.directory'>['items'][number];

const DISTRICT: OrgRef = { id: 'd-shangzhou', name: '商州区', level: 'district' };
const STREET: OrgRef = { id: 's-chengguan', name: '城关街道', level: 'street' };
const COMMUNITY: OrgRef = { id: 'c-dongguan', name: '东关社区', level: 'community' };
const COMPOUND: OrgRef = { id: 'p-xingfu', name: '幸福小区', level: 'compound' };
const BUILDING: OrgRef = { id: 'b-xingfu-3', name: '3号楼', level: 'building' };

function grant(role: Role, path: OrgRef[]): GrantView {
  const node = path[path.length - 1];
  return { role, orgId: node.id, orgName: node.name, orgLevel: node.level, orgPath: path };
}

export const RESIDENT_GRANT = grant('resident', [DISTRICT, STREET, COMMUNITY, COMPOUND, BUILDING]);
export const VOLUNTEER_GRANT = grant('volunteer', [DISTRICT, STREET, COMMUNITY, COMPOUND]);
export const STAFF_GRANT = grant('staff', [DISTRICT, STREET]);
export const ADMIN_GRANT = grant('admin', [DISTRICT]);

export const RESIDENT_ME: Me = {
  name: '王秀兰',
  phoneMasked: '139****2468',
  household: { buildingId: BUILDING.id, compoundId: COMPOUND.id, unit: '2', room: '502', label: '幸福小区 3号楼 2单元 502' },
  grants: [RESIDENT_GRANT],
  registered: true,
};

/** Staff are seeded with a name and phone but no household: not registered as residents. */
export const STAFF_ME: Me = {
  name: '李建国',
  phoneMasked: '138****5678',
  household: null,
  grants: [STAFF_GRANT],
  registered: false,
};

export const VOLUNTEER_RESIDENT_ME: Me = { ...RESIDENT_ME, name: '赵志强', grants: [RESIDENT_GRANT, VOLUNTEER_GRANT] };

export const UNREGISTERED_ME: Me = { name: null, phoneMasked: null, household: null, grants: [], registered: false };

/** Someone who has just redeemed the first admin's code: the grant and nothing else. */
export const NEW_ADMIN_ME: Me = { ...UNREGISTERED_ME, grants: [ADMIN_GRANT] };

export const DISTRICT_REF = DISTRICT;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    openid: 'demo-resident',
    role: 'resident',
    orgId: BUILDING.id,
    orgName: BUILDING.name,
    orgPath: '商州区 / 城关街道 / 东关社区 / 幸福小区 / 3号楼',
    displayName: '王秀兰',
  },
  { openid: 'demo-staff', role: 'staff', orgId: STREET.id, orgName: STREET.name, orgPath: '商州区 / 城关街道', displayName: '李建国' },
];

/** account.me as the local runtime answers it, by X-Openid. */
export const PROFILES_BY_OPENID: Record<string, Me> = {
  'demo-resident': RESIDENT_ME,
  'demo-staff': STAFF_ME,
};

const item = (ref: OrgRef, childCount: number): DirectoryItem => ({ ...ref, childCount });

/** org.directory: children by parent id ('' = the top). */
export const DIRECTORY: Record<string, DirectoryItem[]> = {
  '': [item(DISTRICT, 2)],
  [DISTRICT.id]: [item(STREET, 1), item({ id: 's-dazhaoyu', name: '大赵峪街道', level: 'street' }, 0)],
  [STREET.id]: [item(COMMUNITY, 1)],
  [COMMUNITY.id]: [item(COMPOUND, 2)],
  [COMPOUND.id]: [item({ id: 'b-xingfu-1', name: '1号楼', level: 'building' }, 0), item(BUILDING, 0)],
};

export function directory({ parentId }: ActionRequest<'org.directory'>): ActionResponse<'org.directory'> {
  return { items: DIRECTORY[parentId ?? ''] ?? [] };
}

export const BUILDING_ID = BUILDING.id;
