/**
 * `npm run deploy`: builds the cloud functions, deploys them (code, runtime, timeout, memory, timer
 * triggers; dependencies installed in the cloud), then runs init-db (collections, indexes, security
 * rules). Reads TCB_ENV, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY and nothing else.
 * Idempotent: a second run changes nothing.
 *
 * `npm run deploy -- --dry-run`: prints every call a first deploy makes, without network or credentials.
 */
import { COLLECTIONS } from '../server/app';
import type { CollectionSpec } from '../server/store/collections';
import type { TemplateName } from '../typings/messages';
import { buildAll, FUNCTIONS_DIR } from './build';
import { initDb } from './deploy/database';
import { dryRunCloud } from './deploy/dry-run';
import { deployFunctions } from './deploy/functions';
import { functionPlan, type FunctionSpec } from './deploy/plan';
import { templatePlaceholders } from '../miniprogram/shared/templates';
import { runMain } from './deploy/run';
import { openCloud, readCloudVars, type CloudApi } from './deploy/sdk';

export interface DeployOptions {
  dryRun: boolean;
  env: Record<string, string | undefined>;
  /** Template names whose WeChat id is still a placeholder. */
  placeholders: () => TemplateName[];
  plan?: readonly FunctionSpec[];
  collections?: Readonly<Record<string, CollectionSpec>>;
  root?: string;
  build?: () => Promise<unknown>;
  open?: (vars: ReturnType<typeof readCloudVars>) => Promise<CloudApi>;
  print?: (line: string) => void;
}

const placeholderError = (names: readonly string[]) =>
  `订阅消息模板 ${names.join('、')} 的模板 ID 仍是占位符：请先在微信公众平台选用模板，把 ID 填入 miniprogram/shared/templates.ts（见该文件的注释）。`;

/** Refuses, before anything is built or sent, while a template id is a placeholder or a variable is missing. */
export async function deploy(opts: DeployOptions) {
  const print = opts.print ?? console.log;
  const plan = opts.plan ?? functionPlan();
  const collections = opts.collections ?? COLLECTIONS;
  const root = opts.root ?? FUNCTIONS_DIR;
  const placeholders = opts.placeholders();

  let cloud: CloudApi;
  if (opts.dryRun) {
    print('演练（--dry-run）：不联网，按一个空的云开发环境列出部署会做的每一次调用。');
    if (placeholders.length) print(`注意：真实部署会拒绝执行——${placeholderError(placeholders)}`);
    print(`构建：npm run build → ${plan.map((f) => `cloudfunctions/${f.name}/index.js`).join(', ')}`);
    cloud = dryRunCloud(opts.env.TCB_ENV?.trim() || '<TCB_ENV>', print);
  } else {
    const problems: string[] = [];
    if (placeholders.length) problems.push(placeholderError(placeholders));
    let vars: ReturnType<typeof readCloudVars> | undefined;
    try {
      vars = readCloudVars(opts.env);
    } catch (err) {
      problems.push((err as Error).message);
    }
    if (problems.length || !vars) throw new Error(`未部署。\n${problems.join('\n')}`);
    await (opts.build ?? buildAll)();
    cloud = await (opts.open ?? openCloud)(vars);
  }

  print(`云函数（${plan.length} 个，${plan[0]?.runtime}）：`);
  for (const f of plan) {
    const extra = [
      f.triggers.map((t) => `定时触发器 ${t.name}「${t.config}」`).join('、'),
      f.openapi.length ? `云调用 ${f.openapi.join('、')}（config.json）` : '',
    ]
      .filter(Boolean)
      .join('；');
    print(`- ${f.name}：${f.timeout} 秒，${f.memorySize} MB${extra ? `；${extra}` : ''}`);
  }
  const functions = await deployFunctions(cloud, plan, { root, log: print, ...(opts.dryRun ? { hash: () => '<包哈希>' } : {}) });
  print(`数据库（${Object.keys(collections).length} 个集合）：`);
  const database = await initDb(cloud, collections, print);
  print(opts.dryRun ? '演练结束：以上调用均未发出。' : `部署完成：环境 ${cloud.envId}。`);
  return { functions, database };
}

if (require.main === module) {
  runMain(() => deploy({ dryRun: process.argv.includes('--dry-run'), env: process.env, placeholders: () => templatePlaceholders() }));
}
