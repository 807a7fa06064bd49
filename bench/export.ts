/**
 * Export figures: export.create of a compound's 100,000 gate events (the most one export may
 * hold) through the app — wall time against 30 s and the peak RSS of the process doing it against
 * 300 MB — and the size of the file. The events are seeded into an embedded store on disk by one
 * child process; a second child, which only opens that store and exports, reports its time and
 * its peak RSS (process.resourceUsage().maxRSS), so neither the seeding nor this process's own
 * memory is counted.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTIONS, FUNCTIONS } from '../server/app';
import { ManualClock } from '../server/core/clock';
import { DAY } from '../server/core/time';
import type { GateEventDoc } from '../server/gate/model';
import type { ExportFiles } from '../server/media/exports';
import { createApp } from '../server/runtime/dispatch';
import { localServices } from '../server/runtime/services';
import { DEMO } from '../server/seed/district';
import { seedDistrict } from '../server/seed/seed';
import type { Meter } from '../server/store/metered';
import { openSqliteStore } from '../server/store/sqlite';
import type { Figure } from './figures';

const EVENTS = 100_000;
const BATCH = 1000;
const T0 = Date.UTC(2026, 10, 28, 0, 0, 0); // 2026-11-28 08:00 Asia/Shanghai
const MAX_SECONDS = 30;
const MAX_RSS_MB = 300;

async function seed(dir: string) {
  const store = openSqliteStore({ file: join(dir, 'bench.db'), collections: COLLECTIONS });
  await seedDistrict(store);
  const gate = (await store.query('gates', { where: { compoundId: DEMO.compound }, limit: 1 })).items[0];
  const start = T0 - 30 * DAY;
  for (let b = 0; b < EVENTS / BATCH; b++) {
    const docs = Array.from({ length: BATCH }, (_, j): GateEventDoc => {
      const i = b * BATCH + j;
      const at = start + i * 25_000; // 100,000 events over about 29 days
      return {
        _id: `${gate._id}:bench-${i}`,
        clientId: `bench-${i}`,
        gateId: gate._id,
        compoundId: DEMO.compound,
        day: '2026-11-01',
        at,
        receivedAt: at,
        kind: i % 7 === 0 ? 'vehicle' : 'resident',
        direction: i % 2 ? 'out' : 'in',
        who: '王*',
        household: `${(i % 12) + 1}号楼${(i % 3) + 1}单元${(i % 30) + 101}`,
        phoneMasked: '139****5678',
        ...(i % 7 === 0 ? { plate: '陕A12345' } : { temperature: 36.4 }),
        phoneVerdict: 'allow',
        verdict: 'allow',
        mismatch: false,
        volunteer: `demo-volunteer-${(i % 2) + 1}`,
      };
    });
    await store.insertMany('gateEvents', docs);
  }
  (store as unknown as { close(): void }).close();
}

async function run(dir: string) {
  const store = openSqliteStore({ file: join(dir, 'bench.db'), collections: COLLECTIONS });
  const out = join(dir, 'stored');
  mkdirSync(out, { recursive: true });
  // Storage is a copy into a folder: the bench measures writing the file, not an upload.
  const files: ExportFiles = {
    async put(localPath, cloudPath) {
      const to = join(out, cloudPath.replace(/\//g, '_'));
      copyFileSync(localPath, to);
      return to;
    },
    async url(fileId) {
      return `file://${fileId}`;
    },
    async remove() {},
  };
  const app = createApp({ store, clock: new ManualClock(T0), functions: FUNCTIONS, services: { ...localServices, exportFiles: files } });
  const meter: Meter = { reads: 0, writes: 0 };
  const started = performance.now();
  const r = await app.call(
    'export',
    { action: 'export.create', data: { requestId: 'bench-export-1', kind: 'gate', orgId: DEMO.compound, from: '2026-10-29', to: '2026-11-28' } },
    'demo-secretary',
    { meter },
  );
  const ms = performance.now() - started;
  if (!r.ok) throw new Error(`export.create: ${r.error.message}`);
  const data = r.data as { rows: number; bytes: number };
  process.stdout.write(JSON.stringify({ ms, rows: data.rows, bytes: data.bytes, reads: meter.reads, maxRssKb: process.resourceUsage().maxRSS }));
}

function child(phase: 'seed' | 'run', dir: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', __filename, `--export-${phase}`, dir], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
}

export async function exportFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lianfang-export-bench-'));
  try {
    child('seed', dir);
    const m = JSON.parse(child('run', dir)) as { ms: number; rows: number; bytes: number; reads: number; maxRssKb: number };
    if (m.rows !== EVENTS) throw new Error(`exported ${m.rows} rows, expected ${EVENTS}`);
    return [
      { name: `export.create, ${EVENTS} gate events: time`, measured: m.ms / 1000, unit: 's', budget: { op: '<=', value: MAX_SECONDS } },
      {
        name: `export.create, ${EVENTS} gate events: peak RSS of the process`,
        measured: m.maxRssKb / 1024,
        unit: 'MB',
        budget: { op: '<=', value: MAX_RSS_MB },
      },
      { name: `export.create, ${EVENTS} gate events: file size`, measured: m.bytes / 1024, unit: 'KB' },
      { name: `export.create, ${EVENTS} gate events: reads`, measured: m.reads, unit: 'reads' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const phase = process.argv[2];
if (phase === '--export-seed' || phase === '--export-run') {
  (phase === '--export-seed' ? seed : run)(process.argv[3]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
