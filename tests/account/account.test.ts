import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const REG = { name: '吴新', phone: '13912345678', buildingId: 'sz-s1-c01-x01-b02', unit: '2', room: '301' };

describe('account.me', () => {
  test('a staff member sees their grants with org names, levels and the path above', async () => {
    const r = await h.call('demo-community-staff', 'account.me', {});
    expect(r.ok && r.data).toMatchObject({
      registered: false,
      name: '李干事',
      phoneMasked: '138****0003',
      grants: [
        {
          role: 'staff',
          orgId: 'sz-s1-c01',
          orgName: '东店社区',
          orgLevel: 'community',
          orgPath: [
            { id: 'sz', name: '商州区', level: 'district' },
            { id: 'sz-s1', name: '城关街道', level: 'street' },
            { id: 'sz-s1-c01', name: '东店社区', level: 'community' },
          ],
        },
      ],
    });
  });

  test('a resident sees a household label; costs at most 3 reads and no writes', async () => {
    const r = await h.call('demo-resident-1', 'account.me', {});
    expect(r.ok && r.data.household?.label).toBe('威尼斯水城 1号楼 1单元 202室');
    expect(r.ok && r.data.registered).toBe(true);
    expect(r.meter.reads).toBeLessThanOrEqual(3);
    expect(r.meter.writes).toBe(0);
  });

  test('someone who never registered gets an empty profile, not an error', async () => {
    const r = await h.call('wx-first-time-user', 'account.me', {});
    expect(r).toMatchObject({ ok: true, data: { registered: false, name: null, grants: [] } });
    expect(r.meter.writes).toBe(0);
  });
});

describe('account.register', () => {
  test('registers a resident: stored, grant at the building, phone returned masked', async () => {
    const r = await h.call('wx-newcomer-01', 'account.register', REG);
    expect(r.ok && r.data).toMatchObject({
      name: '吴新',
      phoneMasked: '139****5678',
      household: { buildingId: REG.buildingId, compoundId: 'sz-s1-c01-x01', unit: '2', room: '301', label: '威尼斯水城 2号楼 2单元 301室' },
      grants: [{ role: 'resident', orgId: REG.buildingId, orgLevel: 'building' }],
    });
    expect(JSON.stringify(r)).not.toContain('13912345678');
    const stored = await h.store.get('users', 'wx-newcomer-01');
    expect(stored?.phone).toBe('13912345678');
    expect((await h.call('wx-newcomer-01', 'account.me', {})).ok).toBe(true);
  });

  test('a retry with the same data changes nothing; different data is a conflict', async () => {
    await h.ok('wx-newcomer-01', 'account.register', REG);
    const before = await h.store.get('users', 'wx-newcomer-01');
    const again = await h.call('wx-newcomer-01', 'account.register', { ...REG, name: ' 吴新 ' });
    expect(again.ok).toBe(true);
    expect(again.meter.writes).toBe(0);
    expect(await h.store.get('users', 'wx-newcomer-01')).toEqual(before);
    const moved = await h.call('wx-newcomer-01', 'account.register', { ...REG, room: '402' });
    expect(moved).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(moved.meter.writes).toBe(0);
  });

  test('a volunteer registering keeps the volunteer role and gains the resident one', async () => {
    const r = await h.ok('demo-volunteer-1', 'account.register', REG);
    expect(r.grants.map((g) => g.role).sort()).toEqual(['resident', 'volunteer']);
  });

  test.each([
    [{ phone: '1391234567' }, 'data.phone', '手机号应为 11 位中国大陆手机号'],
    [{ phone: '23912345678' }, 'data.phone', '手机号应为 11 位中国大陆手机号'],
    [{ name: '' }, 'data.name', '「姓名」至少 2 个字'],
    [{ name: '张'.repeat(21) }, 'data.name', '「姓名」最多 20 个字'],
    [{ name: 'Robert<script>' }, 'data.name', '姓名只能包含汉字、字母和间隔号'],
    [{ unit: '' }, 'data.unit', '单元号应为 1–6 位数字或字母'],
    [{ room: '30 1' }, 'data.room', '房号应为 1–8 位数字或字母'],
    [{ buildingId: 'sz-s1-c01-x01' }, 'data.buildingId', '所选楼栋不存在，请重新选择'],
    [{ buildingId: 'no-such-building' }, 'data.buildingId', '所选楼栋不存在，请重新选择'],
    [{ extra: 1 }, 'data.extra', '不支持的字段「extra」'],
    [{ phone: 13912345678 }, 'data.phone', '「手机号」应为文本'],
  ])('bad input %j → INVALID_ARGUMENT on %s, nothing written', async (patch, field, message) => {
    const r = await h.call('wx-newcomer-02', 'account.register', { ...REG, ...patch } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message, details: { field } } });
    expect(r.meter.writes).toBe(0);
    expect(await h.store.get('users', 'wx-newcomer-02')).toBeNull();
  });

  test('a missing field is named', async () => {
    const { phone: _p, ...noPhone } = REG;
    const r = await h.call('wx-newcomer-02', 'account.register', noPhone as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.phone' } } });
  });
});

describe('account.grant / account.revoke', () => {
  test('community staff makes a resident a building leader inside their community', async () => {
    const r = await h.call('demo-community-staff', 'account.grant', { openid: 'demo-resident-2', role: 'leader', orgId: 'sz-s1-c01-x01-b01' });
    expect(r).toMatchObject({ ok: true, data: { granted: true } });
    const me = await h.ok('demo-resident-2', 'account.me', {});
    expect(me.grants.map((g) => g.role).sort()).toEqual(['leader', 'resident']);
    // Granting again is a no-op.
    const again = await h.call('demo-community-staff', 'account.grant', { openid: 'demo-resident-2', role: 'leader', orgId: 'sz-s1-c01-x01-b01' });
    expect(again).toMatchObject({ ok: true, data: { granted: false } });
    expect(again.meter.writes).toBe(0);
    expect(await h.store.count('audit', { kind: 'grant', subject: 'demo-resident-2' })).toBe(1);
  });

  test('a role can be granted to someone who has not registered yet', async () => {
    const r = await h.call('demo-community-staff', 'account.grant', { openid: 'wx-new-volunteer', role: 'volunteer', orgId: 'sz-s1-c01-x02' });
    expect(r).toMatchObject({ ok: true, data: { granted: true } });
    expect((await h.ok('wx-new-volunteer', 'account.me', {})).grants[0]).toMatchObject({ role: 'volunteer', orgName: '江南小区西片' });
  });

  test('never above the grantor’s own role', async () => {
    const r = await h.call('demo-community-staff', 'account.grant', { openid: 'demo-resident-2', role: 'admin', orgId: 'sz' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } }); // sz is above the community
    const r2 = await h.call('demo-street-staff', 'account.grant', { openid: 'demo-resident-2', role: 'admin', orgId: 'sz-s1' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.orgId' } } });
    const r3 = await h.call('demo-community-staff', 'account.revoke', { openid: 'demo-admin', role: 'admin', orgId: 'sz' });
    expect(r3).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a role only at its level: a secretary belongs to a compound', async () => {
    const r = await h.call('demo-admin', 'account.grant', { openid: 'demo-resident-2', role: 'secretary', orgId: 'sz-s1-c01-x01-b01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '「小区书记」只能授予在小区一级' } });
    expect(r.meter.writes).toBe(0);
  });

  test('revoke removes the role and is idempotent; self-revocation refused', async () => {
    const r = await h.call('demo-community-staff', 'account.revoke', { openid: 'demo-volunteer-2', role: 'volunteer', orgId: 'sz-s1-c01-x01' });
    expect(r).toMatchObject({ ok: true, data: { revoked: true } });
    expect((await h.ok('demo-volunteer-2', 'account.me', {})).grants).toEqual([]);
    const again = await h.call('demo-community-staff', 'account.revoke', { openid: 'demo-volunteer-2', role: 'volunteer', orgId: 'sz-s1-c01-x01' });
    expect(again).toMatchObject({ ok: true, data: { revoked: false } });
    expect(again.meter.writes).toBe(0);
    const self = await h.call('demo-community-staff', 'account.revoke', { openid: 'demo-community-staff', role: 'staff', orgId: 'sz-s1-c01' });
    expect(self).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  test('a revoked secretary loses access at once', async () => {
    expect((await h.call('demo-secretary', 'org.tree', { parentId: 'sz-s1-c01-x01' })).ok).toBe(true);
    await h.ok('demo-street-staff', 'account.revoke', { openid: 'demo-secretary', role: 'secretary', orgId: 'sz-s1-c01-x01' });
    expect(await h.call('demo-secretary', 'org.tree', { parentId: 'sz-s1-c01-x01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
