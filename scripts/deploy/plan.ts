/**
 * What each cloud function is deployed as, from one source per fact: the function folders
 * (cloudfunctions/<fn>/config.json: WeChat's cloud-call permissions and timer triggers) and the
 * table below (runtime, timeout, memory). cloudbaserc.json, the CloudBase CLI's file, is generated
 * from it (`npm run cloudbaserc`), and `npm run deploy` deploys it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudFunctionNames, FUNCTIONS_DIR } from '../build';

/**
 * The bundles target Node 16 (scripts/build.ts), so the runtime is CloudBase's Node 16: its
 * runtime list names Node.js 16.13, written `Nodejs16.13` (the CLI's runtime strings, as its
 * default `Nodejs18.15`).
 */
export const RUNTIME = 'Nodejs16.13';

/**
 * Seconds and MB. The timer function and the gate's sync (up to 200 events re-verified) get more
 * time; an export (up to 100,000 rows written to a file, bench/export.ts) a minute and room.
 */
const SIZES = {
  default: { timeout: 10, memorySize: 256 },
  export: { timeout: 60, memorySize: 512 },
  gate: { timeout: 20, memorySize: 256 },
  messenger: { timeout: 20, memorySize: 256 },
} as const satisfies Record<string, { timeout: number; memorySize: number }>;

/**
 * Environment variables a function needs that deploy never writes: secrets, set by hand in the
 * console (云函数 → 函数配置 → 环境变量) and kept by every later deploy, which sends no
 * environment. Per function, groups of names any one of which will do. Deploy warns while one
 * is missing.
 */
export const CONSOLE_ENV: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  // The KEK the pass signing seeds are sealed under (server/core/kek.ts): both functions sign.
  pass: [['LF_PASS_KEKS', 'LF_PASS_KEK']],
  duty: [['LF_PASS_KEKS', 'LF_PASS_KEK']],
};

/** A timer trigger: `config` is a 7-field cron (second minute hour day month weekday year). */
export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

/** A function's folder config.json, as WeChat reads it. */
export interface FunctionConfigJson {
  permissions?: { openapi?: string[] };
  triggers?: TimerTrigger[];
}

export interface FunctionSpec {
  name: string;
  runtime: string;
  handler: 'index.main';
  timeout: number;
  memorySize: number;
  /** wx-server-sdk is installed in the cloud from the folder's package.json. */
  installDependency: true;
  /** The folder ships index.js, package.json, config.json: not the TypeScript it is built from. */
  ignore: string[];
  triggers: TimerTrigger[];
  /** WeChat cloud calls the function makes (config.json `permissions.openapi`, uploaded with the code). */
  openapi: string[];
}

export function readFunctionConfig(name: string, dir = FUNCTIONS_DIR): FunctionConfigJson {
  return JSON.parse(readFileSync(join(dir, name, 'config.json'), 'utf8')) as FunctionConfigJson;
}

function specOf(name: string, config: FunctionConfigJson): FunctionSpec {
  const sizes = (SIZES as Record<string, { timeout: number; memorySize: number }>)[name] ?? SIZES.default;
  const triggers = config.triggers ?? [];
  for (const t of triggers) {
    if (t.type !== 'timer') throw new Error(`cloudfunctions/${name}/config.json: trigger ${t.name} is "${t.type}"; only timer triggers are deployed`);
    if (t.config.trim().split(/\s+/).length !== 7)
      throw new Error(`cloudfunctions/${name}/config.json: trigger ${t.name} needs a 7-field cron, not "${t.config}"`);
  }
  return {
    name,
    runtime: RUNTIME,
    handler: 'index.main',
    ...sizes,
    installDependency: true,
    ignore: ['src', 'src/**'],
    triggers: triggers.map(({ name: n, type, config: c }) => ({ name: n, type, config: c })),
    openapi: config.permissions?.openapi ?? [],
  };
}

/** Every function folder with an entry, in name order. */
export function functionPlan(): FunctionSpec[] {
  return cloudFunctionNames()
    .sort()
    .map((name) => specOf(name, readFunctionConfig(name)));
}

/** cloudbaserc.json for the CloudBase CLI (`tcb fn deploy`): the env id comes from TCB_ENV when the CLI reads it. */
export function cloudbaseRc(plan: readonly FunctionSpec[] = functionPlan()) {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV}}',
    functionRoot: './cloudfunctions',
    functions: plan.map(({ openapi: _openapi, ...fn }) => fn),
  };
}

export const cloudbaseRcText = (plan?: readonly FunctionSpec[]) => `${JSON.stringify(cloudbaseRc(plan), null, 2)}\n`;
