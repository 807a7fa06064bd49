/**
 * The browser preview on the local runtime (development only; nothing deployed imports local/):
 *   GET /                                the preview page (phones side by side; see web/shell)
 *   GET /preview/phone?as=&from=         one phone
 *   GET /preview/assets/<file>           the bundled browser code (assets.ts)
 *   GET /preview/mp/<source>/app.json    app.json, app.wxss and app.js's modules
 *   GET /preview/mp/<source>/page?path=  one page with its components and modules
 *   GET /preview/mp/<source>/wxml.js     every template, compiled by WeChat's WXML compiler
 * <source> is `source` (miniprogram/) or `compiled` (dist/miniprogram/, npm run mp:compile).
 * The phones call the runtime like the mini program's develop build does: POST /api/fn/<fn>
 * with X-Openid, which exists only on this local runtime.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { previewAsset } from './assets';
import { appBundle, pageBundle } from './bundles';
import { phoneHtml, shellHtml } from './html';
import type { PreviewError } from './protocol';
import { mpSource, SOURCE_NAMES, type MpSource, type SourceName } from './sources';
import { compiledTemplates } from './wxml';

export interface PreviewOptions {
  /** The repository root (tests point it elsewhere). */
  repo?: string;
}

function noStore(reply: FastifyReply, type: string): FastifyReply {
  return reply.header('cache-control', 'no-store').type(type);
}

export function registerPreview(server: FastifyInstance, opts: PreviewOptions = {}): void {
  const sources = new Map<SourceName, MpSource>(SOURCE_NAMES.map((name) => [name, mpSource(name, opts.repo)]));
  const sourceOf = (name: string) => sources.get(name as SourceName);
  const failed = (reply: FastifyReply, status: number, error: string) =>
    noStore(reply, 'application/json')
      .code(status)
      .send({ error } satisfies PreviewError);

  server.get('/', async (_req, reply) => noStore(reply, 'text/html; charset=utf-8').send(shellHtml()));

  server.get<{ Querystring: { from?: string } }>('/preview/phone', async (req, reply) => {
    const source = sourceOf(req.query.from ?? 'source') ?? sources.get('source')!;
    return noStore(reply, 'text/html; charset=utf-8').send(phoneHtml(source.name, source.unavailable()));
  });

  server.get<{ Params: { file: string } }>('/preview/assets/:file', async (req, reply) => {
    try {
      const asset = await previewAsset(req.params.file);
      if (!asset) return failed(reply, 404, `没有 ${req.params.file}`);
      return noStore(reply, asset.type).send(asset.body);
    } catch (err) {
      return failed(reply, 500, `预览代码打包失败：${(err as Error).message}`);
    }
  });

  server.get<{ Params: { source: string } }>('/preview/mp/:source/app.json', async (req, reply) => {
    const source = sourceOf(req.params.source);
    if (!source) return failed(reply, 404, `没有「${req.params.source}」这种来源（source 或 compiled）`);
    if (source.unavailable()) return failed(reply, 409, source.unavailable());
    try {
      return noStore(reply, 'application/json; charset=utf-8').send(appBundle(source));
    } catch (err) {
      return failed(reply, 500, (err as Error).message);
    }
  });

  server.get<{ Params: { source: string }; Querystring: { path?: string } }>('/preview/mp/:source/page', async (req, reply) => {
    const source = sourceOf(req.params.source);
    if (!source) return failed(reply, 404, `没有「${req.params.source}」这种来源（source 或 compiled）`);
    if (source.unavailable()) return failed(reply, 409, source.unavailable());
    try {
      return noStore(reply, 'application/json; charset=utf-8').send(pageBundle(source, String(req.query.path ?? '')));
    } catch (err) {
      return failed(reply, 404, (err as Error).message);
    }
  });

  server.get<{ Params: { source: string } }>('/preview/mp/:source/wxml.js', async (req, reply) => {
    const source = sourceOf(req.params.source);
    if (!source) return failed(reply, 404, `没有「${req.params.source}」这种来源（source 或 compiled）`);
    if (source.unavailable()) return failed(reply, 409, source.unavailable());
    try {
      return noStore(reply, 'text/javascript; charset=utf-8').send(compiledTemplates(source.root));
    } catch (err) {
      return failed(reply, 500, `WXML 编译失败：${(err as Error).message}`);
    }
  });
}
