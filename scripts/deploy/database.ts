/**
 * init-db: every declared collection (server/app.ts) made to exist in CloudBase with its indexes
 * and its security rule. Idempotent: it reads what exists first and changes only what differs, so
 * a second run changes nothing.
 */
import type { CollectionSpec } from '../../server/store/collections';
import { CLIENT_ACCESS, type ClientAccess } from '../../server/store/collections';
import { cloudIndexes, indexChanges, type CloudIndex, type ExistingIndex } from './indexes';
import type { CloudApi } from './sdk';

export interface DbChanges {
  created: string[];
  indexesCreated: string[];
  indexesDropped: string[];
  rulesSet: string[];
}

const PAGE = 100;

async function existingCollections(db: CloudApi['database']): Promise<Set<string>> {
  const names = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const res = await db.listCollections({ MgoLimit: PAGE, MgoOffset: offset });
    for (const c of res.Collections ?? []) names.add(c.CollectionName);
    if ((res.Collections ?? []).length < PAGE || offset + PAGE >= (res.Pager?.Total ?? 0)) return names;
  }
}

const keySchema = (ix: CloudIndex) => ({
  IndexName: ix.name,
  MgoKeySchema: { MgoIndexKeys: ix.fields.map((Name) => ({ Name, Direction: '1' })), MgoIsUnique: ix.unique },
});

/** The rule as CloudBase keeps it: a custom rule (AclTag CUSTOM) whose JSON equals ours. */
function sameRule(current: { AclTag?: string; Rule?: string } | undefined, rule: ClientAccess): boolean {
  if (current?.AclTag !== 'CUSTOM' || !current.Rule) return false;
  try {
    const parsed = JSON.parse(current.Rule) as Record<string, unknown>;
    return Object.keys(parsed).length === Object.keys(rule).length && Object.entries(rule).every(([k, v]) => parsed[k] === v);
  } catch {
    return false;
  }
}

export async function initDb(
  cloud: CloudApi,
  collections: Readonly<Record<string, CollectionSpec>>,
  log: (line: string) => void = () => {},
): Promise<DbChanges> {
  const changes: DbChanges = { created: [], indexesCreated: [], indexesDropped: [], rulesSet: [] };
  const present = await existingCollections(cloud.database);
  for (const [name, spec] of Object.entries(collections)) {
    let existing: ExistingIndex[] = [];
    if (present.has(name)) {
      existing = (await cloud.database.describeCollection(name)).Indexes ?? [];
    } else {
      await cloud.database.createCollection(name);
      changes.created.push(name);
      log(`集合 ${name}：已创建`);
    }

    const { create, drop } = indexChanges(existing, cloudIndexes(spec));
    // Drops first: a changed index keeps its name.
    if (drop.length) {
      await cloud.database.updateCollection(name, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
      changes.indexesDropped.push(...drop.map((ix) => `${name}.${ix}`));
      log(`集合 ${name}：删除不再声明的索引 ${drop.join(', ')}`);
    }
    if (create.length) {
      await cloud.database.updateCollection(name, { CreateIndexes: create.map(keySchema) });
      changes.indexesCreated.push(...create.map((ix) => `${name}.${ix.name}`));
      log(`集合 ${name}：创建索引 ${create.map((ix) => `${ix.name}${ix.unique ? '（唯一）' : ''}`).join(', ')}`);
    }

    const current = (await cloud.common.call({ Action: 'DescribeSafeRule', Param: { EnvId: cloud.envId, CollectionName: name } })) as
      { AclTag?: string; Rule?: string } | undefined;
    if (!sameRule(current, CLIENT_ACCESS)) {
      await cloud.common.call({
        Action: 'ModifySafeRule',
        Param: { EnvId: cloud.envId, CollectionName: name, AclTag: 'CUSTOM', Rule: JSON.stringify(CLIENT_ACCESS) },
      });
      changes.rulesSet.push(name);
      log(`集合 ${name}：安全规则设为 ${JSON.stringify(CLIENT_ACCESS)}`);
    }
  }
  return changes;
}
