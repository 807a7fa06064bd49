/** The party organisation of a compound and volunteers joining it (party.*, volunteer.*). */
import { COMPOUND, OTHER_COMPOUND, refused, SECRETARY, useDutyHarness, V1 } from './support';

const h = useDutyHarness();

const NEWCOMER = 'wx-newcomer-0001';
const join = (over: Record<string, unknown> = {}, who = NEWCOMER) =>
  h.call(who, 'volunteer.join', { compoundId: COMPOUND, name: '吴新', phone: '13912345678', skills: ['medical', 'driving'], partyMember: true, ...over });

describe('party units', () => {
  test('the compound lists its branch, groups and zone, then agencies of its street and district — not other streets’', async () => {
    await h.ok('demo-admin', 'party.save', { orgId: 'sz-s2', kind: 'agency', name: '大赵峪街道派驻干部', agencyKind: 'cadre' });
    const { items } = await h.ok(V1, 'party.list', { orgId: COMPOUND });
    expect(items.map((u) => [u.kind, u.name])).toEqual([
      ['branch', '威尼斯水城临时党支部'],
      ['group', '第一党小组（1号楼）'],
      ['group', '第二党小组（2、3号楼）'],
      ['zone', '党员责任区一（1号楼1–2单元）'],
      ['agency', '区住建局机关党支部'],
      ['agency', '区城管局'],
      ['agency', '区房管局'],
      ['agency', '城关供电所（驻社单位）'],
      ['agency', '城关街道办派驻干部'],
    ]);
    // Anyone may list (choosing a unit when applying), even with no grants.
    expect((await h.ok(NEWCOMER, 'party.list', { orgId: COMPOUND })).items).toHaveLength(9);
  });

  test('a group and a zone are created once; a retry returns the same unit and writes nothing', async () => {
    const group = await h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'group', name: '第三党小组', buildingIds: ['sz-s1-c01-x01-b03'] });
    expect(group).toMatchObject({ ok: true, data: { kind: 'group', buildingIds: ['sz-s1-c01-x01-b03'], orgName: '威尼斯水城' } });
    const again = await h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'group', name: '第三党小组', buildingIds: ['sz-s1-c01-x01-b03'] });
    expect(again.ok && group.ok && again.data.id).toBe(group.ok && group.data.id);
    expect(again.meter.writes).toBe(0);
    refused(await h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'group', name: '第三党小组', buildingIds: ['sz-s1-c01-x01-b02'] }), 'CONFLICT', {
      field: 'data.name',
    });
    const zone = await h.ok(SECRETARY, 'party.save', {
      orgId: COMPOUND,
      kind: 'zone',
      name: '责任区二',
      areas: [{ buildingId: 'sz-s1-c01-x01-b02' }, { buildingId: 'sz-s1-c01-x01-b02' }, { buildingId: 'sz-s1-c01-x01-b03', unit: '2' }],
    });
    expect(zone.areas).toEqual([{ buildingId: 'sz-s1-c01-x01-b02' }, { buildingId: 'sz-s1-c01-x01-b03', unit: '2' }]);
    const renamed = await h.ok(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'zone', unitId: zone.id, name: '责任区二（南）', areas: zone.areas });
    expect(renamed).toMatchObject({ id: zone.id, name: '责任区二（南）' });
  });

  test('the branch is one per compound: saving it again renames it', async () => {
    const branch = await h.ok(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'branch', name: '威尼斯水城小区临时党支部' });
    expect(branch.id).toBe(`${COMPOUND}-branch`);
    expect((await h.ok(SECRETARY, 'party.list', { orgId: COMPOUND })).items.filter((u) => u.kind === 'branch')).toEqual([branch]);
  });

  describe('bad input: a clear error, nothing written', () => {
    const cases: Array<[string, () => Promise<Parameters<typeof refused>[0]>, string, string | undefined]> = [
      [
        'a group of another compound’s building',
        () => h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'group', name: '错组', buildingIds: ['sz-s1-c01-x02-b01'] }),
        'INVALID_ARGUMENT',
        'data.buildingIds.0',
      ],
      [
        'a group without buildings',
        () => h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'group', name: '空组' }),
        'INVALID_ARGUMENT',
        'data.buildingIds',
      ],
      ['a zone without areas', () => h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'zone', name: '空区' }), 'INVALID_ARGUMENT', 'data.areas'],
      [
        'an agency under a compound',
        () => h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'agency', name: '某局', agencyKind: 'organ' }),
        'INVALID_ARGUMENT',
        'data.orgId',
      ],
      [
        'an agency without its kind',
        () => h.call('demo-street-staff', 'party.save', { orgId: 'sz-s1', kind: 'agency', name: '某局' }),
        'INVALID_ARGUMENT',
        'data.agencyKind',
      ],
      [
        'a branch at a street',
        () => h.call('demo-street-staff', 'party.save', { orgId: 'sz-s1', kind: 'branch', name: '某支部' }),
        'INVALID_ARGUMENT',
        'data.orgId',
      ],
      [
        'a secretary registering an agency at the street',
        () => h.call(SECRETARY, 'party.save', { orgId: 'sz-s1', kind: 'agency', name: '某局', agencyKind: 'organ' }),
        'FORBIDDEN',
        undefined,
      ],
      [
        'a volunteer creating a group',
        () => h.call(V1, 'party.save', { orgId: COMPOUND, kind: 'group', name: '某组', buildingIds: ['sz-s1-c01-x01-b01'] }),
        'FORBIDDEN',
        undefined,
      ],
      [
        'a one-character name',
        () => h.call(SECRETARY, 'party.save', { orgId: COMPOUND, kind: 'group', name: '组', buildingIds: ['sz-s1-c01-x01-b01'] }),
        'INVALID_ARGUMENT',
        'data.name',
      ],
    ];
    test.each(cases)('%s', async (_name, run, code, field) => refused(await run(), code, field ? { field } : {}));
  });

  test('a unit with members cannot be removed; an empty one can, and removing it again finds nothing and writes nothing', async () => {
    refused(await h.call(SECRETARY, 'party.remove', { unitId: 'u-demo-group1' }), 'FAILED_PRECONDITION');
    expect(await h.ok(SECRETARY, 'party.remove', { unitId: 'u-demo-group2' })).toEqual({ removed: true });
    refused(await h.call(SECRETARY, 'party.remove', { unitId: 'u-demo-group2' }), 'NOT_FOUND', { field: 'data.unitId' });
    // Outside the secretary's compound: the same answer as a unit that does not exist.
    refused(await h.call(SECRETARY, 'party.remove', { unitId: 'u-demo-agency-cg' }), 'NOT_FOUND', { field: 'data.unitId' });
  });
});

describe('volunteers', () => {
  test('anyone may apply at a compound; the phone is masked; a retry writes nothing; re-applying while pending replaces the application', async () => {
    const r = await join({ unitId: 'u-demo-group2' });
    expect(r).toMatchObject({
      ok: true,
      data: { status: 'pending', phoneMasked: '139****5678', unitName: '第二党小组（2、3号楼）', unitKind: 'group', skills: ['medical', 'driving'] },
    });
    expect(JSON.stringify(r)).not.toContain('13912345678');
    const retry = await join({ unitId: 'u-demo-group2' });
    expect(retry.meter.writes).toBe(0);
    const changed = await h.ok(NEWCOMER, 'volunteer.join', { compoundId: COMPOUND, name: '吴新', phone: '13912345678', skills: ['it'], partyMember: false });
    expect(changed).toMatchObject({ status: 'pending', skills: ['it'], partyMember: false });
    expect(changed.unitId).toBeUndefined();
    expect((await h.ok(NEWCOMER, 'volunteer.mine', {})).items).toHaveLength(1);
  });

  test('agency cadres join from their street or district; party units take party members only', async () => {
    expect(await join({ unitId: 'u-demo-agency-zj', partyMember: false })).toMatchObject({ ok: true, data: { unitKind: 'agency' } });
    refused(await join({ unitId: 'u-demo-group1', partyMember: false }, 'wx-newcomer-0002'), 'INVALID_ARGUMENT', { field: 'data.unitId' });
    await h.ok('demo-admin', 'party.save', { orgId: 'sz-s2', kind: 'agency', name: '大赵峪街道派驻干部', agencyKind: 'cadre' });
    const other = (await h.ok('demo-admin', 'party.list', { orgId: 'sz-s2' })).items.find((u) => u.name === '大赵峪街道派驻干部')!;
    refused(await join({ unitId: other.id }, 'wx-newcomer-0003'), 'INVALID_ARGUMENT', { field: 'data.unitId' });
    refused(await join({ skills: ['cooking'] }, 'wx-newcomer-0004'), 'INVALID_ARGUMENT', { field: 'data.skills.0' });
    refused(await join({ phone: '12345' }, 'wx-newcomer-0005'), 'INVALID_ARGUMENT', { field: 'data.phone' });
    refused(await join({ compoundId: 'sz-s1-c01-x01-b01' }, 'wx-newcomer-0006'), 'INVALID_ARGUMENT', { field: 'data.compoundId' });
  });

  test('the secretary approves: the user becomes a volunteer of the compound; a retry writes nothing', async () => {
    await join();
    const pending = await h.ok(SECRETARY, 'volunteer.list', { compoundId: COMPOUND, status: 'pending' });
    expect(pending.items.map((v) => v.openid)).toEqual(['demo-resident-2', NEWCOMER]);
    const approved = await h.ok(SECRETARY, 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', decidedAt: expect.any(Number) });
    const me = await h.raw(NEWCOMER, 'account.me', {});
    expect(me).toMatchObject({ ok: true, data: { grants: [{ role: 'volunteer', orgId: COMPOUND }] } });
    expect(await h.store.count('audit', { subject: NEWCOMER, kind: 'grant' })).toBe(1);
    const retry = await h.call(SECRETARY, 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'approve' });
    expect(retry).toMatchObject({ ok: true });
    expect(retry.meter.writes).toBe(0);
    refused(await h.call(SECRETARY, 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'reject', reason: '名额已满' }), 'CONFLICT');
    // An approved volunteer cannot quietly change their profile by applying again.
    refused(await join({ skills: ['it'] }), 'CONFLICT');
  });

  test('a refusal needs a reason; after it the user may apply again', async () => {
    await join();
    refused(await h.call(SECRETARY, 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'reject' }), 'INVALID_ARGUMENT', {
      field: 'data.reason',
    });
    expect(await h.ok(SECRETARY, 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'reject', reason: '请先完成登记' })).toMatchObject({
      status: 'rejected',
      reason: '请先完成登记',
    });
    const again = await join();
    expect(again).toMatchObject({ ok: true, data: { status: 'pending' } });
    expect(again.ok && again.data.reason).toBeUndefined();
  });

  test('only the compound’s secretary decides', async () => {
    await join();
    refused(await h.call(V1, 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'approve' }), 'FORBIDDEN');
    refused(await h.call('demo-community-staff', 'volunteer.approve', { compoundId: COMPOUND, openid: NEWCOMER, decision: 'approve' }), 'FORBIDDEN');
    refused(await h.call(SECRETARY, 'volunteer.approve', { compoundId: OTHER_COMPOUND, openid: NEWCOMER, decision: 'approve' }), 'FORBIDDEN');
    refused(await h.call(SECRETARY, 'volunteer.approve', { compoundId: COMPOUND, openid: 'wx-nobody-0001', decision: 'approve' }), 'NOT_FOUND', {
      field: 'data.openid',
    });
    // Overseers above see the list, phones masked.
    const list = await h.ok('demo-community-staff', 'volunteer.list', { compoundId: COMPOUND });
    expect(list.items.every((v) => /^\d{3}\*{4}\d{4}$/.test(v.phoneMasked))).toBe(true);
  });
});
