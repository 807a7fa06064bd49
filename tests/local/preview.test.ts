/** The browser preview's server side: WXSS → CSS, and what its routes hand the browser. */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppBundle, PageBundle } from '../../local/preview/protocol';
import { registerPreview } from '../../local/preview/routes';
import { convertRpx, rpxToPx, wxssToCss } from '../../local/preview/wxss';

jest.setTimeout(60_000);

describe('WXSS → CSS', () => {
  test('rpx is px at a 375-px-wide phone, rounded down as WeChat does, never 0 when not 0', () => {
    expect([750, 36, 33, 2, 1, 0.5, 0, -8, -1].map(rpxToPx)).toEqual([375, 18, 16, 1, 1, 1, 0, -4, -1]);
    expect(convertRpx('0 -8rpx 16rpx calc(40rpx + env(safe-area-inset-bottom))')).toBe('0 -4px 8px calc(20px + env(safe-area-inset-bottom))');
  });

  test('classes take the component prefix, every selector the page scope, tags the rendered elements', () => {
    const files: Record<string, string> = {
      'pages/a/a.wxss': "@import '../../shared.wxss';\n/* note */ page { font-size: 36rpx; }\n.a .b, view > .c:not(.d)[disabled] { margin: 0 -8rpx; }",
      'shared.wxss': '.s + .t::after { width: 750rpx; }',
    };
    expect(wxssToCss('pages/a/a.wxss', (p) => files[p] ?? null)).toBe(
      '__LFS__ .__LFP__--s + .__LFP__--t::after{width: 375px;}' +
        '__LFS__ wx-page{font-size: 18px;}' +
        '__LFS__ .__LFP__--a .__LFP__--b,__LFS__ wx-view > .__LFP__--c:not(.__LFP__--d)[disabled]{margin: 0 -4px;}',
    );
  });

  test('@media keeps its rules converted; @keyframes only has its lengths converted', () => {
    const css = '@media (min-width: 400px) { .e { width: 20rpx } } @keyframes k { from { left: 0 } to { left: 100rpx } }';
    expect(wxssToCss('x.wxss', () => css)).toBe(
      '@media (min-width: 400px){__LFS__ .__LFP__--e{width: 10px}}@keyframes k{ from { left: 0 } to { left: 50px } }',
    );
  });
});

describe('preview routes', () => {
  let server: FastifyInstance;

  beforeAll(() => {
    server = Fastify();
    registerPreview(server);
  });

  afterAll(() => server.close());

  test('GET / is the preview page, and a phone loads the compiled templates and its bundle', async () => {
    const page = await server.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/preview/assets/shell.js');
    const phone = await server.inject({ method: 'GET', url: '/preview/phone?as=demo-resident-1' });
    expect(phone.body).toContain('<script src="/preview/mp/source/wxml.js">');
    expect(phone.body).toContain('/preview/assets/phone.js');
  });

  test('app.json carries the app, its styles and app.js with every module it requires', async () => {
    const app = (await server.inject({ method: 'GET', url: '/preview/mp/source/app.json' })).json() as AppBundle;
    expect(app.json.pages).toContain('pages/home/home');
    expect(app.css).toContain('__LFS__ .__LFP__--lf-card{');
    expect(Object.keys(app.modules)).toEqual(expect.arrayContaining(['app.js', 'services/api.js', 'services/config.js']));
    for (const [path, module] of Object.entries(app.modules)) {
      for (const target of Object.values(module.requires)) expect([path, target, target in app.modules]).toEqual([path, target, true]);
    }
  });

  test('a page comes with its components (transitively) and the whole require closure', async () => {
    const res = await server.inject({ method: 'GET', url: '/preview/mp/source/page?path=volunteer/pages/scan/scan' });
    const bundle = res.json() as PageBundle;
    expect(bundle.components.map((c) => c.path)).toEqual([
      'volunteer/pages/scan/scan',
      'components/numpad/numpad',
      'volunteer/components/id-check/id-check',
      'components/privacy-notice/privacy-notice',
      'components/privacy-sheet/privacy-sheet',
      'volunteer/components/gate-lookup/gate-lookup',
    ]);
    expect(bundle.components[0].using).toEqual({
      numpad: 'components/numpad/numpad',
      'id-check': 'volunteer/components/id-check/id-check',
      'privacy-notice': 'components/privacy-notice/privacy-notice',
      'privacy-sheet': 'components/privacy-sheet/privacy-sheet',
      'gate-lookup': 'volunteer/components/gate-lookup/gate-lookup',
    });
    expect(bundle.components[0].json.navigationBarTitleText).toBe('门岗核验');
    expect(Object.keys(bundle.modules)).toEqual(expect.arrayContaining(['volunteer/pages/scan/scan.js', 'services/gate-queue.js', 'vendor/ed25519.js']));
    expect(bundle.modules['volunteer/pages/scan/scan.js'].code).not.toMatch(/\bimport\b.*\bfrom\b/);
  });

  test('a page app.json does not register is refused, and so is an unknown source', async () => {
    const unknown = await server.inject({ method: 'GET', url: '/preview/mp/source/page?path=../../server/functions' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: '页面「../../server/functions」没有在 app.json 中注册' });
    expect((await server.inject({ method: 'GET', url: '/preview/mp/elsewhere/app.json' })).statusCode).toBe(404);
  });

  test('every template is compiled by WeChat’s WXML compiler into one script', async () => {
    const res = await server.inject({ method: 'GET', url: '/preview/mp/source/wxml.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('window.__lfGwx = (function () {');
    expect(res.body).toContain('resident/pages/pass/pass.wxml');
  });

  test('the browser bundle carries j-component writing ids to the DOM and rpx at the phone’s width', async () => {
    const res = await server.inject({ method: 'GET', url: '/preview/assets/phone.js' });
    expect(res.statusCode).toBe(200);
    // (booleans: a failure should not print the whole bundle)
    expect(res.body.includes('writeIdToDOM: true,')).toBe(true);
    expect(res.body.includes('.convertRpx(style)')).toBe(true);
    expect(res.body.includes('.replace(/(\\d+)rpx/ig, "$1px")')).toBe(false);
    expect((await server.inject({ method: 'GET', url: '/preview/assets/nothing.js' })).statusCode).toBe(404);
  });

  test('without WeChat’s compiled output the compiled source says how to make it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lianfang-preview-'));
    const bare = Fastify();
    registerPreview(bare, { repo: empty });
    try {
      const res = await bare.inject({ method: 'GET', url: '/preview/mp/compiled/app.json' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toContain('npm run mp:compile');
      const phone = await bare.inject({ method: 'GET', url: '/preview/phone?from=compiled' });
      expect(phone.body).toContain('npm run mp:compile');
      expect(phone.body).not.toContain('phone.js');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
