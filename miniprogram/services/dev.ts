/**
 * Developer-only: the demo accounts of the local runtime (`GET /api/dev/demo-accounts`) and the
 * one the developer acts as (sent as X-Openid). Nothing here runs against the cloud.
 */
import type { Role } from '../../typings/domain';
import { DEV_STORAGE } from './config';
import { ApiCallError } from './errors';
import { httpRequest } from './http';

export interface DemoAccount {
  openid: string;
  role: Role;
  orgId: string;
  /** null if the seeded org is missing. */
  orgName: string | null;
  /** e.g. "商州区 / 城关街道 / …" */
  orgPath: string;
  displayName: string;
}

function isDemoAccount(value: unknown): value is DemoAccount {
  const a = value as Partial<DemoAccount> | null;
  return typeof a === 'object' && a !== null && typeof a.openid === 'string' && a.openid !== '' && typeof a.role === 'string';
}

export async function fetchDemoAccounts(baseUrl: string): Promise<DemoAccount[]> {
  const res = await httpRequest({ url: `${baseUrl}/api/dev/demo-accounts`, method: 'GET' });
  if (res.statusCode !== 200 || !Array.isArray(res.data)) {
    throw new ApiCallError('INTERNAL', `演示账号列表读取失败（HTTP ${res.statusCode}）`, { status: res.statusCode });
  }
  return res.data.filter(isDemoAccount);
}

/** The demo account the developer acts as, or null if none is chosen yet. */
export function demoOpenid(): string | null {
  const value: unknown = wx.getStorageSync(DEV_STORAGE.openid);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function chooseDemoAccount(openid: string): void {
  wx.setStorageSync(DEV_STORAGE.openid, openid);
}
