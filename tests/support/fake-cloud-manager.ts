/**
 * A recording stand-in for the part of @cloudbase/manager-node the deploy uses (scripts/deploy/sdk.ts),
 * holding an environment in memory so a second run sees what the first made. Answers take the
 * shapes of the manager's declarations:
 *
 *   functions.getFunctionDetail  IFunctionInfo (types/function/types.d.ts): Runtime, Timeout,
 *                                MemorySize, Description, Triggers[{ TriggerName, Type, TriggerDesc }]
 *                                — SCF lists a timer's TriggerDesc as {"cron": …}; a missing
 *                                function throws with code ResourceNotFound.Function
 *   database.listCollections     ICollectionInfo: { Collections: [{ CollectionName, … }], Pager }
 *   database.describeCollection  ITableInfo: { Indexes: IndexInfo[{ Name, Keys[{ Name, Direction }], Unique }] }
 *   common.call DescribeSafeRule { AclTag, Rule? } (a new collection: PRIVATE, no rule)
 *
 * Like the cloud it refuses what cannot be done: creating what exists, dropping or updating what
 * does not, an index name taken twice, a trigger that is not a timer. A function's package is
 * what the packer would zip: its folder less the `ignore` globs (top-level `dir` and `dir/**`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexInfo, TableInfo } from '@cloudbase/manager-node/types/interfaces';
import type { IFunctionInfo } from '@cloudbase/manager-node/types/function/types';
import type { CloudApi } from '../../scripts/deploy/sdk';

export interface FakeFunction {
  runtime: string;
  timeout: number;
  memorySize: number;
  description: string;
  installDependency: boolean;
  triggers: Array<{ name: string; cron: string }>;
  /** File name → content, as uploaded. */
  files: Record<string, string>;
  /** Environment variables (set in the console; deploy sends none). */
  env: Record<string, string>;
}

export interface Call {
  method: string;
  args: unknown[];
}

const READS = new Set(['functions.getFunctionDetail', 'database.listCollections', 'database.describeCollection', 'common.call:DescribeSafeRule']);

const fail = (message: string, code: string) => Object.assign(new Error(message), { code });

function pack(dir: string, ignore: readonly string[] = []): Record<string, string> {
  if (!existsSync(dir)) throw fail(`no folder ${dir}`, 'InvalidParameter');
  const skipped = new Set(ignore.map((g) => g.replace(/\/\*\*$/, '')));
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    if (entry.isFile()) files[entry.name] = readFileSync(join(dir, entry.name), 'utf8');
    else files[`${entry.name}/`] = '';
  }
  return files;
}

export class FakeCloudManager {
  readonly calls: Call[] = [];
  readonly functions = new Map<string, FakeFunction>();
  readonly collections = new Map<string, IndexInfo[]>();
  readonly rules = new Map<string, { AclTag: string; Rule?: string }>();

  constructor(readonly envId = 'env-test') {}

  /** The calls that change something (everything but the reads). */
  writes(): Call[] {
    return this.calls.filter((c) => !READS.has(c.method === 'common.call' ? `common.call:${(c.args[0] as { Action: string }).Action}` : c.method));
  }

  /** A collection with an index made by hand in the console (or left by an older declaration). */
  addCollection(name: string, indexes: Array<{ name: string; fields: string[]; unique?: boolean }> = []): void {
    this.collections.set(name, [idIndex(), ...indexes.map((ix) => indexInfo(ix.name, ix.fields, !!ix.unique))]);
    this.rules.set(name, { AclTag: 'PRIVATE' });
  }

  api(): CloudApi {
    const record = (method: string, args: unknown[]) => this.calls.push({ method, args: structuredClone(args) });
    const fn = (name: string) => {
      const f = this.functions.get(name);
      if (!f) throw fail(`function ${name} not found`, 'ResourceNotFound.Function');
      return f;
    };
    const coll = (name: string) => {
      const c = this.collections.get(name);
      if (!c) throw fail(`collection ${name} does not exist`, 'ResourceNotFound');
      return c;
    };
    const ok = { RequestId: 'fake' };
    return {
      envId: this.envId,
      functions: {
        getFunctionDetail: async (name) => {
          record('functions.getFunctionDetail', [name]);
          const f = fn(name);
          const Triggers = f.triggers.map((t) => ({
            Name: t.name,
            TriggerName: t.name,
            Type: 'timer',
            Config: '',
            TriggerDesc: JSON.stringify({ cron: t.cron }),
          }));
          // The fields the deploy reads, as IFunctionInfo names them.
          const info: Partial<IFunctionInfo> = {
            FunctionName: name,
            Runtime: f.runtime,
            Timeout: f.timeout,
            MemorySize: f.memorySize,
            Description: f.description,
            Triggers,
            Environment: { Variables: Object.entries(f.env).map(([Key, Value]) => ({ Key, Value })) },
            Status: 'Active',
          };
          return info as IFunctionInfo;
        },
        createFunction: async (param) => {
          record('functions.createFunction', [param]);
          const { func, functionRootPath = '' } = param;
          if (this.functions.has(func.name)) throw fail(`function ${func.name} exists`, 'ResourceInUse.FunctionName');
          for (const t of func.triggers ?? []) if (t.type !== 'timer') throw fail(`trigger type ${t.type}`, 'InvalidParameter');
          this.functions.set(func.name, {
            runtime: func.runtime ?? 'Nodejs18.15',
            timeout: func.timeout ?? 5,
            memorySize: func.memorySize ?? 256,
            description: func.description ?? '',
            installDependency: func.installDependency === true || func.installDependency === 'TRUE',
            triggers: (func.triggers ?? []).map((t) => ({ name: t.name, cron: t.config })),
            files: pack(join(functionRootPath, func.name), typeof func.ignore === 'string' ? [func.ignore] : func.ignore),
            env: Object.fromEntries(Object.entries(func.envVariables ?? {}).map(([k, v]) => [k, String(v)])),
          });
          return ok;
        },
        updateFunctionCode: async (param) => {
          record('functions.updateFunctionCode', [param]);
          const f = fn(param.func.name);
          f.files = pack(join(param.functionRootPath ?? '', param.func.name), typeof param.func.ignore === 'string' ? [param.func.ignore] : param.func.ignore);
          return ok;
        },
        updateFunctionConfig: async (func) => {
          record('functions.updateFunctionConfig', [func]);
          const f = fn(func.name);
          if (func.triggers?.length) throw new Error('the deploy sets triggers through createFunctionTriggers, never here');
          Object.assign(f, { timeout: func.timeout ?? f.timeout, memorySize: func.memorySize ?? f.memorySize, description: func.description ?? f.description });
          return ok;
        },
        createFunctionTriggers: async (name, triggers = []) => {
          record('functions.createFunctionTriggers', [name, triggers]);
          const f = fn(name);
          for (const t of triggers) {
            if (t.type !== 'timer') throw fail(`trigger type ${t.type}`, 'InvalidParameter');
            if (f.triggers.some((e) => e.name === t.name)) throw fail(`trigger ${t.name} exists`, 'ResourceInUse.Trigger');
            f.triggers.push({ name: t.name, cron: t.config });
          }
          return ok;
        },
        deleteFunctionTrigger: async (name, triggerName) => {
          record('functions.deleteFunctionTrigger', [name, triggerName]);
          const f = fn(name);
          if (!f.triggers.some((t) => t.name === triggerName)) throw fail(`no trigger ${triggerName}`, 'ResourceNotFound.Trigger');
          f.triggers = f.triggers.filter((t) => t.name !== triggerName);
          return ok;
        },
      },
      database: {
        listCollections: async (options = {}) => {
          record('database.listCollections', [options]);
          const { MgoOffset = 0, MgoLimit = 100 } = options;
          const all = [...this.collections.keys()].sort();
          const Collections = all
            .slice(MgoOffset, MgoOffset + MgoLimit)
            .map((name) => ({ CollectionName: name, Count: 0, Size: 0, IndexCount: this.collections.get(name)!.length, IndexSize: 0 }) as TableInfo);
          return { ...ok, Collections, Pager: { Offset: MgoOffset, Limit: MgoLimit, Total: all.length } };
        },
        createCollection: async (name) => {
          record('database.createCollection', [name]);
          if (this.collections.has(name)) throw fail(`collection ${name} exists`, 'ResourceInUse');
          this.addCollection(name);
          return ok;
        },
        describeCollection: async (name) => {
          record('database.describeCollection', [name]);
          const Indexes = structuredClone(coll(name));
          return { ...ok, Indexes, IndexNum: Indexes.length };
        },
        updateCollection: async (name, info) => {
          record('database.updateCollection', [name, info]);
          const indexes = coll(name);
          for (const { IndexName } of info.DropIndexes ?? []) {
            const i = indexes.findIndex((ix) => ix.Name === IndexName);
            if (i < 0 || IndexName === '_id_') throw fail(`cannot drop index ${IndexName}`, 'InvalidParameter');
            indexes.splice(i, 1);
          }
          for (const { IndexName, MgoKeySchema } of info.CreateIndexes ?? []) {
            if (indexes.some((ix) => ix.Name === IndexName)) throw fail(`index ${IndexName} exists`, 'InvalidParameter');
            indexes.push({
              ...indexInfo(IndexName, [], MgoKeySchema.MgoIsUnique),
              Keys: MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })),
            });
          }
          return ok;
        },
      },
      common: {
        call: async (options) => {
          record('common.call', [options]);
          const { Action, Param } = options;
          if (Param.EnvId !== this.envId) throw fail(`env ${Param.EnvId}`, 'ResourceNotFound.Env');
          coll(Param.CollectionName);
          if (Action === 'DescribeSafeRule') return { ...ok, ...this.rules.get(Param.CollectionName) };
          if (Action === 'ModifySafeRule') {
            if (Param.AclTag === 'CUSTOM') JSON.parse(Param.Rule);
            this.rules.set(Param.CollectionName, { AclTag: Param.AclTag, ...(Param.Rule ? { Rule: Param.Rule } : {}) });
            return ok;
          }
          throw fail(`unknown action ${Action}`, 'InvalidAction');
        },
      },
    };
  }
}

function indexInfo(Name: string, fields: string[], Unique: boolean): IndexInfo {
  return { Name, Size: 0, Keys: fields.map((f) => ({ Name: f, Direction: '1' })), Accesses: { Ops: 0, Since: '' }, Unique };
}

const idIndex = () => indexInfo('_id_', ['_id'], true);
