/**
 * The demo compound's party organisation, posts and volunteers (威尼斯水城, sz-s1-c01-x01):
 * its branch, two building groups and a responsibility zone, two agencies reporting in (one
 * from the district, one from 城关街道), a duty post at each gate and one post of every other
 * kind, and profiles for demo-volunteer-1 (party member), demo-volunteer-2 and a pending
 * application from demo-resident-2. Fixed ids and times: seeding twice writes the same documents.
 */
import type { AgencyKind, PostKind, Skill } from '../../typings/duty';
import type { UserDoc } from '../auth/caller';
import type { GateDoc } from '../gate/model';
import { lineage, type OrgDoc } from '../auth/nodes';
import { branchId, type PartyUnitDoc } from '../party/model';
import { DEMO, SEED_AT } from './district';
import type { Store } from '../store/port';
import { DEFAULT_RADIUS, type PostDoc } from '../duty/model';
import { canonicalSkills, volunteerId, type UnitRef, type VolunteerDoc } from '../volunteer/model';

export interface DutyDemo {
  partyUnits: PartyUnitDoc[];
  posts: PostDoc[];
  volunteers: VolunteerDoc[];
}

/** Near 威尼斯水城 in 商州 (gcj02), for location check-ins in the demo. */
const CENTRE = { lat: 33.868, lng: 109.94 };

export function buildDutyDemo(input: { orgs: ReadonlyMap<string, OrgDoc>; users: readonly UserDoc[]; gates: readonly GateDoc[] }): DutyDemo {
  const compound = input.orgs.get(DEMO.compound)!;
  const b = (n: number) => `${compound._id}-b0${n}`;
  const at = (id: string): OrgDoc => input.orgs.get(id)!;
  const unit = (id: string, kind: PartyUnitDoc['kind'], name: string, org: OrgDoc, extra: Partial<PartyUnitDoc> = {}): PartyUnitDoc => ({
    _id: id,
    kind,
    name,
    orgId: org._id,
    orgName: org.name,
    orgLevel: org.level,
    path: org.path,
    ...extra,
    createdAt: SEED_AT,
    updatedAt: SEED_AT,
  });
  const agency = (id: string, name: string, org: OrgDoc, agencyKind: AgencyKind) => unit(id, 'agency', name, org, { agencyKind });
  const partyUnits = [
    unit(branchId(compound._id), 'branch', `${compound.name}临时党支部`, compound),
    unit('u-demo-group1', 'group', '第一党小组（1号楼）', compound, { buildingIds: [b(1)] }),
    unit('u-demo-group2', 'group', '第二党小组（2、3号楼）', compound, { buildingIds: [b(2), b(3)] }),
    unit('u-demo-zone1', 'zone', '党员责任区一（1号楼1–2单元）', compound, {
      areas: [
        { buildingId: b(1), unit: '1' },
        { buildingId: b(1), unit: '2' },
      ],
    }),
    agency('u-demo-agency-zj', '区住建局机关党支部', at(DEMO.district), 'organ'),
    agency('u-demo-agency-cg', '城关街道办派驻干部', at(DEMO.street), 'cadre'),
  ];

  let order = 0;
  const post = (
    id: string,
    kind: PostKind,
    name: string,
    minHeads: number,
    maxHeads: number,
    skills: { required?: Skill[]; preferred?: Skill[] },
    extra: Partial<PostDoc> = {},
  ): PostDoc => ({
    _id: id,
    compoundId: compound._id,
    compoundName: compound.name,
    path: lineage(compound),
    kind,
    name,
    requiredSkills: canonicalSkills(skills.required),
    preferredSkills: canonicalSkills(skills.preferred),
    minHeads,
    maxHeads,
    checkInBy: 'either',
    alwaysOn: kind === 'gate',
    active: true,
    order: SEED_AT + order++,
    createdAt: SEED_AT,
    updatedAt: SEED_AT,
    ...extra,
  });
  const gates = input.gates.filter((g) => g.compoundId === compound._id);
  const posts = [
    ...gates.map((g, i) =>
      post(
        `${g._id}-duty`,
        'gate',
        `${g.name}执勤岗`,
        i === 0 ? 2 : 1,
        3,
        { preferred: ['security', 'medical'] },
        {
          gateId: g._id,
          location: { lat: CENTRE.lat + 0.0005 - i * 0.001, lng: CENTRE.lng + 0.0008 - i * 0.0009, radius: DEFAULT_RADIUS },
        },
      ),
    ),
    post(`${compound._id}-p-publicity`, 'publicity', '防控知识宣传岗', 1, 3, { preferred: ['publicity'] }),
    post(`${compound._id}-p-disinfection`, 'disinfection', '环境消毒岗', 1, 2, { required: ['disinfection'] }, { location: { ...CENTRE, radius: 300 } }),
    post(`${compound._id}-p-emergency`, 'emergency', '应急处理岗', 1, 2, { required: ['medical'], preferred: ['driving'] }),
    post(`${compound._id}-p-supplies`, 'supplies', '物资保障岗', 1, 4, { preferred: ['logistics', 'driving'] }),
    post(`${compound._id}-p-census`, 'census', '信息摸排岗', 1, 4, { preferred: ['it'] }),
    post(`${compound._id}-p-care`, 'care', '服务关爱岗', 1, 3, { preferred: ['counselling', 'medical'] }),
  ];

  const refOf = (u: PartyUnitDoc): UnitRef => ({ id: u._id, name: u.name, kind: u.kind, path: [...u.path, u.orgId] });
  const group1 = partyUnits[1];
  const profile = (openid: string, skills: Skill[], partyMember: boolean, status: VolunteerDoc['status'], u?: PartyUnitDoc): VolunteerDoc => {
    const user = input.users.find((x) => x._id === openid)!;
    return {
      _id: volunteerId(compound._id, openid),
      openid,
      compoundId: compound._id,
      compoundPath: compound.path,
      name: user.name!,
      phone: user.phone!,
      skills: canonicalSkills(skills),
      partyMember,
      ...(u ? { unitId: u._id, unit: refOf(u) } : {}),
      status,
      appliedAt: SEED_AT,
      ...(status === 'approved' ? { decidedAt: SEED_AT, decidedBy: 'demo-secretary' } : {}),
    };
  };
  const volunteers = [
    profile('demo-volunteer-1', ['medical', 'security', 'disinfection', 'driving'], true, 'approved', group1),
    profile('demo-volunteer-2', ['publicity', 'counselling', 'it'], false, 'approved'),
    profile('demo-resident-2', ['logistics', 'driving'], true, 'pending', group1),
  ];
  return { partyUnits, posts, volunteers };
}

/** Inserts the demo's duty documents, leaving existing ones alone. Returns how many were new. */
export async function seedDutyDemo(store: Store, demo: ReturnType<typeof buildDutyDemo>): Promise<number> {
  let inserted = 0;
  inserted += await store.insertMany('partyUnits', demo.partyUnits, { skipExisting: true });
  inserted += await store.insertMany('posts', demo.posts, { skipExisting: true });
  inserted += await store.insertMany('volunteers', demo.volunteers, { skipExisting: true });
  return inserted;
}
