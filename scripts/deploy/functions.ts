/**
 * Deploys each planned cloud function: created with its code, config and triggers when missing;
 * otherwise its code is uploaded only when the package changed (its hash rides in the function's
 * description), its timeout and memory set only when they differ, and its timer triggers made to
 * match config.json. Dependencies (wx-server-sdk) are installed in the cloud from package.json.
 * Secrets a function needs (plan.ts CONSOLE_ENV) are never sent: a warning names any not yet set.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_ENV, type FunctionSpec, type TimerTrigger } from './plan';
import type { CloudApi } from './sdk';

/** The files a function ships: the built bundle, its package.json and WeChat's config.json. */
export const PACKAGE_FILES = ['index.js', 'package.json', 'config.json'] as const;

export function packageHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of PACKAGE_FILES)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

export const describeAs = (hash: string) => `lianfang ${hash}`;

export interface FunctionChanges {
  created: string[];
  codeUpdated: string[];
  configUpdated: string[];
  triggersCreated: string[];
  triggersDeleted: string[];
  warnings: string[];
}

type Detail = Awaited<ReturnType<CloudApi['functions']['getFunctionDetail']>>;

async function detailOf(cloud: CloudApi, name: string): Promise<Detail | null> {
  try {
    return await cloud.functions.getFunctionDetail(name);
  } catch (err) {
    if (String((err as { code?: unknown }).code ?? '').startsWith('ResourceNotFound')) return null;
    throw err;
  }
}

/** SCF lists a timer's cron either as it was given or as `{"cron": …}`. */
function cronOf(desc: string | undefined): string {
  try {
    const parsed = JSON.parse(desc ?? '') as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron;
  } catch {
    // the cron itself
  }
  return desc ?? '';
}

function triggerChanges(detail: Detail, declared: readonly TimerTrigger[]): { create: TimerTrigger[]; remove: string[] } {
  const existing = (detail.Triggers ?? []).filter((t) => t.Type === 'timer').map((t) => ({ name: t.TriggerName, cron: cronOf(t.TriggerDesc) }));
  const same = (e: { name: string; cron: string }, t: TimerTrigger) => e.name === t.name && e.cron === t.config;
  return {
    create: declared.filter((t) => !existing.some((e) => same(e, t))),
    remove: existing.filter((e) => !declared.some((t) => same(e, t))).map((e) => e.name),
  };
}

export interface DeployFunctionsOptions {
  /** Where the function folders are. */
  root: string;
  /** The package hash of a function (default: of its built folder; the dry run has none built). */
  hash?: (name: string) => string;
  log?: (line: string) => void;
  /** Variables each function needs set in the console (default: plan.ts CONSOLE_ENV). */
  consoleEnv?: Readonly<Record<string, ReadonlyArray<readonly string[]>>>;
}

/** A warning for each variable group of `name` that the function's environment lacks. */
function missingEnv(name: string, detail: Detail | null, groups: ReadonlyArray<readonly string[]>): string[] {
  const set = new Set((detail?.Environment?.Variables ?? []).filter((v) => v.Value).map((v) => v.Key));
  return groups
    .filter((names) => !names.some((n) => set.has(n)))
    .map(
      (names) =>
        `云函数 ${name} 未设置环境变量 ${names.join(' 或 ')}：请在云开发控制台 → 云函数 → 函数配置 → 环境变量中设置（见 README「Deploy」第 4 步），在此之前它拒绝签名`,
    );
}

export async function deployFunctions(cloud: CloudApi, plan: readonly FunctionSpec[], opts: DeployFunctionsOptions): Promise<FunctionChanges> {
  const { root, hash = (name: string) => packageHash(join(root, name)), log = () => {}, consoleEnv = CONSOLE_ENV } = opts;
  const changes: FunctionChanges = { created: [], codeUpdated: [], configUpdated: [], triggersCreated: [], triggersDeleted: [], warnings: [] };
  const warn = (warning: string) => {
    changes.warnings.push(warning);
    log(`注意：${warning}`);
  };
  for (const spec of plan) {
    const { openapi: _openapi, ...fn } = spec;
    const description = describeAs(hash(spec.name));
    const detail = await detailOf(cloud, spec.name);
    for (const warning of missingEnv(spec.name, detail, consoleEnv[spec.name] ?? [])) warn(warning);
    if (!detail) {
      await cloud.functions.createFunction({ func: { ...fn, description }, functionRootPath: root, force: false });
      changes.created.push(spec.name);
      changes.triggersCreated.push(...spec.triggers.map((t) => `${spec.name}.${t.name}`));
      log(
        `云函数 ${spec.name}：已创建（${spec.runtime}，${spec.timeout} 秒，${spec.memorySize} MB${spec.triggers.length ? `，定时触发器 ${spec.triggers.map((t) => t.config).join('、')}` : ''}）`,
      );
      continue;
    }

    if (detail.Runtime && detail.Runtime !== spec.runtime) {
      warn(`云函数 ${spec.name} 的运行时是 ${detail.Runtime}，应为 ${spec.runtime}：运行时只能在创建时指定，请在控制台删除该函数后重新部署`);
    }
    const codeChanged = detail.Description !== description;
    if (codeChanged) {
      // isWaitInstall: the config update below waits until the new code is installed.
      await cloud.functions.updateFunctionCode({ func: { ...fn, isWaitInstall: true }, functionRootPath: root });
      changes.codeUpdated.push(spec.name);
      log(`云函数 ${spec.name}：已上传新代码`);
    }
    if (codeChanged || detail.Timeout !== spec.timeout || detail.MemorySize !== spec.memorySize) {
      // No triggers here: updateFunctionConfig would create them again.
      await cloud.functions.updateFunctionConfig({ name: spec.name, timeout: spec.timeout, memorySize: spec.memorySize, description });
      changes.configUpdated.push(spec.name);
      log(`云函数 ${spec.name}：配置 ${spec.timeout} 秒，${spec.memorySize} MB`);
    }

    const { create, remove } = triggerChanges(detail, spec.triggers);
    for (const triggerName of remove) {
      await cloud.functions.deleteFunctionTrigger(spec.name, triggerName);
      changes.triggersDeleted.push(`${spec.name}.${triggerName}`);
      log(`云函数 ${spec.name}：删除定时触发器 ${triggerName}`);
    }
    if (create.length) {
      await cloud.functions.createFunctionTriggers(spec.name, create);
      changes.triggersCreated.push(...create.map((t) => `${spec.name}.${t.name}`));
      log(`云函数 ${spec.name}：定时触发器 ${create.map((t) => `${t.name}（${t.config}）`).join('、')}`);
    }
  }
  return changes;
}
