/**
 * The mini program's structure as WeChat DevTools would read it: every page registered in
 * app.json exists, every component a json uses exists, and every place the code navigates to
 * is a registered page (no dead links).
 */
import fs from 'fs';
import path from 'path';
import { ROLE_ENTRIES } from '../../miniprogram/utils/roles';
import { ROUTES } from '../../miniprogram/utils/routes';
import { installFakeWx } from './support/fake-wx';
import { MINIPROGRAM_ROOT } from './support/mp';

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
}

interface ComponentJson {
  component?: boolean;
  usingComponents?: Record<string, string>;
}

const REPO = path.resolve(__dirname, '..', '..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const app = readJson<AppJson>(path.join(MINIPROGRAM_ROOT, 'app.json'));

/** "/pages/home/home" for every page, main package and subpackages. */
const registeredPages = [
  ...app.pages.map((p) => `/${p}`),
  ...(app.subPackages ?? []).flatMap((sub) => sub.pages.map((p) => `/${sub.root.replace(/\/$/, '')}/${p}`)),
];

/** Source pages are TypeScript; WeChat's compiled output carries JavaScript. */
const SCRIPT = fs.existsSync(path.join(MINIPROGRAM_ROOT, 'app.ts')) ? 'ts' : 'js';
const FILE_KINDS = [SCRIPT, 'wxml', 'wxss', 'json'];
const missingFiles = (absNoExt: string) => FILE_KINDS.filter((ext) => !fs.existsSync(`${absNoExt}.${ext}`));

/** The components a page or component uses, as absolute paths without extension. */
function usedComponents(absNoExt: string): string[] {
  const json = readJson<ComponentJson>(`${absNoExt}.json`);
  return Object.values(json.usingComponents ?? {}).map((ref) =>
    ref.startsWith('/') ? path.join(MINIPROGRAM_ROOT, ref) : path.resolve(path.dirname(absNoExt), ref),
  );
}

describe('app.json', () => {
  it('registers the home page first and the resident subpackage', () => {
    expect(app.pages[0]).toBe('pages/home/home');
    expect(registeredPages).toEqual(expect.arrayContaining(['/pages/home/home', '/resident/pages/register/register']));
  });

  it('splits pages into role subpackages only', () => {
    for (const sub of app.subPackages ?? []) expect(['resident/', 'volunteer/', 'staff/', 'notices/']).toContain(sub.root);
  });

  it.each(registeredPages)('%s has its four files and every component it uses exists', (page) => {
    const abs = path.join(MINIPROGRAM_ROOT, page);
    expect(missingFiles(abs)).toEqual([]);
    const pending = usedComponents(abs);
    const seen = new Set<string>();
    while (pending.length) {
      const comp = pending.pop() as string;
      if (seen.has(comp)) continue;
      seen.add(comp);
      expect({ comp, missing: missingFiles(comp) }).toEqual({ comp, missing: [] });
      expect(readJson<ComponentJson>(`${comp}.json`).component).toBe(true);
      pending.push(...usedComponents(comp));
    }
  });
});

describe('navigation targets', () => {
  const entryUrls = Object.values(ROLE_ENTRIES).flatMap((entries) => entries.flatMap((e) => (e.url ? [e.url] : [])));

  it.each([...Object.values(ROUTES), ...entryUrls])('%s is a registered page', (url) => {
    expect(registeredPages).toContain(url.split('?')[0]);
  });
});

describe('project.config.json', () => {
  const project = readJson<{
    miniprogramRoot: string;
    cloudfunctionRoot: string;
    compileType: string;
    setting: { useCompilerPlugins: string[]; packNpmManually: boolean; packNpmRelationList: Array<{ packageJsonPath: string; miniprogramNpmDistDir: string }> };
  }>(path.join(REPO, 'project.config.json'));

  it('points DevTools at the TypeScript mini program, the cloud functions and the root package.json', () => {
    expect(path.resolve(REPO, project.miniprogramRoot)).toBe(path.join(REPO, 'miniprogram'));
    expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
    expect(project.compileType).toBe('miniprogram');
    expect(project.setting.useCompilerPlugins).toContain('typescript');
    expect(project.setting.packNpmManually).toBe(true);
    expect(project.setting.packNpmRelationList).toEqual([{ packageJsonPath: './package.json', miniprogramNpmDistDir: './miniprogram/' }]);
  });
});

describe('app launch', () => {
  /** Loads app.ts fresh with a stand-in `App()` and runs its onLaunch. */
  async function launch(): Promise<void> {
    let options: WechatMiniprogram.App.Option | undefined;
    (globalThis as unknown as { App: (o: WechatMiniprogram.App.Option) => void }).App = (o) => {
      options = o;
    };
    jest.resetModules();
    await import('../../miniprogram/app');
    options?.onLaunch?.({} as WechatMiniprogram.App.LaunchShowOption);
  }

  it('initialises the cloud in a release build', async () => {
    const server = installFakeWx({ envVersion: 'release' });
    await launch();
    expect(server.wx.cloud.init).toHaveBeenCalledWith({ traceUser: true });
  });

  it('registers WeChat’s privacy listener, once', async () => {
    const server = installFakeWx();
    await launch();
    expect(server.wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
  });

  it('refuses a privacy request at once when no page hosts the consent sheet, rather than leave the API waiting', async () => {
    const server = installFakeWx();
    server.privacy.agreed = false;
    await launch();

    await expect(server.privacy.check('getLocation')).rejects.toEqual({ errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 });
    expect(server.privacy.answers).toEqual([{ event: 'disagree' }]);
  });

  it('launches on a WeChat too old for the privacy check', async () => {
    const server = installFakeWx();
    delete (server.wx as Partial<typeof server.wx>).onNeedPrivacyAuthorization;
    await launch();
    expect(server.wx.cloud.init).toHaveBeenCalledTimes(1);
  });

  it('leaves the cloud alone when a develop build uses the local runtime', async () => {
    const server = installFakeWx({ envVersion: 'develop' });
    await launch();
    expect(server.wx.cloud.init).not.toHaveBeenCalled();
  });
});
