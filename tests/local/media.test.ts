/** The local runtime's photo endpoints: upload (magic numbers, size, the caller's own folder), then a log carrying it, then viewing. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DiskMedia } from '../../local/media';
import { buildLocalServer } from '../../local/server';
import { HOUR } from '../../server/core/time';
import { makeHarness, T0, type Harness } from '../support/harness';

const PNG = readFileSync(join(__dirname, '../fixtures/photo.png'));
const SECRETARY = 'demo-secretary';
let h: Harness;
let server: FastifyInstance;
let dir: string;
beforeAll(async () => {
  h = await makeHarness();
  dir = mkdtempSync(join(tmpdir(), 'lf-media-'));
  server = buildLocalServer({ store: h.store, clock: h.clock, media: new DiskMedia(dir, h.clock, 'http://127.0.0.1:3000') });
  await server.ready();
  h.clock.set(T0 + HOUR);
});
afterAll(async () => {
  await server.close();
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

function upload(bytes: Buffer, fields: Record<string, string>, openid?: string) {
  const b = 'lfboundary123';
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\ncontent-type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${b}--\r\n`),
  ];
  return server.inject({
    method: 'POST',
    url: '/api/media/upload',
    headers: { 'content-type': `multipart/form-data; boundary=${b}`, ...(openid ? { 'x-openid': openid } : {}) },
    payload: Buffer.concat(parts),
  });
}
const fn = (openid: string, action: string, data: unknown) =>
  server.inject({ method: 'POST', url: '/api/fn/disinfect', headers: { 'content-type': 'application/json', 'x-openid': openid }, payload: { action, data } });

test('an upload stores a real image under the caller’s folder for the record; a log carries it; the URL handed out shows it to that viewer only', async () => {
  const up = await upload(PNG, { kind: 'disinfect', key: 'req-local-0001' }, SECRETARY);
  expect(up.json()).toMatchObject({
    ok: true,
    data: { fileID: expect.stringMatching(/^local:\/\/media\/disinfect\/demo-secretary\/req-local-0001\/[0-9a-f]{16}\.png$/) },
  });
  const fileID = up.json().data.fileID as string;
  const logged = await fn(SECRETARY, 'disinfect.log', {
    requestId: 'req-local-0001',
    areaId: 'sz-s1-c01-x01-b01-d',
    agent: '84 消毒液 1:100',
    photos: [fileID],
  });
  expect(logged.json()).toMatchObject({ ok: true, data: { photos: [expect.stringContaining('/api/media/file?id=')] } });

  const seen = await fn('demo-volunteer-2', 'disinfect.logs', { compoundId: 'sz-s1-c01-x01' });
  const url = new URL(seen.json().data.items[0].photos[0]);
  const got = await server.inject({ method: 'GET', url: url.pathname + url.search, headers: { 'x-openid': 'demo-volunteer-2' } });
  expect(got.statusCode).toBe(200);
  expect(got.headers['content-type']).toBe('image/png');
  expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
  // The same link for someone else, a made-up token, or no token and not the uploader: refused.
  expect((await server.inject({ method: 'GET', url: url.pathname + url.search, headers: { 'x-openid': 'demo-volunteer-1' } })).statusCode).toBe(404);
  const noToken = `/api/media/file?id=${encodeURIComponent(fileID)}`;
  expect((await server.inject({ method: 'GET', url: `${noToken}&t=forged` })).statusCode).toBe(404);
  expect((await server.inject({ method: 'GET', url: noToken, headers: { 'x-openid': 'demo-volunteer-2' } })).statusCode).toBe(404);
  expect((await server.inject({ method: 'GET', url: noToken, headers: { 'x-openid': SECRETARY } })).statusCode).toBe(200);
  // The link expires like a cloud temporary URL.
  h.clock.set(T0 + 2 * HOUR);
  expect((await server.inject({ method: 'GET', url: url.pathname + url.search })).statusCode).toBe(404);
  h.clock.set(T0 + HOUR);
});

test.each([
  [
    'not an image (text renamed .png)',
    Buffer.from('hello, this is not a picture at all'),
    { kind: 'disinfect', key: 'req-local-0002' },
    'demo-secretary',
    'file',
  ],
  ['a GIF', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32)]), { kind: 'disinfect', key: 'req-local-0002' }, 'demo-secretary', 'file'],
  [
    'one byte over 5 MB',
    Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length + 1)]),
    { kind: 'disinfect', key: 'req-local-0002' },
    'demo-secretary',
    'file',
  ],
  ['an unknown kind', PNG, { kind: 'secrets', key: 'req-local-0002' }, 'demo-secretary', 'kind'],
  ['a key that climbs out of its folder', PNG, { kind: 'disinfect', key: '../../etc' }, 'demo-secretary', 'key'],
  ['no X-Openid', PNG, { kind: 'disinfect', key: 'req-local-0002' }, undefined, 'X-Openid'],
])('upload refused: %s — nothing stored', async (_what, bytes, fields, openid, field) => {
  const r = await upload(bytes, fields, openid);
  expect(r.json()).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/[\u4e00-\u9fa5]/), details: { field } } });
  expect(readdirSync(dir, { recursive: true }).filter((f) => String(f).includes('req-local-0002'))).toEqual([]);
});
