import type { NoticeAudience } from '../../typings/messages';
import type { UserDoc } from '../../server/auth/caller';
import { AUDIENCE_ROLES, homeGrant } from '../../server/notices/audience';
import { makeHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ residents: 3000 });
});
afterAll(() => h.close());

const publish = (
  who: string,
  scopeOrgId: string,
  over: Partial<{
    audience: NoticeAudience;
    requireAck: boolean;
    level: 'normal' | 'important' | 'urgent';
    title: string;
    body: string;
    expiresAt: number;
  }> = {},
) =>
  h.ok(who, 'notice.publish', {
    scopeOrgId,
    title: '疫情防控通知',
    body: '请居民朋友们做好个人防护，非必要不外出。',
    level: 'normal',
    audience: 'all',
    requireAck: false,
    ...over,
  });

async function allUsers(): Promise<UserDoc[]> {
  const out: UserDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.store.query('users', { orderBy: [{ field: '_id' }], limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** Brute force: who a notice reaches, straight from the grants. */
const reaches = (u: UserDoc, audience: NoticeAudience, scope: string) =>
  u.grants.some((g) => AUDIENCE_ROLES[audience].includes(g.role) && (g.orgId === scope || g.path.includes(scope)));

test('publishing at each level and for each audience reaches exactly the right readers, with one write', async () => {
  const users = await allUsers();
  const sample = [...users.filter((u) => u._id.startsWith('demo-')), ...users.filter((_, i) => i % 97 === 0)];
  const cases: Array<[string, string, NoticeAudience]> = [
    ['demo-admin', 'sz', 'all'],
    ['demo-street-staff', 'sz-s1', 'residents'],
    ['demo-community-staff', 'sz-s1-c01', 'staff'],
    ['demo-secretary', 'sz-s1-c01-x01', 'volunteers'],
    ['demo-secretary', 'sz-s1-c01-x01-b01', 'residents'],
    ['demo-admin', 'sz-s2-c01', 'all'],
  ];
  for (const [who, scope, audience] of cases) {
    const r = await h.call(who, 'notice.publish', {
      scopeOrgId: scope,
      title: `通知 ${scope} ${audience}`,
      body: '正文内容',
      level: 'normal',
      audience,
      requireAck: false,
    });
    expect(r.meter.writes).toBe(1);
    if (!r.ok) throw new Error(r.error.message);
    for (const u of sample) {
      if (!u.grants.length) continue;
      const inbox = await h.ok(u._id, 'notice.inbox', { limit: 200 });
      const got = inbox.items.some((n) => n.id === r.data.id);
      expect({ notice: `${scope}/${audience}`, user: u._id, got }).toEqual({ notice: `${scope}/${audience}`, user: u._id, got: reaches(u, audience, scope) });
    }
  }
});

test('read and ack: one write each, repeats write nothing; the inbox puts unread first', async () => {
  const older = await publish('demo-secretary', 'sz-s1-c01-x01', { title: '旧通知' });
  h.clock.advance(1000);
  const urgent = await publish('demo-secretary', 'sz-s1-c01-x01', { title: '紧急通知', level: 'urgent', requireAck: true });
  h.clock.advance(1000);
  const read1 = await h.call('demo-resident-2', 'notice.read', { noticeId: urgent.id });
  expect(read1).toMatchObject({ ok: true });
  expect(read1.meter.writes).toBe(1);
  expect((await h.call('demo-resident-2', 'notice.read', { noticeId: urgent.id })).meter.writes).toBe(0);
  const ack = await h.call('demo-resident-2', 'notice.ack', { noticeId: urgent.id });
  expect(ack).toMatchObject({ ok: true, data: { ackedAt: expect.any(Number) } });
  expect(read1.meter.writes + ack.meter.writes).toBeLessThanOrEqual(3);
  expect((await h.call('demo-resident-2', 'notice.ack', { noticeId: urgent.id })).meter.writes).toBe(0);

  const inbox = await h.ok('demo-resident-2', 'notice.inbox', {});
  const ids = inbox.items.map((n) => n.id);
  expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(urgent.id)); // unread before read
  expect(inbox.items.find((n) => n.id === urgent.id)).toMatchObject({ readAt: expect.any(Number), ackedAt: expect.any(Number) });
  expect(inbox.unread).toBe(inbox.items.filter((n) => n.readAt === undefined).length);
  // An ack without a read first counts as both.
  const both = await h.call('demo-resident-1', 'notice.ack', { noticeId: urgent.id });
  expect(both.meter.writes).toBe(1);
  expect(await h.ok('demo-resident-1', 'notice.get', { noticeId: urgent.id })).toMatchObject({ readAt: expect.any(Number), ackedAt: expect.any(Number) });
});

test('progress at every level matches a brute-force count; a building lists who has not read', async () => {
  const n = await publish('demo-street-staff', 'sz-s1', { audience: 'residents', requireAck: true, level: 'important' });
  const users = await allUsers();
  const readers = users.filter((u) => reaches(u, 'residents', 'sz-s1'));
  // Two thirds read, one in five of those also ack.
  const read = readers.filter((_, i) => i % 3 !== 0);
  for (const [i, u] of read.entries()) await h.ok(u._id, i % 5 === 0 ? 'notice.ack' : 'notice.read', { noticeId: n.id });
  const readSet = new Set(read.map((u) => u._id));
  const ackSet = new Set(read.filter((_, i) => i % 5 === 0).map((u) => u._id));

  const brute = (orgId: string) => {
    const under = (u: UserDoc) => u.grants.some((g) => AUDIENCE_ROLES.residents.includes(g.role) && (g.orgId === orgId || g.path.includes(orgId)));
    const home = (u: UserDoc) => homeGrant(u.grants, 'residents', 'sz-s1')!;
    const homedUnder = (u: UserDoc) => home(u).orgId === orgId || home(u).path.includes(orgId);
    return {
      audience: users.filter(under).length,
      read: readers.filter((u) => readSet.has(u._id) && homedUnder(u)).length,
      acked: readers.filter((u) => ackSet.has(u._id) && homedUnder(u)).length,
    };
  };
  for (const orgId of ['sz-s1', 'sz-s1-c01', 'sz-s1-c01-x01', 'sz-s1-c02-x01', 'sz-s1-c01-x01-b01']) {
    const p = await h.call('demo-street-staff', 'notice.progress', { noticeId: n.id, orgId });
    if (!p.ok) throw new Error(p.error.message);
    const { orgId: _o, name: _n, level: _l, ...total } = p.data.total;
    expect({ orgId, ...total }).toEqual({ orgId, ...brute(orgId) });
    for (const c of p.data.children)
      expect({ child: c.orgId, audience: c.audience, read: c.read, acked: c.acked }).toEqual({ child: c.orgId, ...brute(c.orgId) });
  }
  const b = await h.ok('demo-leader', 'notice.progress', { noticeId: n.id, orgId: 'sz-s1-c01-x01-b01' });
  const unreadThere = readers.filter((u) => u.household?.buildingId === 'sz-s1-c01-x01-b01' && !readSet.has(u._id));
  expect(b.unread).toHaveLength(unreadThere.length);
  expect(b.unread!.every((x) => /\*/.test(x.name) && x.household.startsWith('1号楼'))).toBe(true);
});

test('bad input: clear errors and nothing written', async () => {
  const urgent = await publish('demo-secretary', 'sz-s1-c01-x01', { title: '不需确认' });
  const cases: Array<[string, Parameters<Harness['call']>, string, string | undefined]> = [
    [
      'empty title',
      ['demo-secretary', 'notice.publish', { scopeOrgId: 'sz-s1-c01-x01', title: ' ', body: '正文', level: 'normal', audience: 'all', requireAck: false }],
      'INVALID_ARGUMENT',
      'data.title',
    ],
    [
      'title too long',
      [
        'demo-secretary',
        'notice.publish',
        { scopeOrgId: 'sz-s1-c01-x01', title: '长'.repeat(41), body: '正文', level: 'normal', audience: 'all', requireAck: false },
      ],
      'INVALID_ARGUMENT',
      'data.title',
    ],
    [
      'body too long',
      [
        'demo-secretary',
        'notice.publish',
        { scopeOrgId: 'sz-s1-c01-x01', title: '标题', body: '长'.repeat(2001), level: 'normal', audience: 'all', requireAck: false },
      ],
      'INVALID_ARGUMENT',
      'data.body',
    ],
    [
      'refused content',
      [
        'demo-secretary',
        'notice.publish',
        { scopeOrgId: 'sz-s1-c01-x01', title: '标题', body: '网络赌博广告', level: 'normal', audience: 'all', requireAck: false },
      ],
      'INVALID_ARGUMENT',
      'data.body',
    ],
    [
      'scope outside the subtree',
      ['demo-secretary', 'notice.publish', { scopeOrgId: 'sz-s1-c01-x02', title: '标题', body: '正文', level: 'normal', audience: 'all', requireAck: false }],
      'FORBIDDEN',
      undefined,
    ],
    [
      'expiry in the past',
      [
        'demo-secretary',
        'notice.publish',
        { scopeOrgId: 'sz-s1-c01-x01', title: '标题', body: '正文', level: 'normal', audience: 'all', requireAck: false, expiresAt: 1000 },
      ],
      'INVALID_ARGUMENT',
      'data.expiresAt',
    ],
    ['unknown notice', ['demo-resident-1', 'notice.read', { noticeId: 'nunknown00000' }], 'NOT_FOUND', 'data.noticeId'],
    ['ack of a notice that needs none', ['demo-resident-1', 'notice.ack', { noticeId: urgent.id }], 'FAILED_PRECONDITION', undefined],
    ['a notice for someone else (as if there were none)', ['demo-resident-other', 'notice.read', { noticeId: urgent.id }], 'NOT_FOUND', 'data.noticeId'],
  ];
  for (const [name, args, code, field] of cases) {
    const r = await h.call(...args);
    expect({ name, code: r.ok ? 'ok' : r.error.code, field: r.ok ? undefined : r.error.details?.field }).toEqual({ name, code, field });
    expect({ name, writes: r.meter.writes }).toEqual({ name, writes: 0 });
  }
});

test('a retried publish with the same requestId is one notice; expired notices leave the inbox', async () => {
  const req = {
    scopeOrgId: 'sz-s1-c01-x01',
    title: '停水通知',
    body: '明日停水',
    level: 'normal' as const,
    audience: 'residents' as const,
    requireAck: false,
    requestId: 'req-12345678',
    expiresAt: h.clock.now() + 60_000,
  };
  const a = await h.ok('demo-secretary', 'notice.publish', req);
  const b = await h.ok('demo-secretary', 'notice.publish', req);
  expect(b.id).toBe(a.id);
  expect((await h.ok('demo-resident-1', 'notice.inbox', { limit: 200 })).items.some((n) => n.id === a.id)).toBe(true);
  h.clock.advance(61_000);
  expect((await h.ok('demo-resident-1', 'notice.inbox', { limit: 200 })).items.some((n) => n.id === a.id)).toBe(false);
  const sent = await h.ok('demo-community-staff', 'notice.sent', { orgId: 'sz-s1-c01' });
  expect(sent.items.some((n) => n.id === a.id)).toBe(true);
});
