/**
 * Read and ack receipts: one write each, the tallies rolled up in that same write.
 * Receipts of readers homed at or below a compound live in that compound's document;
 * readers homed above compounds (staff) in their node's own document.
 */
import { createHash } from 'node:crypto';
import type { Grant } from '../auth/caller';
import type { Store } from '../store/port';
import { StoreConflictError } from '../store/port';
import type { NoticeReadsDoc } from './model';

const COMPOUND_DEPTH = 3;

/** A reader's key inside a receipts document (openids may hold characters a field path cannot). */
export const readerKey = (openid: string) => `u${createHash('sha256').update(openid).digest('hex').slice(0, 20)}`;

/** The receipts document a reader homed at `home` writes to. */
export function groupOf(home: Pick<Grant, 'orgId' | 'path'>): { groupId: string; groupPath: string[] } {
  const chain = [...home.path, home.orgId];
  const groupPath = chain.slice(0, Math.min(chain.length, COMPOUND_DEPTH + 1));
  return { groupId: groupPath[groupPath.length - 1], groupPath };
}

export const receiptsId = (noticeId: string, groupId: string) => `${noticeId}:${groupId}`;

export type ReceiptKind = 'read' | 'ack';

/**
 * Records a read or an ack (an ack implies a read). Returns the reader's receipt after the
 * write; a repeat writes nothing.
 */
export async function recordReceipt(
  store: Store,
  noticeId: string,
  openid: string,
  home: Pick<Grant, 'orgId' | 'path'>,
  kind: ReceiptKind,
  now: number,
): Promise<{ r: number; a?: number }> {
  const { groupId, groupPath } = groupOf(home);
  const id = receiptsId(noticeId, groupId);
  const key = readerKey(openid);
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await store.get('noticeReads', id);
    const mine = doc?.readers[key];
    if (mine && (kind === 'read' || mine.a !== undefined)) return mine;
    const receipt = { r: mine?.r ?? now, n: home.orgId, ...(kind === 'ack' ? { a: now } : {}) };
    const newRead = mine ? 0 : 1;
    const newAck = kind === 'ack' ? 1 : 0;
    if (!doc) {
      const fresh: NoticeReadsDoc = {
        _id: id,
        noticeId,
        groupId,
        path: groupPath,
        r: newRead,
        a: newAck,
        n: { [home.orgId]: { r: newRead, a: newAck } },
        readers: { [key]: receipt },
      };
      try {
        await store.insert('noticeReads', fresh);
        return receipt;
      } catch (err) {
        if (err instanceof StoreConflictError) continue; // another reader created it first
        throw err;
      }
    }
    const ok = await store.update(
      'noticeReads',
      id,
      { [`readers.${key}`]: receipt },
      { fields: { [`readers.${key}.${kind === 'read' ? 'r' : 'a'}`]: null } },
      { r: newRead, a: newAck, [`n.${home.orgId}.r`]: newRead, [`n.${home.orgId}.a`]: newAck },
    );
    if (ok) return receipt;
  }
  throw new Error(`receipt for ${noticeId} kept conflicting`);
}
