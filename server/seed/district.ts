/**
 * The demo district, generated deterministically: 商州区 as in the report — 4 streets,
 * 31 communities, 315 compounds, their buildings — plus demo accounts for every role
 * and, on request, residents at scale. Same input, same documents, every time.
 */
import type { Role } from '../../typings/domain';
import type { Grant, UserDoc } from '../auth/caller';
import { grantFields } from '../account/grants';
import type { OrgDoc } from '../auth/nodes';
import type { VehicleDoc } from '../vehicle/model';
import { buildTree, type DistrictSpec, type TreeNodeSpec } from '../org/tree';

/** A fixed instant so seeding twice writes identical documents. */
export const SEED_AT = Date.UTC(2026, 0, 1);

const STREETS: Array<{ name: string; communities: string[] }> = [
  {
    name: '城关街道',
    communities: [
      '东店社区',
      '西街社区',
      '南街社区',
      '北街社区',
      '东关社区',
      '西关社区',
      '江滨社区',
      '莲湖社区',
      '中心街社区',
      '北新街社区',
      '东街社区',
      '通江社区',
    ],
  },
  { name: '大赵峪街道', communities: ['大赵峪社区', '李村社区', '孝义社区', '龙山社区', '东背街社区', '工农路社区', '麻街社区', '白杨店社区'] },
  { name: '陈塬街道', communities: ['陈塬社区', '沙河子社区', '张村社区', '仙娥湖社区', '构峪社区', '王塬社区'] },
  { name: '刘湾街道', communities: ['刘湾社区', '丹江社区', '金陵社区', '商鞅社区', '龙窝社区'] },
];

const COMPOUND_STEMS = [
  '威尼斯水城',
  '江南小区西片',
  '丹江花园',
  '金凤家园',
  '商鞅广场',
  '龙山雅苑',
  '莲湖名居',
  '锦绣华庭',
  '阳光新城',
  '书香门第',
  '东方明珠',
  '学府佳苑',
  '滨江御景',
  '翠屏山庄',
  '金地华府',
  '和谐家园',
  '幸福里',
  '仙娥湖畔',
  '秦岭印象',
  '凤凰城',
  '碧水湾',
  '国贸公寓',
  '电力小区',
  '教师公寓',
  '邮电家属院',
  '铁路小区',
  '新华苑',
  '文化巷小区',
  '兴华园',
  '紫荆花园',
  '嘉禾苑',
  '桂园',
  '景和苑',
  '百合苑',
  '怡景园',
];
const GATE_NAMES = ['东门', '南门', '西门', '北门'];
const COMPOUND_SUFFIXES = ['', '一期', '二期', '三期', '东区', '西区', '南区', '北区', '新区'];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰红玉华建国志文斌辉鹏飞宇浩婷雪梅琳晨欣怡子涵思远俊凯';

export const COUNTS = { streets: 4, communities: 31, compounds: 315 } as const;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Buildings per compound: 3–12, fixed by the compound's index. */
const buildingCount = (i: number) => 3 + ((i * 7) % 10);

/** The demo district as written down: names nested, gates on compounds (every compound one 24-hour gate; larger ones, by index, a second). */
export function demoTreeSpec(): DistrictSpec {
  const perCommunity = distribute(COUNTS.compounds, COUNTS.communities);
  let compoundIndex = 0;
  let communityIndex = 0;
  const compound = (): TreeNodeSpec => {
    const i = compoundIndex++;
    const stem = COMPOUND_STEMS[i % COMPOUND_STEMS.length];
    const suffix = COMPOUND_SUFFIXES[Math.floor(i / COMPOUND_STEMS.length)];
    return {
      name: stem + suffix,
      gates: GATE_NAMES.slice(0, i % 2 === 0 ? 2 : 1),
      children: Array.from({ length: buildingCount(i) }, (_, b) => ({ name: `${b + 1}号楼` })),
    };
  };
  return {
    id: 'sz',
    name: '商州区',
    children: STREETS.map((s) => ({
      name: s.name,
      children: s.communities.map((name) => ({ name, children: Array.from({ length: perCommunity[communityIndex++] }, compound) })),
    })),
  };
}

/** The whole org tree (parents before children) and its gates. */
export const buildDemoTree = () => buildTree(demoTreeSpec());

/** Splits `total` into `parts` near-equal whole numbers, larger ones first. */
function distribute(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

export interface DemoAccount {
  openid: string;
  role: Role;
  orgId: string;
  displayName: string;
}

/** Where the demo accounts sit: the first compound of the first community of 城关街道, and a second compound. */
export const DEMO = {
  district: 'sz',
  street: 'sz-s1',
  community: 'sz-s1-c01',
  compound: 'sz-s1-c01-x01',
  building: 'sz-s1-c01-x01-b01',
  otherCompound: 'sz-s1-c01-x02',
  otherBuilding: 'sz-s1-c01-x02-b01',
} as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { openid: 'demo-admin', role: 'admin', orgId: DEMO.district, displayName: '区防控办 管理员' },
  { openid: 'demo-street-staff', role: 'staff', orgId: DEMO.street, displayName: '街道 王干事' },
  { openid: 'demo-community-staff', role: 'staff', orgId: DEMO.community, displayName: '社区 李干事' },
  { openid: 'demo-secretary', role: 'secretary', orgId: DEMO.compound, displayName: '代红军（临时党支部书记）' },
  { openid: 'demo-volunteer-1', role: 'volunteer', orgId: DEMO.compound, displayName: '志愿者 赵磊（党员）' },
  { openid: 'demo-volunteer-2', role: 'volunteer', orgId: DEMO.compound, displayName: '志愿者 孙丽' },
  { openid: 'demo-leader', role: 'leader', orgId: DEMO.building, displayName: '楼栋长 周建国' },
  { openid: 'demo-resident-1', role: 'resident', orgId: DEMO.building, displayName: '居民 张伟' },
  { openid: 'demo-resident-2', role: 'resident', orgId: DEMO.building, displayName: '居民 陈芳' },
  { openid: 'demo-resident-other', role: 'resident', orgId: DEMO.otherBuilding, displayName: '居民 刘新良（江南小区西片）' },
  // A unit contact holds no role of the grid: here a resident too, bound to 区住建局 (server/seed/whistle.ts).
  { openid: 'demo-unit-contact', role: 'resident', orgId: DEMO.otherBuilding, displayName: '区住建局联络员 马强' },
];

/** Users for the demo accounts. Residents get a household in their building. */
export function buildDemoUsers(orgs: Map<string, OrgDoc>): UserDoc[] {
  return DEMO_ACCOUNTS.map((a, i) => {
    const org = orgs.get(a.orgId)!;
    const grant: Grant = { role: a.role, orgId: a.orgId, path: org.path, grantedBy: 'seed', at: SEED_AT };
    const name = a.displayName.replace(/^.*?(\S+?)(（.*）)?$/, '$1');
    const user: UserDoc = {
      _id: a.openid,
      name,
      phone: `1380000${pad(i + 1, 4)}`,
      ...grantFields([grant]),
      createdAt: SEED_AT,
      updatedAt: SEED_AT,
    };
    if (a.role === 'resident' || a.role === 'leader') {
      user.household = { buildingId: org._id, compoundId: org.parentId!, unit: '1', room: `${1 + (i % 6)}0${1 + (i % 2)}` };
    }
    return user;
  });
}

/** Residents spread evenly over every building, `res-000001` …, in batches for bulk insert. */
export function* residentBatches(count: number, buildings: OrgDoc[], batchSize = 5000): Generator<UserDoc[]> {
  let batch: UserDoc[] = [];
  for (let i = 0; i < count; i++) {
    const b = buildings[i % buildings.length];
    const k = Math.floor(i / buildings.length);
    const grant: Grant = { role: 'resident', orgId: b._id, path: b.path, grantedBy: 'seed', at: SEED_AT };
    batch.push({
      _id: `res-${String(i + 1).padStart(6, '0')}`,
      name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 ? GIVEN[(i * 13) % GIVEN.length] : ''),
      phone: `13${String(100000000 + ((i * 7919) % 900000000)).padStart(9, '0')}`,
      household: { buildingId: b._id, compoundId: b.parentId!, unit: String(1 + (k % 4)), room: `${1 + ((k >> 2) % 18)}0${1 + (k % 2)}` },
      ...grantFields([grant]),
      createdAt: SEED_AT,
      updatedAt: SEED_AT,
    });
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** Two registered cars in the demo compound, so the gate's vehicle check has something to find. */
export function buildDemoVehicles(): VehicleDoc[] {
  return [
    { plate: '陕H12345', ownerName: '张伟', ownerPhone: '13800000008', buildingId: DEMO.building },
    { plate: '陕HD52011', ownerName: '陈芳', ownerPhone: '13800000009', buildingId: DEMO.building },
  ].map((v) => ({
    _id: `${DEMO.compound}:${v.plate}`,
    compoundId: DEMO.compound,
    ...v,
    household: '1号楼',
    registeredBy: 'seed',
    createdAt: SEED_AT,
  }));
}
