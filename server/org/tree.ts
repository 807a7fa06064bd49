/**
 * A district's tree as people write it down — names nested 区 → 街道 → 社区 → 小区 → 楼栋, gates
 * named on compounds — and the org and gate documents it makes. The demo seed and
 * `npm run org-import` both build through here, so ids follow one scheme everywhere:
 * `sz`, `sz-s1`, `sz-s1-c01`, `sz-s1-c01-x01`, `sz-s1-c01-x01-b01`, gates `<compound>-g1`.
 * Ids are positions among siblings: a later import may append children, never reorder them.
 */
import type { OrgLevel } from '../../typings/domain';
import type { OrgDoc } from '../auth/nodes';
import type { GateDoc } from '../gate/model';

export interface TreeNodeSpec {
  name: string;
  children?: TreeNodeSpec[];
  /** Compounds only: the gates' names, in order. */
  gates?: string[];
}

export interface DistrictSpec extends TreeNodeSpec {
  /** The district's id: short lower-case letters and digits (e.g. `sz`); every other id derives from it. */
  id: string;
}

export const TREE_LEVELS: readonly OrgLevel[] = ['district', 'street', 'community', 'compound', 'building'];

/** What each level's id adds to its parent's, and how wide the number is. */
const ID_STEP: Record<Exclude<OrgLevel, 'district'>, { letter: string; width: number }> = {
  street: { letter: 's', width: 1 },
  community: { letter: 'c', width: 2 },
  compound: { letter: 'x', width: 2 },
  building: { letter: 'b', width: 2 },
};

export const childId = (parentId: string, level: Exclude<OrgLevel, 'district'>, index: number) =>
  `${parentId}-${ID_STEP[level].letter}${String(index + 1).padStart(ID_STEP[level].width, '0')}`;

export function orgNode(id: string, name: string, level: OrgLevel, parent: OrgDoc | null, order: number): OrgDoc {
  return {
    _id: id,
    name,
    level,
    depth: parent ? parent.depth + 1 : 0,
    parentId: parent?._id ?? null,
    path: parent ? [...parent.path, parent._id] : [],
    childCount: 0,
    order,
  };
}

export const gateDoc = (compound: OrgDoc, name: string, k: number): GateDoc => ({
  _id: `${compound._id}-g${k + 1}`,
  compoundId: compound._id,
  compoundPath: compound.path,
  name,
  order: k,
});

/** Every node (parents before children) and every gate of the tree. Expects a checked spec (checkTree). */
export function buildTree(spec: DistrictSpec): { orgs: OrgDoc[]; gates: GateDoc[] } {
  const orgs: OrgDoc[] = [];
  const gates: GateDoc[] = [];
  const walk = (s: TreeNodeSpec, doc: OrgDoc) => {
    orgs.push(doc);
    if (doc.level === 'compound') (s.gates ?? []).forEach((name, k) => gates.push(gateDoc(doc, name, k)));
    const level = TREE_LEVELS[doc.depth + 1] as Exclude<OrgLevel, 'district'> | undefined;
    if (!level) return;
    (s.children ?? []).forEach((c, i) => {
      doc.childCount++;
      walk(c, orgNode(childId(doc._id, level, i), c.name.trim(), level, doc, i));
    });
  };
  walk(spec, orgNode(spec.id, spec.name.trim(), 'district', null, 0));
  return { orgs, gates };
}

const LEVEL_NAMES: Record<OrgLevel, string> = { district: '区', street: '街道', community: '社区', compound: '小区', building: '楼栋' };
const NAME_MAX = 30;
const CHILDREN_MAX = 999;
const GATES_MAX = 8;
/** Control characters and text-direction overrides: never in a name others see. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const DISTRICT_ID = /^[a-z][a-z0-9]{1,11}$/;

/** Every problem with a tree as read from a file, each naming where (e.g. 「城关街道 › 东店社区」第 3 个小区). Empty when it can be imported. */
export function checkTree(input: unknown): string[] {
  const problems: string[] = [];
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(input)) return ['文件内容应是一个 JSON 对象：{ "id": "…", "name": "…区", "children": [ … ] }'];
  if (typeof input.id !== 'string' || !DISTRICT_ID.test(input.id)) problems.push('id：区的编号应为 2–12 位小写字母和数字，以字母开头（如 sz）');

  /** `trail`: the ancestors' names; `slot`: how to name this node while its own name is missing. */
  const check = (node: unknown, depth: number, trail: string[], slot: string) => {
    const level = TREE_LEVELS[depth];
    const join = (names: string[]) => names.join(' › ');
    if (!isRecord(node)) return void problems.push(`${slot}：应是一个对象 { "name": … }`);
    const name = typeof node.name === 'string' ? node.name.trim() : '';
    const control = CONTROL.test(name);
    const where = name && !control ? join([...trail, name]) : slot;
    const allowed = new Set(['name', 'children', ...(depth === 0 ? ['id'] : []), ...(level === 'compound' ? ['gates'] : [])]);
    for (const key of Object.keys(node)) if (!allowed.has(key)) problems.push(`${where}：${LEVEL_NAMES[level]}不能有「${key}」`);
    if (!name || name.length > NAME_MAX) problems.push(`${where}：名称应为 1–${NAME_MAX} 个字`);
    if (control) problems.push(`${where}：名称含有控制字符`);
    if (node.gates !== undefined) {
      const gates = node.gates;
      if (
        !Array.isArray(gates) ||
        !gates.length ||
        gates.length > GATES_MAX ||
        gates.some((g) => typeof g !== 'string' || !g.trim() || g.trim().length > NAME_MAX)
      ) {
        problems.push(`${where}：gates 应为 1–${GATES_MAX} 个门岗名称（如 ["东门", "南门"]）`);
      }
    }
    if (node.children === undefined) return;
    const child = TREE_LEVELS[depth + 1];
    if (!child) return void problems.push(`${where}：楼栋下不能再有下级`);
    if (!Array.isArray(node.children) || node.children.length > CHILDREN_MAX)
      return void problems.push(`${where}：children 应为最多 ${CHILDREN_MAX} 个${LEVEL_NAMES[child]}的列表`);
    const seen = new Set<string>();
    node.children.forEach((c: unknown, i: number) => {
      check(c, depth + 1, [...trail, name || slot], `${where} 第 ${i + 1} 个${LEVEL_NAMES[child]}`);
      const n = isRecord(c) && typeof c.name === 'string' ? c.name.trim() : '';
      if (n && seen.has(n)) problems.push(`${where}：${LEVEL_NAMES[child]}「${n}」重名`);
      seen.add(n);
    });
  };
  check(input, 0, [], '区');
  return problems;
}
