/**
 * Exported files in the local runtime (server/media/exports.ts): stored under DATA_DIR/exports at
 * the path the server names, and served to whoever holds an unexpired link, as the cloud's
 * temporary URLs are.
 *   GET /api/export/file?id=<fileID>&t=<token>   the .xlsx, saved under the export's Chinese file
 *                            name; 403 for a token never given, 410 once it expired, 404 once the
 *                            file was purged.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, unlink } from 'node:fs/promises';
import { createReadStream, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../server/core/clock';
import type { ExportFiles } from '../server/media/exports';
import type { Envelope } from '../typings/envelope';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PATH_RE = /^exports\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}\.xlsx$/;
/** An expired token is remembered this long (to answer 410 rather than 403), then forgotten. */
const REMEMBER_MS = 24 * 3600 * 1000;

type Grant = { fileId: string; fileName: string; until: number };
export type Opened = { ok: true; file: string; fileName: string } | { ok: false; status: 403 | 404 | 410; message: string };

export class DiskExports implements ExportFiles {
  private readonly grants = new Map<string, Grant>();

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
    /** Where the phone reaches this runtime, e.g. http://127.0.0.1:3000. */
    private readonly baseUrl: string,
  ) {}

  private fileOf(fileId: string): string | null {
    const path = fileId.startsWith('local://') ? fileId.slice('local://'.length) : '';
    return PATH_RE.test(path) ? join(this.dir, path) : null;
  }

  async put(localPath: string, cloudPath: string): Promise<string> {
    if (!PATH_RE.test(cloudPath)) throw new Error(`not an export path: ${cloudPath}`);
    const fileId = `local://${cloudPath}`;
    const file = this.fileOf(fileId)!;
    await mkdir(dirname(file), { recursive: true });
    await copyFile(localPath, file);
    return fileId;
  }

  async url(fileId: string, _viewer: string, seconds: number, fileName = 'export.xlsx'): Promise<string | null> {
    const file = this.fileOf(fileId);
    if (!file || !existsSync(file)) return null;
    const now = this.clock.now();
    for (const [t, g] of this.grants) if (g.until + REMEMBER_MS <= now) this.grants.delete(t);
    const token = randomBytes(16).toString('base64url');
    this.grants.set(token, { fileId, fileName, until: now + seconds * 1000 });
    return `${this.baseUrl}/api/export/file?id=${encodeURIComponent(fileId)}&t=${token}`;
  }

  async remove(fileId: string): Promise<void> {
    const file = this.fileOf(fileId);
    if (file) await unlink(file).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  }

  /** The file a link opens, or why not. */
  open(fileId: string, token: string | undefined): Opened {
    const grant = token ? this.grants.get(token) : undefined;
    if (!grant || grant.fileId !== fileId) return { ok: false, status: 403, message: '下载链接无效' };
    if (grant.until <= this.clock.now()) return { ok: false, status: 410, message: '下载链接已过期，请在「导出台账」重新打开' };
    const file = this.fileOf(fileId);
    if (!file || !existsSync(file)) return { ok: false, status: 404, message: '文件已过保存期限被删除，请重新导出' };
    return { ok: true, file, fileName: grant.fileName };
  }
}

/** `attachment` with the UTF-8 name (RFC 5987) and an ASCII stand-in for old clients. */
export const contentDisposition = (fileName: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function registerExports(server: FastifyInstance, exports: DiskExports, clock: Clock) {
  server.get<{ Querystring: { id?: string; t?: string } }>('/api/export/file', async (req, reply) => {
    const opened = exports.open(req.query.id ?? '', req.query.t);
    if (!opened.ok) {
      const code = opened.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN';
      const body: Envelope<never> = { ok: false, error: { code, message: opened.message, details: { field: 't' } }, serverTime: clock.now() };
      return reply.code(opened.status).send(body);
    }
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition(opened.fileName))
      .header('cache-control', 'private, no-store')
      .send(createReadStream(opened.file));
  });
}
