/**
 * An in-memory stand-in for the part of CloudBase's `Database` the CloudBase adapter uses, in
 * both SDK flavors, so the adapter (and cloud function bundles with a stubbed wx-server-sdk)
 * run in CI. It follows the SDKs' documented shapes and MongoDB's matching rules:
 *
 *                          wx (wx-server-sdk)                      node (@cloudbase/node-sdk)
 *   add                    add({ data }) → { _id } / { _ids }      add(data) → { id } / { ids }
 *   doc(id).get()          { data: doc }; missing id THROWS        { data: [doc] } / { data: [] }
 *     … in a transaction   same (throws when missing)              { data: doc | null }
 *   doc(id).update/set     ({ data }) → { stats: { updated } }     (data) → { updated }
 *   remove                 { stats: { removed } }                  { deleted }
 *   where().get()          { data: [...] }, default limit 100, at most 1000
 *   count()                { total }
 *   duplicate _id on add   Error, errCode -502001, "E11000 duplicate key…"   Error, code DATABASE_DUPLICATE_WRITE
 *
 * Transactions see their own writes, commit on success and drop everything on a throw; like
 * CloudBase they allow only doc(id) operations and add — no queries.
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { getPath, setPath, unsetPath } from '../../server/store/paths';

export type FakeFlavor = 'wx' | 'node';

export interface FakeCloudDatabaseOptions {
  flavor: FakeFlavor;
  /** The collections that exist; others fail as in CloudBase. Omitted: any name is created on use. */
  collections?: string[];
  /** node flavor only: return `{ code, message }` instead of throwing (node-sdk's compatibility mode). */
  returnErrors?: boolean;
}

type Doc = Record<string, unknown> & { _id: string };
type Dir = 'asc' | 'desc';

class QueryCommand {
  constructor(
    readonly op: 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte',
    readonly operand: unknown,
  ) {}
}
class LogicCommand {
  constructor(
    readonly op: 'and' | 'or',
    readonly operands: unknown[],
  ) {}
}
class UpdateCommand {
  constructor(
    readonly op: 'set' | 'inc' | 'remove',
    readonly operand?: unknown,
  ) {}
}

const list = (args: unknown[]) => (Array.isArray(args[0]) ? (args[0] as unknown[]) : args);

const command = {
  eq: (v: unknown) => new QueryCommand('eq', v),
  neq: (v: unknown) => new QueryCommand('neq', v),
  in: (v: unknown[]) => new QueryCommand('in', v),
  gt: (v: unknown) => new QueryCommand('gt', v),
  gte: (v: unknown) => new QueryCommand('gte', v),
  lt: (v: unknown) => new QueryCommand('lt', v),
  lte: (v: unknown) => new QueryCommand('lte', v),
  and: (...conds: unknown[]) => new LogicCommand('and', list(conds)),
  or: (...conds: unknown[]) => new LogicCommand('or', list(conds)),
  set: (v: unknown) => new UpdateCommand('set', v),
  inc: (n: number) => new UpdateCommand('inc', n),
  remove: () => new UpdateCommand('remove'),
};

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** CloudBase's serializers turn nested plain objects into dotted paths (queries and updates alike). */
function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(obj)) {
    if (isPlain(v) && Object.keys(v).length) flatten(v, `${prefix}${k}.`, out);
    else out[prefix + k] = v;
  }
  return out;
}

// ---- MongoDB matching and ordering ----

/** Equality as in MongoDB: null matches missing; an array matches when it or an element equals. */
function equals(value: unknown, x: unknown): boolean {
  if (x === null) return value === null || value === undefined || (Array.isArray(value) && value.includes(null));
  if (Array.isArray(value) && value.some((v) => isDeepStrictEqual(v, x))) return true;
  return isDeepStrictEqual(value, x);
}

/** MongoDB's cross-type order: null/missing < numbers < strings < objects < arrays < booleans. */
const typeRank = (v: unknown) =>
  v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : typeof v === 'boolean' ? 5 : Array.isArray(v) ? 4 : 3;

function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1 || ra === 2 || ra === 5) return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  return 0;
}

function matchOp(value: unknown, { op, operand }: QueryCommand): boolean {
  if (op === 'eq') return equals(value, operand);
  if (op === 'neq') return !equals(value, operand);
  if (op === 'in') return (operand as unknown[]).some((x) => equals(value, x));
  // Ranges compare only within one type (MongoDB's type bracketing), any element of an array.
  return (Array.isArray(value) ? value : [value]).some((v) => {
    if (v === undefined || typeRank(v) !== typeRank(operand)) return false;
    const c = compare(v, operand);
    return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
  });
}

function matchField(value: unknown, cond: unknown): boolean {
  if (cond instanceof LogicCommand) {
    return cond.op === 'and' ? cond.operands.every((c) => matchField(value, c)) : cond.operands.some((c) => matchField(value, c));
  }
  return cond instanceof QueryCommand ? matchOp(value, cond) : equals(value, cond);
}

function matches(doc: Doc, query: unknown): boolean {
  if (query instanceof LogicCommand) {
    return query.op === 'and' ? query.operands.every((q) => matches(doc, q)) : query.operands.some((q) => matches(doc, q));
  }
  return Object.entries(flatten(query as Record<string, unknown>)).every(([path, cond]) => matchField(getPath(doc, path), cond));
}

function applyUpdate(doc: Doc, data: Record<string, unknown>): void {
  for (const [path, v] of Object.entries(flatten(data))) {
    if (path === '_id') throw new Error('不能更新_id的值');
    if (!(v instanceof UpdateCommand)) setPath(doc, path, structuredClone(v));
    else if (v.op === 'set') setPath(doc, path, structuredClone(v.operand));
    else if (v.op === 'remove') unsetPath(doc, path);
    else {
      const cur = getPath(doc, path) ?? 0;
      if (typeof cur !== 'number') throw new Error(`Cannot apply $inc to a value of non-numeric type at ${path}`);
      setPath(doc, path, cur + (v.operand as number));
    }
  }
}

// ---- storage: the live collections, or a transaction's overlay on them ----

interface Space {
  read(coll: string, id: string): Doc | undefined;
  write(coll: string, id: string, doc: Doc | null): void;
}

class Fake {
  readonly data = new Map<string, Map<string, Doc>>();

  constructor(readonly opts: FakeCloudDatabaseOptions) {
    for (const name of opts.collections ?? []) this.data.set(name, new Map());
  }

  get wx() {
    return this.opts.flavor === 'wx';
  }

  table(name: string): Map<string, Doc> {
    let t = this.data.get(name);
    if (!t) {
      if (this.opts.collections) throw this.error('DATABASE_COLLECTION_NOT_EXIST', -502005, `collection ${name} not exists`);
      this.data.set(name, (t = new Map()));
    }
    return t;
  }

  readonly base: Space = {
    read: (coll, id) => this.table(coll).get(id),
    write: (coll, id, doc) => (doc ? this.table(coll).set(id, doc) : this.table(coll).delete(id)),
  };

  /** An error as each SDK surfaces it (wx-server-sdk loses the string code, keeping the message). */
  error(code: string, errCode: number, message: string, api = 'database'): Error {
    return this.wx
      ? Object.assign(new Error(`${api}:fail ${errCode} ${message}`), { errCode, errMsg: `${api}:fail ${errCode} ${message}` })
      : Object.assign(new Error(message), { code, requestId: 'fake' });
  }

  /** Throws, or in node-sdk's compatibility mode returns `{ code, message }`. */
  async call<R>(fn: () => R): Promise<R> {
    try {
      return fn();
    } catch (err) {
      if (!this.wx && this.opts.returnErrors && (err as { code?: string }).code) {
        return { code: (err as { code: string }).code, message: (err as Error).message } as R;
      }
      throw err;
    }
  }

  dataArg(arg: unknown): unknown {
    if (!this.wx) return arg;
    if (!arg || typeof arg !== 'object' || !('data' in arg)) throw new Error('options.data is required (wx-server-sdk takes { data })');
    return (arg as { data: unknown }).data;
  }

  insert(space: Space, coll: string, data: unknown): string {
    if (!isPlain(data)) throw this.error('INVALID_PARAM', -501007, 'data must be an object');
    const doc = structuredClone(data) as Doc;
    doc._id ??= randomBytes(16).toString('hex');
    if (space.read(coll, doc._id)) {
      throw this.error(
        'DATABASE_DUPLICATE_WRITE',
        -502001,
        `database request fail. E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${doc._id}" }`,
        'collection.add',
      );
    }
    space.write(coll, doc._id, doc);
    return doc._id;
  }

  updated(n: number) {
    return this.wx ? { stats: { updated: n }, errMsg: 'document.update:ok' } : { updated: n, requestId: 'fake' };
  }

  removed(n: number) {
    return this.wx ? { stats: { removed: n }, errMsg: 'document.remove:ok' } : { deleted: n, requestId: 'fake' };
  }

  docRef(space: Space, coll: string, id: string, inTx: boolean) {
    return {
      get: () =>
        this.call(() => {
          const doc = space.read(coll, id);
          if (this.wx) {
            if (!doc)
              throw Object.assign(new Error(`document.get:fail document with _id ${id} does not exist`), {
                errCode: -1,
                errMsg: `document.get:fail document with _id ${id} does not exist`,
              });
            return { data: structuredClone(doc), errMsg: 'document.get:ok' };
          }
          if (inTx) return { data: doc ? structuredClone(doc) : null, requestId: 'fake' };
          return { data: doc ? [structuredClone(doc)] : [], requestId: 'fake' };
        }),
      update: (arg: unknown) =>
        this.call(() => {
          const data = this.dataArg(arg) as Record<string, unknown>;
          const cur = space.read(coll, id);
          if (!cur) return this.updated(0);
          const next = structuredClone(cur);
          applyUpdate(next, data);
          space.write(coll, id, next);
          return this.updated(1);
        }),
      set: (arg: unknown) =>
        this.call(() => {
          const data = this.dataArg(arg) as Record<string, unknown>;
          if ('_id' in data) throw this.error('INVALID_PARAM', -501007, '不能更新_id的值');
          const existed = !!space.read(coll, id);
          space.write(coll, id, { ...(structuredClone(data) as Record<string, unknown>), _id: id });
          return this.wx
            ? { _id: id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 }, errMsg: 'document.set:ok' }
            : { updated: existed ? 1 : 0, upsertedId: existed ? undefined : id, requestId: 'fake' };
        }),
      remove: () => this.call(() => this.removed(space.read(coll, id) ? (space.write(coll, id, null), 1) : 0)),
    };
  }

  add(space: Space, coll: string, arg: unknown) {
    return this.call(() => {
      const data = this.dataArg(arg);
      if (Array.isArray(data)) {
        // Ordered insert, as MongoDB: the documents before a duplicate stay written.
        const ids = data.map((d) => this.insert(space, coll, d));
        return this.wx ? { _ids: ids, errMsg: 'collection.add:ok' } : { ids, requestId: 'fake' };
      }
      const id = this.insert(space, coll, data);
      return this.wx ? { _id: id, errMsg: 'collection.add:ok' } : { id, requestId: 'fake' };
    });
  }
}

interface QueryState {
  where?: unknown;
  order: Array<[string, Dir]>;
  skip: number;
  limit?: number;
  fields?: string[]; // field(): the paths each document returns (`_id` always)
}

/** A document cut down to `_id` and the projected paths present. */
function project<D extends Record<string, unknown>>(doc: D, fields: string[] | undefined): D {
  if (!fields) return doc;
  const out: Record<string, unknown> = { _id: doc._id };
  for (const f of fields) if (getPath(doc, f) !== undefined) setPath(out, f, getPath(doc, f));
  return out as D;
}

function query(fake: Fake, coll: string, state: QueryState) {
  const select = () => {
    let docs = [...fake.table(coll).values()].filter((d) => state.where === undefined || matches(d, state.where));
    if (state.order.length) {
      docs = docs.sort((a, b) => {
        for (const [field, dir] of state.order) {
          const c = compare(getPath(a, field), getPath(b, field));
          if (c) return dir === 'desc' ? -c : c;
        }
        return 0;
      });
    }
    return docs;
  };
  return {
    where: (cond: unknown) => {
      if (!cond || typeof cond !== 'object') throw new Error('query参数必须为对象');
      return query(fake, coll, { ...state, where: cond });
    },
    orderBy: (field: string, dir: Dir) => query(fake, coll, { ...state, order: [...state.order, [field, dir]] }),
    skip: (n: number) => query(fake, coll, { ...state, skip: n }),
    limit: (n: number) => query(fake, coll, { ...state, limit: n }),
    field: (projection: Record<string, boolean>) => query(fake, coll, { ...state, fields: Object.keys(projection).filter((k) => projection[k]) }),
    // The server SDK asks for 100 documents unless told otherwise, and never more than 1000.
    get: () =>
      fake.call(() => {
        const max = state.limit ? Math.min(state.limit, 1000) : 100;
        const data = select()
          .slice(state.skip, state.skip + max)
          .map((d) => structuredClone(project(d, state.fields)));
        return fake.wx ? { data, errMsg: 'collection.get:ok' } : { data, requestId: 'fake' };
      }),
    count: () => fake.call(() => ({ total: select().length, ...(fake.wx ? { errMsg: 'collection.count:ok' } : { requestId: 'fake' }) })),
    update: (arg: unknown) =>
      fake.call(() => {
        const data = fake.dataArg(arg) as Record<string, unknown>;
        const docs = select();
        for (const doc of docs) {
          const next = structuredClone(doc);
          applyUpdate(next, data);
          fake.table(coll).set(doc._id, next);
        }
        return fake.updated(docs.length);
      }),
    remove: () =>
      fake.call(() => {
        const docs = select();
        for (const doc of docs) fake.table(coll).delete(doc._id);
        return fake.removed(docs.length);
      }),
  };
}

function txCollection(fake: Fake, space: Space, coll: string) {
  const refuse = () => {
    throw new Error('transactions support only doc() operations and add');
  };
  return {
    doc: (id: string) => fake.docRef(space, coll, id, true),
    add: (arg: unknown) => fake.add(space, coll, arg),
    where: refuse,
    get: refuse,
    count: refuse,
  };
}

export function createFakeCloudDatabase(opts: FakeCloudDatabaseOptions) {
  const fake = new Fake(opts);
  return {
    command,
    collection: (name: string) => ({
      ...query(fake, name, { order: [], skip: 0 }),
      doc: (id: string) => fake.docRef(fake.base, name, id, false),
      add: (arg: unknown) => fake.add(fake.base, name, arg),
    }),
    async createCollection(name: string) {
      if (fake.data.has(name)) throw fake.error('DATABASE_COLLECTION_ALREADY_EXIST', -502001, `collection ${name} already exists`);
      fake.data.set(name, new Map());
      return fake.wx ? { errMsg: 'createCollection:ok' } : { requestId: 'fake' };
    },
    /** Runs `fn` against an overlay; commits it when `fn` resolves, drops it when it throws. */
    async runTransaction<R>(fn: (t: { collection(name: string): ReturnType<typeof txCollection> }) => Promise<R>): Promise<R> {
      const writes = new Map<string, Doc | null>();
      const key = (coll: string, id: string) => JSON.stringify([coll, id]);
      const overlay: Space = {
        read: (coll, id) => {
          const k = key(coll, id);
          return writes.has(k) ? (writes.get(k) ?? undefined) : fake.base.read(coll, id);
        },
        write: (coll, id, doc) => void writes.set(key(coll, id), doc),
      };
      const result = await fn({ collection: (name) => txCollection(fake, overlay, name) });
      for (const [k, doc] of writes) {
        const [coll, id] = JSON.parse(k) as [string, string];
        fake.base.write(coll, id, doc);
      }
      return result;
    },
    /** Test helper: a collection's documents as stored. */
    dump: (name: string): Doc[] => [...fake.table(name).values()].map((d) => structuredClone(d)),
  };
}

export type FakeCloudDatabase = ReturnType<typeof createFakeCloudDatabase>;
