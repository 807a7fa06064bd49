/**
 * Importing a district's tree into a store (`npm run org-import`): new nodes and gates are added,
 * nodes already there are kept. A file that disagrees with what is stored (another name or parent
 * at an id, i.e. siblings reordered or renamed) is refused whole, so positional ids never shift.
 */
import type { Store } from '../store/port';
import { buildTree, checkTree, type DistrictSpec } from './tree';

export interface ImportResult {
  orgs: number;
  gates: number;
  /** Existing parents whose child count grew. */
  updated: number;
}

/** Refused: every problem found, in Chinese, each naming where. */
export class TreeImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`未导入：\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

const CHUNK = 500;

async function existing<T extends { _id: string }>(read: (ids: string[]) => Promise<T[]>, ids: string[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (let i = 0; i < ids.length; i += CHUNK) for (const d of await read(ids.slice(i, i + CHUNK))) found.set(d._id, d);
  return found;
}

export async function importTree(store: Store, input: unknown): Promise<ImportResult> {
  const problems = checkTree(input);
  if (problems.length) throw new TreeImportError(problems);
  const { orgs, gates } = buildTree(input as DistrictSpec);

  const stored = await existing(
    (ids) => store.getMany('orgs', ids),
    orgs.map((o) => o._id),
  );
  const storedGates = await existing(
    (ids) => store.getMany('gates', ids),
    gates.map((g) => g._id),
  );
  for (const o of orgs) {
    const s = stored.get(o._id);
    if (s && (s.name !== o.name || s.parentId !== o.parentId))
      problems.push(`${o._id}：已导入的是「${s.name}」，文件里是「${o.name}」——已有的节点不能改名或调换顺序，新节点只能加在末尾`);
  }
  for (const g of gates) {
    const s = storedGates.get(g._id);
    if (s && s.name !== g.name) problems.push(`${g._id}：已导入的门岗是「${s.name}」，文件里是「${g.name}」`);
  }
  if (problems.length) throw new TreeImportError(problems);

  let updated = 0;
  for (const o of orgs) {
    const s = stored.get(o._id);
    if (!s || s.childCount >= o.childCount) continue;
    await store.update('orgs', o._id, { childCount: o.childCount });
    updated++;
  }
  const fresh = orgs.filter((o) => !stored.has(o._id));
  return {
    orgs: await store.insertMany('orgs', fresh, { skipExisting: true }),
    gates: await store.insertMany('gates', gates, { skipExisting: true }),
    updated,
  };
}
