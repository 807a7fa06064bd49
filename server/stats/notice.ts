/**
 * The notice section: the last urgent notice that reached the whole node (published at it or
 * above it: marked in the counters' live documents by notice.publish), its read and ack rates at the node and per child, from the receipts' tallies
 * (server/notices/receipts.ts: per compound group, rolled up by the reads themselves) and the
 * audiences (counted per node on every change of grants: ./audience.ts).
 */
import type { StatChildRow, StatSection, StatTile } from '../../typings/stats';
import type { OrgDoc } from '../auth/nodes';
import { receiptsId } from '../notices/receipts';
import { eachPage } from '../store/pages';
import type { Store } from '../store/port';
import { AUDIENCE_METRIC } from './audience';
import type { Counters } from './figures';
import { LIVE, type UrgentMark } from './model';

const COMPOUND_DEPTH = 3;

interface Tally {
  audience: number;
  read: number;
  acked: number;
}

function tiles(n: UrgentMark, t: Tally): StatTile[] {
  const rate = (num: number): StatTile['rate'] => ({ num, den: t.audience });
  const out: StatTile[] = [
    { key: 'readRate', label: '阅读率', value: t.audience ? t.read / t.audience : 0, rate: rate(t.read) },
    { key: 'unread', label: '未读', value: Math.max(0, t.audience - t.read), unit: '人' },
  ];
  if (n.requireAck) out.splice(1, 0, { key: 'ackRate', label: '确认率', value: t.audience ? t.acked / t.audience : 0, rate: rate(t.acked) });
  return out;
}

/** Read and ack counts at the node and per child, from the receipt groups under it. */
async function tallies(store: Store, n: UrgentMark, node: OrgDoc) {
  const total = { read: 0, acked: 0 };
  const perChild = new Map<string, { read: number; acked: number }>();
  const addTo = (id: string, r = 0, a = 0) => {
    const t = perChild.get(id) ?? { read: 0, acked: 0 };
    perChild.set(id, { read: t.read + r, acked: t.acked + a });
  };
  const lineage = [...node.path, node._id];
  if (lineage.length > COMPOUND_DEPTH) {
    // A compound or a building: its compound's one receipts document.
    const doc = await store.get('noticeReads', receiptsId(n.id, lineage[COMPOUND_DEPTH]));
    if (doc && node.level === 'compound') {
      Object.assign(total, { read: doc.r, acked: doc.a });
      for (const [orgId, t] of Object.entries(doc.n)) addTo(orgId, t.r, t.a);
    } else if (doc) {
      const t = doc.n[node._id] ?? {};
      Object.assign(total, { read: t.r ?? 0, acked: t.a ?? 0 });
    }
    return { total, perChild };
  }
  const depth = node.path.length;
  await eachPage(store, 'noticeReads', { where: { noticeId: n.id, path: { $has: node._id } }, orderBy: [{ field: '_id' }], limit: 1000 }, (items) => {
    for (const d of items) {
      total.read += d.r;
      total.acked += d.a;
      const child = d.path[depth + 1];
      if (child) addTo(child, d.r, d.a);
    }
  });
  return { total, perChild };
}

export async function noticeSection(store: Store, node: OrgDoc, children: readonly OrgDoc[], counters: Counters): Promise<StatSection | undefined> {
  const last = counters.urgent;
  if (!last) return undefined;
  const audienceOf = (orgId: string) => counters.of(orgId, LIVE)?.[AUDIENCE_METRIC[last.audience]] ?? 0;
  const { total, perChild } = await tallies(store, last, node);
  const audience = audienceOf(node._id);
  const childAudiences = children.map((c) => audienceOf(c._id));
  const nodeTally = { audience, ...total };
  const nodeRate = audience ? total.read / audience : 0;
  const rows = children.map((c, i) => {
    const t = { audience: childAudiences[i], ...(perChild.get(c._id) ?? { read: 0, acked: 0 }) };
    return { c, t, rate: t.audience ? t.read / t.audience : 1 };
  });
  rows.sort((a, b) => a.rate - b.rate || b.t.audience - b.t.read - (a.t.audience - a.t.read));
  const childRows: StatChildRow[] = rows.map(({ c, t, rate }) => ({
    orgId: c._id,
    name: c.name,
    level: c.level,
    tiles: tiles(last, t),
    // Weak: reading behind the node as a whole.
    alarm: t.audience > 0 && rate < nodeRate,
  }));
  return {
    id: 'notice',
    title: '最近紧急通知',
    subtitle: last.title,
    tiles: tiles(last, nodeTally),
    children: childRows,
    trends: [],
    live: true,
    why: ['readRate', 'ackRate', 'unread'],
  };
}
