/** census.*: who reads and writes a household, masking, the change trail, counters rolled up, the building's rooms. */
import { makeHarness, T0, type Harness } from '../support/harness';

const B = 'sz-s1-c01-x01-b01';
const RES = 'demo-resident-1'; // 张伟, 1-202
const RES2 = 'demo-resident-2'; // 陈芳, 1-301
const LEADER = 'demo-leader';
const SEC = 'demo-secretary';
const member = (over: Record<string, unknown> = {}) => ({ relation: 'child', birthYear: 2015, flags: [], partyMember: false, ...over }) as never;

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const summary = async (orgId: string) => (await h.ok('demo-admin', 'census.summary', { orgId })).total;

describe('census.household', () => {
  test('a resident reads their own household without naming it: names and phones in full', async () => {
    const r = await h.ok(RES, 'census.household', {});
    expect(r).toMatchObject({ id: `${B}:1-202`, unit: '1', room: '202', status: 'occupied', canEdit: true });
    expect(r.members[0]).toMatchObject({ id: 1, name: '张伟', relation: 'head', phone: expect.stringMatching(/^1380000\d{4}$/) });
  });

  test('a leader sees names and phones masked; the secretary sees names in full, phones masked, and the read is logged', async () => {
    const led = await h.ok(LEADER, 'census.household', { buildingId: B, unit: '1', room: '202' });
    expect(led.members[0].name).toBe('张*');
    expect(led.members[0].phone).toMatch(/^138\*{4}\d{4}$/);
    expect(await h.store.count('accessLog', {})).toBe(0);
    const sec = await h.call(SEC, 'census.household', { buildingId: B, unit: '1', room: '202' });
    expect(sec.ok && sec.data.members[0]).toMatchObject({ name: '张伟', phone: expect.stringMatching(/^138\*{4}\d{4}$/) });
    expect(sec.meter.writes).toBe(1);
    expect((await h.store.query('accessLog')).items[0]).toMatchObject({ viewer: SEC, action: 'census.household', records: [`household:${B}:1-202`] });
  });

  test("a resident may not read a neighbour's household", async () => {
    const r = await h.call(RES, 'census.household', { buildingId: B, unit: '1', room: '301' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a room never recorded answers empty, editable by the leader', async () => {
    expect(await h.ok(LEADER, 'census.household', { buildingId: B, unit: '2', room: '1201' })).toMatchObject({ members: [], updatedAt: null, canEdit: true });
  });
});

describe('census.save', () => {
  test('the resident adds a member: stored, audited, counted on the building and every ancestor; a retry writes nothing', async () => {
    const before = await Promise.all([B, 'sz-s1-c01-x01', 'sz'].map(summary));
    const own = await h.ok(RES, 'census.household', {});
    const members = [
      ...own.members.map((m) => ({ id: m.id, relation: m.relation, birthYear: m.birthYear, flags: m.flags, partyMember: m.partyMember })),
      member({ name: '张小宝', birthYear: 2024, flags: ['infant'] }),
    ];
    const req = { buildingId: B, unit: '1', room: '202', status: 'occupied' as const, members };
    const r = await h.call(RES, 'census.save', req);
    expect(r.ok).toBe(true);
    const saved = r.ok ? r.data : null;
    expect(saved!.members.at(-1)).toMatchObject({ id: own.members.length + 1, name: '张小宝', flags: ['infant'] });
    expect(saved!.history[0]).toMatchObject({ role: 'resident', what: `新增成员#${own.members.length + 1}`, at: T0 });
    const after = await Promise.all([B, 'sz-s1-c01-x01', 'sz'].map(summary));
    after.forEach((t, i) => {
      expect(t.people).toBe(before[i].people + 1);
      expect(t.flags.infant).toBe(before[i].flags.infant + 1);
      expect(t.households).toBe(before[i].households);
    });
    const retry = await h.call(RES, 'census.save', req);
    expect(retry.ok).toBe(true);
    expect(retry.meter.writes).toBe(0);
  });

  test('a leader edits a member without retyping the masked name; a removed member id is never reused', async () => {
    const own = await h.ok(LEADER, 'census.household', { buildingId: B, unit: '1', room: '202' });
    const next = own.members.length + 1;
    const head = { id: 1, relation: 'head', birthYear: 1950, flags: ['elderlyAlone', 'medicine'], partyMember: true } as never;
    const r = await h.ok(LEADER, 'census.save', { buildingId: B, unit: '1', room: '202', status: 'occupied', members: [head] });
    expect(r.members).toEqual([expect.objectContaining({ id: 1, name: '张*', flags: ['elderlyAlone', 'medicine'], partyMember: true })]);
    expect((await h.store.get('households', `${B}:1-202`))!.members[0].name).toBe('张伟');
    expect(r.history[0]).toMatchObject({ role: 'leader', what: expect.stringContaining('修改成员#1（独居老人、需送药）') });
    const again = await h.ok(LEADER, 'census.save', { buildingId: B, unit: '1', room: '202', status: 'occupied', members: [head, member({ name: '张新' })] });
    expect(again.members[1].id).toBe(next);
  });

  test('a resident may not write a neighbour; a volunteer may not write at all; nothing written', async () => {
    const req = { buildingId: B, unit: '1', room: '301', status: 'vacant' as const, members: [] };
    const r = await h.call(RES, 'census.save', req);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.meter.writes).toBe(0);
    expect((await h.call('demo-volunteer-1', 'census.save', req)).meter.writes).toBe(0);
  });

  test.each([
    [{ members: [member({ name: '王小明', birthYear: 2099 })] }, 'data.members.0.birthYear', '出生年份'],
    [{ members: [member({ id: 77, name: '王小明' })] }, 'data.members.0.id', '成员不存在'],
    [{ members: [member({})] }, 'data.members.0.name', '姓名'],
    [{ members: [member({ name: '王小明', phone: '12345' })] }, 'data.members.0.phone', '手机号'],
    [{ members: [member({ name: '王小明', flags: ['infant', 'infant'] })] }, 'data.members.0.flags', '重复'],
    [{ members: [member({ name: '王小明', relation: 'cousin' })] }, 'data.members.0.relation', '与户主关系'],
    [{ status: 'vacant', members: [member({ name: '王小明' })] }, 'data.members', '空置'],
    [{ members: [] }, 'data.members', '至少'],
    [{ room: '12-3' }, 'data.room', '单元号'],
    [{ extra: 1 }, 'data.extra', '不支持'],
  ])('bad input %j names %s; nothing written', async (over, field, words) => {
    const r = await h.call(LEADER, 'census.save', {
      buildingId: B,
      unit: '2',
      room: '1201',
      status: 'occupied',
      members: [member({ name: '王小明' })],
      ...over,
    } as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field } } });
    expect(!r.ok && r.error.message).toContain(words);
    expect(r.meter.writes).toBe(0);
  });

  test('a stale version is refused (someone else saved meanwhile)', async () => {
    const r = await h.call(LEADER, 'census.save', { buildingId: B, unit: '2', room: '1201', status: 'vacant', members: [], version: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'data.version' } } });
  });
});

describe('census.building and census.layout', () => {
  test('every room with its state; completeness moves as rooms are recorded and as the layout grows', async () => {
    const b = await h.ok(LEADER, 'census.building', { buildingId: B });
    expect(b.rooms).toHaveLength(24);
    expect(b.rooms.map((r) => `${r.unit}-${r.room}`).slice(0, 3)).toEqual(['1-101', '1-102', '1-201']);
    const unknown = b.rooms.filter((r) => r.state === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(b.totals).toMatchObject({ rooms: 24, settled: 24 - unknown.length, completeness: Math.floor(((24 - unknown.length) * 100) / 24) });
    const u = unknown[0];
    await h.ok(LEADER, 'census.save', { buildingId: B, unit: u.unit, room: u.room, status: 'vacant', members: [] });
    const after = await h.ok(LEADER, 'census.building', { buildingId: B });
    expect(after.rooms.find((r) => r.unit === u.unit && r.room === u.room)!.state).toBe('vacant');
    expect(after.totals.settled).toBe(b.totals.settled + 1);
    expect(await h.ok(LEADER, 'census.layout', { buildingId: B, units: 2, floors: 7, roomsPerFloor: 2 })).toEqual({ rooms: 28 });
    expect((await summary('sz-s1-c01-x01')).rooms).toBe(
      (await h.ok(SEC, 'census.summary', { orgId: 'sz-s1-c01-x01' })).children.reduce((n, c) => n + c.rooms, 0),
    );
    expect((await h.ok(LEADER, 'census.building', { buildingId: B })).rooms.filter((r) => r.state === 'unknown')).toHaveLength(unknown.length - 1 + 4);
  });
});

describe('census.summary', () => {
  test('a node and its children from counters: the district at 100k residents in at most 10 reads, totals equal their children', async () => {
    const r = await h.call('demo-admin', 'census.summary', { orgId: 'sz' });
    expect(r.meter.reads).toBeLessThanOrEqual(10);
    const d = r.ok ? r.data : null;
    expect(d!.children).toHaveLength(4);
    expect(d!.total.people).toBeGreaterThan(0);
    expect(d!.total.people).toBe(d!.children.reduce((n, c) => n + c.people, 0));
    expect(d!.total.flags.elderlyAlone).toBe(d!.children.reduce((n, c) => n + c.flags.elderlyAlone, 0));
    const compound = await h.ok(SEC, 'census.summary', { orgId: 'sz-s1-c01-x01' });
    expect(compound.total.households).toBe(compound.children.reduce((n, c) => n + c.households, 0));
    expect(compound.children[0]).toMatchObject({ orgId: B, level: 'building', rooms: 24 });
  });

  test('counters equal a recount of the households after a mix of writes', async () => {
    await h.ok(LEADER, 'census.save', { buildingId: B, unit: '1', room: '202', status: 'vacant', members: [] });
    await h.ok(RES2, 'census.save', {
      buildingId: B,
      unit: '1',
      room: '301',
      status: 'occupied',
      members: [member({ name: '陈芳', relation: 'head', birthYear: 1970, partyMember: true })],
    });
    const all = (await h.store.query('households', { where: { buildingId: B } })).items;
    const t = await summary(B);
    expect(t.people).toBe(all.reduce((n, x) => n + x.members.length, 0));
    expect(t.partyMembers).toBe(all.reduce((n, x) => n + x.members.filter((m) => m.partyMember).length, 0));
    expect(t.households).toBe(all.filter((x) => x.status === 'occupied').length);
    expect(t.settled).toBe(all.length);
  });
});
