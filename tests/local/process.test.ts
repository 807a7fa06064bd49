/** `npm start` as a user runs it: a real process, a real data directory, a clean shutdown. */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnRuntime, startRuntime } from '../support/runtime-process';

jest.setTimeout(90_000);

test('first start seeds and prints the demo accounts; a restart keeps data; SIGTERM leaves a sound database', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianfang-rt-'));
  try {
    const rt = await startRuntime(dataDir);
    expect(rt.output()).toContain('首次启动');
    expect(rt.output()).toContain('demo-secretary');
    expect(rt.output()).toContain(rt.url);
    // No LF_PASS_KEKS here: the pass keys are sealed under a dev KEK kept beside the data.
    expect(rt.output()).toContain(`通行证签名私钥用本地开发 KEK 加密：${join(dataDir, 'pass-kek')}（刚生成）`);
    expect(statSync(join(dataDir, 'pass-kek')).mode & 0o777).toBe(0o600);

    const call = (openid: string, action: string, data: unknown) =>
      fetch(`${rt.url}/api/fn/${action.split('.')[0]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data }),
      }).then((r) => r.json());
    const reg = await call('wx-e2e-resident', 'account.register', {
      name: '吴新',
      phone: '13912345678',
      buildingId: 'sz-s1-c01-x01-b01',
      unit: '1',
      room: '101',
    });
    expect(reg).toMatchObject({ ok: true, data: { phoneMasked: '139****5678' } });
    const postCode = { postId: 'sz-s1-c01-x01-p-census' };
    expect(await call('demo-secretary', 'duty.postCode', postCode)).toMatchObject({ ok: true });
    expect(await rt.stop('SIGTERM')).toBe(0);

    const again = await startRuntime(dataDir);
    expect(again.output()).not.toContain('首次启动');
    expect(again.output()).toContain('本地开发 KEK');
    expect(again.output()).not.toContain('刚生成');
    const me = await fetch(`${again.url}/api/fn/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'wx-e2e-resident' },
      body: JSON.stringify({ action: 'account.me', data: {} }),
    }).then((r) => r.json());
    expect(me).toMatchObject({ ok: true, data: { registered: true, name: '吴新' } });
    // The key made before the restart still opens: the dev KEK was kept.
    const code = await fetch(`${again.url}/api/fn/duty`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'demo-secretary' },
      body: JSON.stringify({ action: 'duty.postCode', data: postCode }),
    }).then((r) => r.json());
    expect(code).toMatchObject({ ok: true });
    expect(await again.stop('SIGINT')).toBe(0);

    const db = new Database(join(dataDir, 'lianfang.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('HOST: the runtime trusts X-Openid, so it listens beyond loopback only when told to', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lianfang-host-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('HOST=0.0.0.0 without LF_ALLOW_REMOTE: exits non-zero saying why, before touching the data directory', async () => {
    const rt = spawnRuntime(join(dataDir, 'data'), { HOST: '0.0.0.0' }, await freePort());
    const gaveUp = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 30_000).unref());
    try {
      expect(await Promise.race([rt.exited, gaveUp])).toEqual(expect.any(Number));
    } finally {
      if (rt.child.exitCode === null) rt.child.kill('SIGKILL');
    }
    expect(rt.child.exitCode).not.toBe(0);
    expect(rt.output()).toContain('HOST=0.0.0.0 不是本机回环地址');
    expect(rt.output()).toContain('LF_ALLOW_REMOTE=1');
    expect(rt.output()).toContain('Refusing to listen on non-loopback HOST=0.0.0.0');
    expect(existsSync(join(dataDir, 'data'))).toBe(false);
  });

  test('HOST=0.0.0.0 with LF_ALLOW_REMOTE=1: starts, and warns that anyone can be anyone', async () => {
    const rt = await startRuntime(dataDir, { HOST: '0.0.0.0', LF_ALLOW_REMOTE: '1' });
    try {
      expect(rt.output()).toContain('警告：本地运行时正在监听 0.0.0.0');
      expect(rt.output()).toContain('WARNING: listening on 0.0.0.0');
    } finally {
      expect(await rt.stop('SIGTERM')).toBe(0);
    }
  });

  test('loopback hosts start without a warning', async () => {
    const rt = await startRuntime(dataDir, { HOST: 'localhost' });
    try {
      expect(rt.output()).not.toContain('WARNING');
    } finally {
      expect(await rt.stop('SIGTERM')).toBe(0);
    }
  });
});
