/**
 * Messaging figures: the outbox sender against the local dev sink (DevSink), every entry with
 * consent (one-time grants, so each send also spends one): messages per second, and database
 * operations per message (metered as CloudBase bills them) — claim, grant and mark are one
 * write each; the batch's queries and consent read are shared by the batch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevSink } from '../local/dev-sink';
import { systemClock } from '../server/core/clock';
import { CONSENTS, type ConsentDoc } from '../server/messaging/consent';
import type { OutboxDoc } from '../server/messaging/outbox';
import { sendDue } from '../server/messaging/sender';
import { DEFAULT_CONFIG } from '../server/core/config';
import { templateSet } from '../server/messaging/templates';
import { MeteredStore, type Meter } from '../server/store/metered';
import { APP, COLLECTIONS } from '../server/app';
import { openSqliteStore } from '../server/store/sqlite';
import type { Figure } from './figures';

const MESSAGES = 10_000;
const USERS = 2_000;
const BATCH = 200;

export async function messaging(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-bench-messaging-'));
  const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
  try {
    const t0 = Date.now() - 60_000;
    const perUser = Math.ceil(MESSAGES / USERS);
    const consents: ConsentDoc[] = Array.from({ length: USERS }, (_, u) => ({
      _id: `bench-user-${u}`,
      templates: { notice: { count: perUser, last: 'accept', answeredAt: t0, acceptedAt: t0 } },
      requests: [],
      updatedAt: t0,
    }));
    await store.insertMany(CONSENTS, consents);
    const entries: OutboxDoc[] = Array.from({ length: MESSAGES }, (_, i) => ({
      _id: `notice.push:bench:${i}`,
      kind: 'notice',
      template: 'notice',
      to: `bench-user-${i % USERS}`,
      page: '/notices/pages/detail/detail?id=bench',
      values: { title: `第 ${i} 号通知：小区将于本周六进行全员核酸检测，请按楼栋时间段下楼`, from: '东店社区', level: '重要', time: String(t0) },
      state: 'pending',
      attempts: 0,
      nextAt: t0 + i,
      createdAt: t0 + i,
    }));
    await store.insertMany('outbox', entries);

    const sink = new DevSink(systemClock);
    const meter: Meter = { reads: 0, writes: 0 };
    const metered = new MeteredStore(store, meter);
    const templates = templateSet(DEFAULT_CONFIG.templates, APP.templates);
    const now = Date.now();
    let sent = 0;
    const start = process.hrtime.bigint();
    for (;;) {
      const r = await sendDue(metered, sink, now, { batch: BATCH, templates });
      sent += r.sent;
      if (r.due < BATCH) break;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (sent !== MESSAGES || sink.state().delivered !== MESSAGES)
      throw new Error(`messaging bench: sent ${sent}, sink got ${sink.state().delivered}, expected ${MESSAGES}`);
    const left = await store.count('outbox', { state: { $ne: 'sent' } });
    if (left) throw new Error(`messaging bench: ${left} entries not sent`);

    return [
      {
        name: `outbox sender → dev sink: throughput (${MESSAGES.toLocaleString('en')} msgs, batch ${BATCH})`,
        measured: sent / seconds,
        unit: 'msg/s',
        budget: { op: '>=', value: 500 },
      },
      { name: 'outbox sender: database operations per message', measured: (meter.reads + meter.writes) / sent, unit: 'ops', budget: { op: '<=', value: 3.1 } },
      { name: 'outbox sender: database writes per message', measured: meter.writes / sent, unit: 'writes', budget: { op: '<=', value: 3 } },
      { name: 'outbox sender: database reads per message', measured: meter.reads / sent, unit: 'reads' },
    ];
  } finally {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  messaging().then(
    (figures) => figures.forEach((f) => console.log(`${f.name}: ${f.measured.toFixed(3)} ${f.unit}`)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
