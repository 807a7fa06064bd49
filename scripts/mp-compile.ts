/**
 * `npm run mp:compile`: the mini program as WeChat ships it.
 *
 * Compiles `miniprogram/` with WeChat's own compiler (the one inside DevTools, from the
 * `miniprogram-ci` package) under the settings `project.config.json` holds — the compiler reads
 * that file itself (`useProjectConfig`), babelSetting included — and writes the result to
 * `dist/miniprogram/`: the files an upload would carry, in the form the phone runs them.
 * Also validates every JSON file against WeChat's schemas and runs DevTools' code-quality scan.
 * Writes `dist/miniprogram.report.json` (settings, packages and sizes, schema and quality
 * results); exits 1 if the compiler, a schema or a quality check fails. The compiled-output
 * tests (tests/compiled, and the page suites rerun on the output) read `dist/`.
 *
 * Offline: the compiler normally fetches the app's attributes (package limits) from WeChat with
 * the upload key; here the project answers with the compiler's own defaults instead, so no key
 * and no network are needed.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as CI from 'miniprogram-ci';
import { jsonFilesOf, packageSizes, type PackageSize } from './mp/packages';
import { exitFlushed } from './exit';

export const ROOT = join(__dirname, '..');
export const DIST = join(ROOT, 'dist', 'miniprogram');
export const REPORT = join(ROOT, 'dist', 'miniprogram.report.json');

interface ProjectConfig {
  appid: string;
  miniprogramRoot: string;
  setting: Record<string, unknown>;
}

export interface SchemaProblem {
  file: string;
  errors: unknown[];
  warning: string;
}

export interface CompileReport {
  compiler: string;
  /** The compile settings as project.config.json gives them. */
  setting: Record<string, unknown>;
  files: number;
  packages: PackageSize[];
  totalBytes: number;
  schema: SchemaProblem[];
  quality: Array<{ name: string; success: boolean; text: string; detail?: unknown }>;
}

/** WeChat's schema names for the JSON files of a mini program (page covers components too). */
type SchemaKind = 'projectconfig' | 'app' | 'sitemap' | 'page';

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The JSON files WeChat validates, with the schema each follows. */
function schemaProblems(ci: typeof CI, mpRoot: string): SchemaProblem[] {
  const checks: Array<[SchemaKind, string]> = [
    ['projectconfig', join(ROOT, 'project.config.json')],
    ['app', join(mpRoot, 'app.json')],
    ['sitemap', join(mpRoot, readJson<{ sitemapLocation?: string }>(join(mpRoot, 'app.json')).sitemapLocation ?? 'sitemap.json')],
    ...jsonFilesOf(mpRoot).map((file): [SchemaKind, string] => ['page', join(mpRoot, file)]),
  ];
  return checks
    .map(([kind, file]) => ({ file: file.slice(ROOT.length + 1), ...ci.schemaValidate(kind, readJson(file)) }))
    .filter((r) => r.error.length > 0 || r.warning !== '')
    .map((r) => ({ file: r.file, errors: r.error, warning: r.warning }));
}

function offlineProject(ci: typeof CI, projectConfig: ProjectConfig): CI.Project {
  const project = new ci.Project({
    appid: projectConfig.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: 'offline: the app attributes come from the compiler defaults',
    ignores: ['node_modules/**/*', 'dist/**/*', '.data/**/*', '.tmp/**/*'],
  });
  project.attr = async () => ci.DefaultProjectAttr;
  return project;
}

/**
 * Runs `work` with the compiler's console chatter held back (progress lines, and its failed
 * attempt to fetch WeChat's list of allowed file types, for which it falls back to the list it
 * ships); the chatter is printed only if `work` fails.
 */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const held: string[] = [];
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void held.push(args.map(String).join(' '));
  try {
    return await work();
  } catch (err) {
    saved[3](held.join('\n'));
    throw err;
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]));
  }
}

export async function compileMiniprogram(): Promise<CompileReport> {
  const projectConfig = readJson<ProjectConfig>(join(ROOT, 'project.config.json'));
  const mpRoot = join(ROOT, projectConfig.miniprogramRoot);
  // Loaded here, so its start-up chatter is held back too.
  const ci = await quietly(async () => (await import('miniprogram-ci')) as typeof CI);
  const project = offlineProject(ci, projectConfig);

  const files = await quietly(() => ci.getCompiledResult({ project, version: '0.0.0', setting: { useProjectConfig: true } }));
  rmSync(DIST, { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) {
    const out = join(DIST, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, content);
  }

  // An item the scan could not judge counts as failed.
  const quality = (await quietly(() => ci.checkCodeQuality(project))).map(({ name, success, text, detail }) => ({
    name: name ?? '?',
    success: success === true,
    text: text ?? '',
    detail,
  }));
  const packages = packageSizes(DIST, readJson(join(DIST, 'app.json')));
  const report: CompileReport = {
    compiler: `miniprogram-ci ${readJson<{ version: string }>(require.resolve('miniprogram-ci/package.json')).version}`,
    setting: projectConfig.setting,
    files: Object.keys(files).length,
    packages,
    totalBytes: packages.reduce((n, p) => n + p.bytes, 0),
    schema: schemaProblems(ci, mpRoot),
    quality,
  };
  writeFileSync(REPORT, JSON.stringify(report, null, 2) + '\n');
  return report;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Everything that makes the build unfit to ship, in plain words ([] when none). */
export function failures(report: CompileReport): string[] {
  return [
    ...report.schema.map((s) => `${s.file}: ${JSON.stringify(s.errors)} ${s.warning}`.trim()),
    ...report.quality.filter((q) => !q.success).map((q) => `code quality ${q.name}: ${q.text}`),
  ];
}

if (require.main === module) {
  const started = Date.now();
  compileMiniprogram().then(
    (report) => {
      for (const p of report.packages) console.log(`  ${p.name.padEnd(12)} ${kb(p.bytes).padStart(7)}  (${p.files} files)`);
      console.log(
        `compiled miniprogram/ → dist/miniprogram/ with ${report.compiler}: ${report.files} files, ${kb(report.totalBytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const problems = failures(report);
      problems.forEach((p) => console.error(`✗ ${p}`));
      // miniprogram-ci keeps worker processes alive: leave explicitly.
      exitFlushed(problems.length ? 1 : 0);
    },
    (err) => {
      console.error(err);
      exitFlushed(1);
    },
  );
}
