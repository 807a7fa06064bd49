/**
 * Writing one ledger: the kind's documents of a node over a range, read a page (1,000) at a time
 * in the kind's order and appended to the sheet as they come, so neither the documents nor the
 * sheet are ever held whole. Ids the cells name (gates, nodes, volunteers) are read once per page
 * for those not seen yet.
 */
import { statSync } from 'node:fs';
import type { OrgDoc } from '../auth/nodes';
import { maskName } from '../core/mask';
import type { Collections, Name, Store } from '../store/port';
import type { KindDef, Lookup, Range, Refs } from './kinds';
import { XlsxWriter, type Cell } from './xlsx';

const PAGE = 1000;

/** Names by id for the cells, filled a page at a time. */
class Names implements Lookup {
  private readonly orgs = new Map<string, string>();
  private readonly gates = new Map<string, string>();
  private readonly users = new Map<string, string>();
  /** Households asked for, and their members' names by `${householdId}:${memberId}`. */
  private readonly households = new Set<string>();
  private readonly members = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly fullNames: boolean,
  ) {}

  async load(refs: Refs[]): Promise<void> {
    const unseen = (known: Map<string, string>, ids: Array<string | undefined>) => [...new Set(ids.filter((id): id is string => !!id && !known.has(id)))];
    const orgs = unseen(
      this.orgs,
      refs.flatMap((r) => r.orgs ?? []),
    );
    const gates = unseen(
      this.gates,
      refs.flatMap((r) => r.gates ?? []),
    );
    const users = unseen(
      this.users,
      refs.flatMap((r) => r.users ?? []),
    );
    const households = [...new Set(refs.flatMap((r) => r.households ?? []))].filter((id): id is string => !!id && !this.households.has(id));
    const [o, g, u, h] = await Promise.all([
      orgs.length ? this.store.getMany('orgs', orgs) : [],
      gates.length ? this.store.getMany('gates', gates) : [],
      users.length ? this.store.getMany('users', users) : [],
      households.length ? this.store.getMany('households', households) : [],
    ]);
    for (const id of households) this.households.add(id);
    for (const hh of h) for (const m of hh.members) this.members.set(`${hh._id}:${m.id}`, m.name);
    // Ids not found are remembered as blank, so they are not asked for again.
    for (const id of orgs) this.orgs.set(id, o.find((d) => d._id === id)?.name ?? '');
    for (const id of gates) this.gates.set(id, g.find((d) => d._id === id)?.name ?? '');
    for (const id of users) this.users.set(id, u.find((d) => d._id === id)?.name ?? '');
  }

  org = (id: string | undefined) => (id ? (this.orgs.get(id) ?? '') : '');
  gate = (id: string | undefined) => (id ? (this.gates.get(id) ?? '') : '');
  user = (id: string | undefined) => (id ? (this.users.get(id) ?? '') : '');
  member = (householdId: string, memberId: number) => this.members.get(`${householdId}:${memberId}`) ?? '';
  name = (v: string | undefined) => (!v ? '' : this.fullNames ? v : maskName(v));
}

/** The node's buildings (ledgers kept per building). */
async function buildingsOf(store: Store, node: OrgDoc): Promise<string[]> {
  const page = await store.query('orgs', { where: { parentId: node._id, level: 'building' }, limit: 1000 });
  return page.items.map((b) => b._id);
}

export async function ledgerFilter(store: Store, kind: KindDef<Name<Collections>>, node: OrgDoc, range: Range) {
  return kind.where(node, range, () => buildingsOf(store, node));
}

/** Writes the ledger to `path`: how many rows and bytes it holds. */
export async function writeLedger(
  store: Store,
  kind: KindDef<Name<Collections>>,
  where: Awaited<ReturnType<typeof ledgerFilter>>,
  fullNames: boolean,
  path: string,
): Promise<{ rows: number; bytes: number }> {
  const names = new Names(store, fullNames);
  const writer = XlsxWriter.open(path, kind.title, kind.columns);
  try {
    let cursor: string | undefined;
    do {
      const page = await store.query(kind.collection, { where, orderBy: kind.orderBy, limit: PAGE, cursor });
      if (kind.refs) await names.load(page.items.map((d) => kind.refs!(d)));
      const rows = page.items.map((d) =>
        kind.columns.map((c): Cell => {
          const v = c.cell(d, names);
          return c.name && typeof v === 'string' ? names.name(v) : v;
        }),
      );
      await writer.append(rows);
      cursor = page.next;
    } while (cursor);
    const { rows } = await writer.close();
    return { rows, bytes: statSync(path).size };
  } catch (err) {
    writer.abort();
    throw err;
  }
}
