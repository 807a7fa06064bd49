/** Exported files for tests (the local runtime's adapter over a fresh temporary directory) and the matrix's export rows. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../server/core/clock';
import { DiskExports } from '../../local/exports';

export const EXPORT_BASE_URL = 'http://127.0.0.1:3999';

export const tempExportFiles = (clock: Clock = systemClock) => new DiskExports(mkdtempSync(join(tmpdir(), 'lf-exports-')), clock, EXPORT_BASE_URL);

/** export.create and export.list as each caller would call them, at their own node or in the other district. */
export function exportCases<W extends string>(own: Record<W, string>, outside: string) {
  return {
    'export.create': {
      data: (w: W, inScope: boolean) => ({
        requestId: 'matrix-export-1',
        // A building's leader keeps their building's health reports; the others a node's cases.
        kind: w === 'leader' ? 'health' : 'cases',
        orgId: inScope ? own[w] : outside,
        from: '2026-11-01',
        to: '2026-11-28',
      }),
    },
    'export.list': { data: (w: W, inScope: boolean) => ({ orgId: inScope ? own[w] : outside }) },
  };
}
