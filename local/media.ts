/**
 * Photos in the local runtime: stored under DATA_DIR/media at the path their file id names, and
 * served back only to their uploader or to a viewer the server handed a URL to (as the cloud's
 * temporary URLs).
 *   POST /api/media/upload   multipart (what wx.uploadFile sends): fields `kind`, `key`, file
 *                            `file`; header X-Openid. The bytes must really be JPEG, PNG, WebP or
 *                            HEIC (magic number) and at most 5 MB. Answers an envelope { fileID }.
 *   GET  /api/media/file?id=<fileID>&t=<token>   the photo, for the token's viewer until it
 *                            expires; without a token, to its uploader (X-Openid).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { MAX_PHOTO_BYTES, MEDIA_KEY_RE, MEDIA_KINDS, parseFileId, sniffImage, type PhotoExt } from '../miniprogram/shared/photos';
import type { Envelope } from '../typings/envelope';
import type { Clock } from '../server/core/clock';
import { URL_SECONDS } from '../server/media/cloud';
import type { MediaPort } from '../server/media/port';
import { parseMultipart } from './multipart';

const OPENID_RE = /^[A-Za-z0-9_-]{6,64}$/;
const TYPES: Record<PhotoExt, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic' };

export class DiskMedia implements MediaPort {
  /** token → what it lets whom see until when. */
  private readonly grants = new Map<string, { fileId: string; viewer: string; until: number }>();

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
    /** Where the phone reaches this runtime, e.g. http://127.0.0.1:3000. */
    private readonly baseUrl: string,
  ) {}

  private fileOf(fileId: string): string | null {
    const p = parseFileId(fileId);
    return p && fileId.startsWith('local://') ? join(this.dir, p.path) : null;
  }

  async missing(fileIds: readonly string[]) {
    return fileIds.filter((id) => {
      const file = this.fileOf(id);
      return !file || !existsSync(file);
    });
  }

  async urls(fileIds: readonly string[], viewer: string) {
    const now = this.clock.now();
    for (const [t, g] of this.grants) if (g.until <= now) this.grants.delete(t);
    const out: Record<string, string> = {};
    for (const fileId of fileIds) {
      const file = this.fileOf(fileId);
      if (!file || !existsSync(file)) continue;
      const token = randomBytes(16).toString('base64url');
      this.grants.set(token, { fileId, viewer, until: now + URL_SECONDS * 1000 });
      out[fileId] = `${this.baseUrl}/api/media/file?id=${encodeURIComponent(fileId)}&t=${token}`;
    }
    return out;
  }

  /** Stores an upload; a refusal is a Chinese message naming the field. */
  save(openid: string | undefined, kind: string, key: string, bytes: Buffer): { fileID: string } | { field: string; message: string } {
    if (!openid || !OPENID_RE.test(openid)) return { field: 'X-Openid', message: '未能识别您的身份，请重新打开小程序' };
    if (!(MEDIA_KINDS as readonly string[]).includes(kind)) return { field: 'kind', message: '不支持的记录类型' };
    if (!MEDIA_KEY_RE.test(key)) return { field: 'key', message: '记录编号格式不正确' };
    if (bytes.length > MAX_PHOTO_BYTES) return { field: 'file', message: `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB` };
    const ext = sniffImage(bytes.subarray(0, 16));
    if (!ext) return { field: 'file', message: '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片' };
    const name = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const fileID = `local://media/${kind}/${openid}/${key}/${name}.${ext}`;
    const file = this.fileOf(fileID)!;
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) writeFileSync(file, bytes);
    return { fileID };
  }

  /** The photo's bytes and type if `viewer` (X-Openid) or `token` may see it. */
  open(fileId: string, viewer: string | undefined, token: string | undefined): { type: string; bytes: Buffer } | null {
    const p = parseFileId(fileId);
    const file = this.fileOf(fileId);
    if (!p || !file || !existsSync(file)) return null;
    const grant = token ? this.grants.get(token) : undefined;
    const granted = !!grant && grant.fileId === fileId && grant.until > this.clock.now() && (!viewer || viewer === grant.viewer);
    if (!granted && !(viewer && viewer === p.openid)) return null;
    return { type: TYPES[p.ext], bytes: readFileSync(file) };
  }
}

export function registerMedia(server: FastifyInstance, media: DiskMedia, clock: Clock) {
  const envelope = <T>(r: { ok: true; data: T } | { ok: false; field: string; message: string }): Envelope<T> =>
    r.ok
      ? { ok: true, data: r.data, serverTime: clock.now() }
      : { ok: false, error: { code: 'INVALID_ARGUMENT', message: r.message, details: { field: r.field } }, serverTime: clock.now() };

  server.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES + 64 * 1024 }, (_req, body, done) => done(null, body));

  server.post('/api/media/upload', async (req) => {
    const form = parseMultipart(String(req.headers['content-type'] ?? ''), req.body as Buffer);
    if (!form) return envelope({ ok: false, field: 'file', message: '上传内容格式不正确' });
    const file = form.files.file;
    if (!file) return envelope({ ok: false, field: 'file', message: '没有收到照片' });
    const openid = req.headers['x-openid'];
    const saved = media.save(typeof openid === 'string' ? openid : undefined, form.fields.kind ?? '', form.fields.key ?? '', file);
    return 'fileID' in saved ? envelope({ ok: true, data: saved }) : envelope({ ok: false, ...saved });
  });

  server.get<{ Querystring: { id?: string; t?: string } }>('/api/media/file', async (req, reply) => {
    const openid = req.headers['x-openid'];
    const found = media.open(req.query.id ?? '', typeof openid === 'string' ? openid : undefined, req.query.t);
    if (!found) return reply.code(404).send(envelope({ ok: false, field: 'id', message: '照片不存在或无权查看' }));
    return reply.header('content-type', found.type).header('cache-control', 'private, max-age=60').send(found.bytes);
  });
}
