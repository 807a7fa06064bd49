/**
 * The part of @cloudbase/manager-node the deploy uses, typed by its own declarations (so a fake
 * or the dry run that satisfies these has the real signatures), and how to open the real one.
 *
 *   functions  getFunctionDetail, createFunction, updateFunctionCode, updateFunctionConfig,
 *              createFunctionTriggers, deleteFunctionTrigger       (types/function/index.d.ts)
 *   database   listCollections, createCollection, describeCollection, updateCollection
 *                                                                   (types/database/index.d.ts)
 *   common     call({ Action, Param }): the tcb API's DescribeSafeRule / ModifySafeRule, the
 *              collection security rule actions CloudBase's own tooling calls (types/common)
 */
import type { CommonService } from '@cloudbase/manager-node/types/common';
import type { DatabaseService } from '@cloudbase/manager-node/types/database';
import type { FunctionService } from '@cloudbase/manager-node/types/function';

export type FunctionsApi = Pick<
  FunctionService,
  'getFunctionDetail' | 'createFunction' | 'updateFunctionCode' | 'updateFunctionConfig' | 'createFunctionTriggers' | 'deleteFunctionTrigger'
>;
export type DatabaseApi = Pick<DatabaseService, 'listCollections' | 'createCollection' | 'describeCollection' | 'updateCollection'>;
export type CommonApi = Pick<CommonService, 'call'>;

export interface CloudApi {
  envId: string;
  functions: FunctionsApi;
  database: DatabaseApi;
  common: CommonApi;
}

/** What the deploy needs from the environment: nothing else is read. */
export const CLOUD_VARS = ['TCB_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;

export type CloudVars = Record<(typeof CLOUD_VARS)[number], string>;

/** The variables, or a clear error naming every one missing. */
export function readCloudVars(env: Record<string, string | undefined>): CloudVars {
  const missing = CLOUD_VARS.filter((name) => !env[name]?.trim());
  if (missing.length) {
    throw new Error(`缺少环境变量 ${missing.join('、')}：TCB_ENV 是云开发环境 ID，另两个是腾讯云 API 密钥（访问管理 → API 密钥管理）。`);
  }
  return Object.fromEntries(CLOUD_VARS.map((name) => [name, env[name]!.trim()])) as CloudVars;
}

/** The real manager for the environment (network from here on). */
export async function openCloud(vars: CloudVars): Promise<CloudApi> {
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const app = new CloudBase({ envId: vars.TCB_ENV, secretId: vars.TENCENTCLOUD_SECRETID, secretKey: vars.TENCENTCLOUD_SECRETKEY });
  return { envId: vars.TCB_ENV, functions: app.functions, database: app.database, common: app.commonService() };
}
