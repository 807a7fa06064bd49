/**
 * Where an admin script writes: the cloud environment's database (TCB_ENV and the API key pair,
 * through @cloudbase/node-sdk and the same CloudBase Store the functions use), or with `--local`
 * the embedded store under DATA_DIR that `npm start` runs on.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLLECTIONS } from '../../server/app';
import { devKeks, readKeks, type KekSetting } from '../../server/core/kek';
import { CloudBaseStore, type CloudDatabaseLike } from '../../server/store/cloudbase';
import type { Store } from '../../server/store/port';
import { openSqliteStore } from '../../server/store/sqlite';
import { readCloudVars, type CloudVars } from './sdk';

export interface Target {
  store: Store;
  /** Where, for the messages: 云开发环境 lianfang-1a2b / 本地 .data. */
  label: string;
  /** The KEKs pass signing seeds are sealed under: the environment's, or locally the runtime's dev KEK. */
  passKeks: KekSetting;
  close(): void;
}

export interface TargetOptions {
  local: boolean;
  env: Record<string, string | undefined>;
  /** The cloud database for these variables (tests pass a fake; by default node-sdk's). */
  database?: (vars: CloudVars) => Promise<CloudDatabaseLike>;
}

async function nodeSdkDatabase(vars: CloudVars): Promise<CloudDatabaseLike> {
  const tcb = await import('@cloudbase/node-sdk');
  const app = tcb.init({ env: vars.TCB_ENV, secretId: vars.TENCENTCLOUD_SECRETID, secretKey: vars.TENCENTCLOUD_SECRETKEY });
  return app.database() as unknown as CloudDatabaseLike;
}

export async function openTarget(opts: TargetOptions): Promise<Target> {
  if (opts.local) {
    const dataDir = resolve(opts.env.DATA_DIR || '.data');
    mkdirSync(dataDir, { recursive: true });
    const store = openSqliteStore({ file: join(dataDir, 'lianfang.db'), collections: COLLECTIONS });
    const env = readKeks(opts.env);
    const passKeks = !env.ok && env.missing ? devKeks(dataDir).keks : env;
    return { store, label: `本地 ${dataDir}`, passKeks, close: () => store.close() };
  }
  const vars = readCloudVars(opts.env);
  const store = new CloudBaseStore(await (opts.database ?? nodeSdkDatabase)(vars), { flavor: 'node' });
  return { store, label: `云开发环境 ${vars.TCB_ENV}`, passKeks: readKeks(opts.env), close: () => undefined };
}

/** `--local` and the positional arguments of a script's argv. */
export function parseArgs(argv: readonly string[]): { local: boolean; args: string[]; options: Record<string, string> } {
  const options: Record<string, string> = {};
  const args: string[] = [];
  let local = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--local') local = true;
    else if (a.startsWith('--')) options[a.slice(2)] = argv[++i] ?? '';
    else args.push(a);
  }
  return { local, args, options };
}
