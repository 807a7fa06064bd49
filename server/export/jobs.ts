/**
 * Timer work for exports: an export past its `expiresAt` has its file deleted from storage, then
 * its record (in that order, so a crash between leaves a record the next tick deletes again,
 * never a file nobody knows of). Idempotent: a file already gone is not an error.
 */
import type { ExportFiles } from '../media/exports';
import type { TickJob } from '../messaging/jobs';
import type { Store } from '../store/port';

const PAGE = 100;

export async function purgeExports(store: Store, now: number, _config?: unknown, files?: ExportFiles): Promise<{ purged: number }> {
  // Without storage (a host that keeps no files) there is nothing this job could delete.
  if (!files) return { purged: 0 };
  let purged = 0;
  for (let round = 0; round < 10; round++) {
    const due = await store.query('exports', { where: { expiresAt: { $lte: now } }, orderBy: [{ field: 'expiresAt' }], limit: PAGE });
    for (const d of due.items) {
      await files.remove(d.fileId);
      if (await store.remove('exports', d._id)) purged++;
    }
    if (!due.next) break;
  }
  return { purged };
}

export const EXPORT_JOBS: readonly TickJob[] = [purgeExports];
