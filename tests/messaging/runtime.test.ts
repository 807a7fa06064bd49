/** `npm start`'s tick loop, in a real process: the outbox is worked every TICK_MS, and SIGTERM stops it cleanly. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATES } from '../../miniprogram/shared/templates';
import { startRuntime } from '../support/runtime-process';

jest.setTimeout(90_000);

test('the local runtime ticks every TICK_MS: a pass decision without consent ends skipped in /api/dev/outbox', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-rt-tick-'));
  try {
    const rt = await startRuntime(dataDir, { TICK_MS: '100' });
    expect(rt.output()).toContain('每 100 ms 一轮');
    const call = async (openid: string, action: string, data: unknown) => {
      const r = (await fetch(`${rt.url}/api/fn/${action.split('.')[0]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data }),
      }).then((res) => res.json())) as { ok: boolean; data: { id: string }; error: { code: string } };
      if (!r.ok) throw new Error(`${action}: ${r.error.code}`);
      return r.data;
    };
    const pass = await call('demo-resident-2', 'pass.apply', { relation: 'self', reason: '日常出入' });
    await call('demo-secretary', 'pass.review', { passId: pass.id, decision: 'approve' });

    const deadline = Date.now() + 10_000;
    let items: Array<{ id: string; state: string }> = [];
    while (Date.now() < deadline) {
      items = ((await fetch(`${rt.url}/api/dev/outbox`).then((r) => r.json())) as { items: typeof items }).items;
      if (items.some((i) => i.state !== 'pending')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(items).toEqual([expect.objectContaining({ id: `pass.decision:${pass.id}:approved`, state: 'skipped', templateId: TEMPLATES.passDecision.id })]);
    const sink = await fetch(`${rt.url}/api/dev/sink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errcode: 43108, count: 2 }),
    }).then((r) => r.json());
    expect(sink).toMatchObject({ errcode: 43108, remaining: 2 });
    expect(await rt.stop('SIGTERM')).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
