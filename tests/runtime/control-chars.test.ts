/**
 * Control characters and text-direction marks are refused in every text field, at validation:
 * INVALID_ARGUMENT naming the field, in Chinese, nothing written. Multiline text keeps newlines and tabs.
 */
import type * as z from 'zod/mini';
import { FUNCTIONS } from '../../server/app';
import { makeHarness, type Harness } from '../support/harness';

const BAD: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['an ANSI escape', '\u001b[31m'],
  ['a bell', '\u0007'],
  ['DEL', '\u007f'],
  ['a C1 control', '\u0085'],
  ['a C1 CSI', '\u009b'],
  ['a right-to-left override', '\u202e'],
  ['a left-to-right embedding', '\u202a'],
  ['an isolate', '\u2066'],
  ['a pop isolate', '\u2069'],
  ['a left-to-right mark', '\u200e'],
  ['a right-to-left mark', '\u200f'],
  ['an Arabic letter mark', '\u061c'],
  ['a line separator', '\u2028'],
  ['a carriage return', '\r'],
];
const MESSAGE = /^「.+」不能包含控制字符或文字方向控制符$/;

/** Every string in a request schema, by its path in `data` ("person.name", "events.*.plate"). */
function stringLeaves(schema: z.core.$ZodType, path: string[] = []): Array<{ path: string; schema: z.core.$ZodType }> {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'string':
      return [{ path: path.join('.'), schema }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.core.$ZodType>).flatMap(([k, s]) => stringLeaves(s, [...path, k]));
    case 'optional':
    case 'nullable':
    case 'default':
      return stringLeaves(def.innerType as z.core.$ZodType, path);
    case 'array':
      return stringLeaves(def.element as z.core.$ZodType, [...path, '*']);
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((o) => stringLeaves(o));
    case 'pipe':
      return [...stringLeaves(def.in as z.core.$ZodType, path), ...stringLeaves(def.out as z.core.$ZodType, path)];
    default:
      return [];
  }
}

const ACTIONS = Object.values(FUNCTIONS).flatMap((fn) => Object.values(fn));
const LEAVES = ACTIONS.flatMap((a) => stringLeaves(a.schema).map((l) => ({ action: a.name, ...l })));
// Plain text a field of each kind accepts: free text, a name, a plate, digits.
const SAMPLES = ['通知标题文字', '张三', '陕HA8888', 'abcdefgh12', '12'];

const accepts = (schema: z.core.$ZodType, value: string) => schema['~standard'].validate(value);
const ok = (schema: z.core.$ZodType, value: string) => {
  const r = accepts(schema, value) as { issues?: unknown[] };
  return !r.issues;
};
/** The value the schema keeps, or undefined when it refuses. */
const outcome = (schema: z.core.$ZodType, value: string) => {
  const r = accepts(schema, value) as { issues?: unknown[]; value?: unknown };
  return r.issues ? undefined : String(r.value);
};
const issueOf = (schema: z.core.$ZodType, value: string) =>
  ((accepts(schema, value) as { issues?: Array<{ message: string; code?: string; params?: { reason?: string } }> }).issues ?? [])[0];

test('the walk finds the text fields (so the table below is not empty by accident)', () => {
  const names = LEAVES.filter((l) => ok(l.schema, SAMPLES[0])).map((l) => `${l.action} ${l.path}`);
  expect(names).toEqual(
    expect.arrayContaining([
      'notice.publish title',
      'notice.publish body',
      'party.save name',
      'duty.savePost name',
      'alert.resolve note',
      'pass.apply reason',
      'gate.policy reason',
    ]),
  );
});

describe.each(LEAVES.map((l) => [`${l.action} ${l.path}`, l] as const))('%s', (_name, leaf) => {
  const sample = SAMPLES.find((s) => ok(leaf.schema, s));
  test.each(BAD)('never lets %s through, wherever it sits', (_what, bad) => {
    for (const s of sample ? [sample] : SAMPLES) {
      for (const value of [`${s}${bad}`, `${bad}${s}`, `${s.slice(0, 1)}${bad}${s.slice(1)}`]) {
        // Refused, or (trimmed off the ends, a CR made a newline in multiline text) no longer there.
        const kept = outcome(leaf.schema, value);
        expect({ value, kept: kept !== undefined && kept.includes(bad) }).toEqual({ value, kept: false });
      }
    }
    // In the middle of one-line text it is always refused.
    if (sample && !ok(leaf.schema, `${sample}\n${sample}`)) expect(ok(leaf.schema, `${sample.slice(0, 1)}${bad}${sample.slice(1)}`)).toBe(false);
  });
});

test('only the notice body, the alert note and case notes run over lines; one-line fields refuse newlines and tabs', () => {
  const multiline = LEAVES.filter((l) => {
    const sample = SAMPLES.find((s) => ok(l.schema, s));
    return sample && ok(l.schema, `${sample}\n${sample}\t${sample}`);
  }).map((l) => `${l.action} ${l.path}`);
  expect(multiline.sort()).toEqual(['alert.resolve note', 'case.report note', 'case.update note', 'notice.publish body']);
});

test('the refusal of free text says why (a custom issue parse() words in Chinese)', () => {
  const free = LEAVES.filter((l) => ok(l.schema, SAMPLES[0]));
  for (const l of free) {
    expect({ field: `${l.action} ${l.path}`, issue: issueOf(l.schema, `${SAMPLES[0]}\u202e`) }).toMatchObject({
      field: `${l.action} ${l.path}`,
      issue: { code: 'custom', params: { reason: 'control' } },
    });
  }
});

describe('through dispatch: INVALID_ARGUMENT naming the field, a Chinese message, nothing written', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());

  const COMPOUND = 'sz-s1-c01-x01';
  const NOTICE = { scopeOrgId: COMPOUND, title: '停水通知', body: '明日 9:00–12:00 停水', level: 'normal', audience: 'residents', requireAck: false };
  const EVENT = { id: 'evt-ctl-0001', at: 1, kind: 'courier', direction: 'in', verdict: 'deny', reason: 'COURIER' };
  const TABLE: Array<[string, string, (bad: string) => Record<string, unknown>, string]> = [
    ['demo-secretary', 'notice.publish', (b) => ({ ...NOTICE, title: `停水${b}通知` }), 'data.title'],
    ['demo-secretary', 'notice.publish', (b) => ({ ...NOTICE, body: `明日${b}停水` }), 'data.body'],
    ['demo-secretary', 'party.save', (b) => ({ orgId: COMPOUND, kind: 'branch', name: `临时${b}党支部` }), 'data.name'],
    ['demo-secretary', 'duty.savePost', (b) => ({ compoundId: COMPOUND, kind: 'publicity', name: `宣传${b}岗`, minHeads: 1, maxHeads: 2 }), 'data.name'],
    [
      'demo-secretary',
      'vehicle.register',
      (b) => ({ compoundId: COMPOUND, plate: `陕HA${b}8888`, ownerName: '张伟', ownerPhone: '13800000008' }),
      'data.plate',
    ],
    [
      'demo-secretary',
      'vehicle.register',
      (b) => ({ compoundId: COMPOUND, plate: '陕HA8888', ownerName: `张${b}伟`, ownerPhone: '13800000008' }),
      'data.ownerName',
    ],
    ['demo-secretary', 'gate.policy', (b) => ({ compoundId: COMPOUND, visitorsAllowed: true, reason: `解除${b}封控` }), 'data.reason'],
    ['demo-secretary', 'pass.review', (b) => ({ passId: 'abcdefghij', decision: 'reject', reason: `信息${b}不全` }), 'data.reason'],
    ['demo-secretary', 'pass.revoke', (b) => ({ passId: 'abcdefghij', reason: `已${b}搬离` }), 'data.reason'],
    ['demo-secretary', 'volunteer.approve', (b) => ({ compoundId: COMPOUND, openid: 'wx-someone', decision: 'reject', reason: `名额${b}已满` }), 'data.reason'],
    ['demo-secretary', 'alert.resolve', (b) => ({ alertId: 'gate.fever:x', note: `已${b}送医` }), 'data.note'],
    ['demo-resident-1', 'pass.apply', (b) => ({ relation: 'self', reason: `日常${b}出入` }), 'data.reason'],
    [
      'demo-volunteer-1',
      'gate.sync',
      (b) => ({ gateId: 'sz-s1-c01-x01-g1', sentAt: 1, events: [{ ...EVENT, person: { courierKind: 'delivery', company: `美${b}团` } }] }),
      'data.events.0.person.company',
    ],
    [
      'demo-volunteer-1',
      'gate.sync',
      (b) => ({ gateId: 'sz-s1-c01-x01-g1', sentAt: 1, events: [{ ...EVENT, person: { name: `王${b}二` } }] }),
      'data.events.0.person.name',
    ],
  ];

  test.each(TABLE.map(([who, action, request, field]) => [`${action} ${field}`, who, action, request, field] as const))(
    '%s',
    async (_name, who, action, request, field) => {
      // A carriage return in multiline text is a line break (stored as \n), not a control character.
      for (const [, bad] of BAD.filter(([, c]) => c !== '\r' || !['data.body', 'data.note'].includes(field))) {
        const r = await h.call(who, action as never, request(bad) as never);
        expect({ bad, r }).toMatchObject({
          bad,
          r: { ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(MESSAGE), details: { field } } },
        });
        expect(r.meter.writes).toBe(0);
      }
    },
  );

  test('a notice body keeps its lines (CRLF made LF) and tabs', async () => {
    const r = await h.call('demo-secretary', 'notice.publish', { ...NOTICE, body: '一、停水\r\n二、\t请储水' } as never);
    expect(r).toMatchObject({ ok: true });
    const id = (r as { data: { id: string } }).data.id;
    expect((await h.store.get('notices', id))?.body).toBe('一、停水\n二、\t请储水');
  });
});
