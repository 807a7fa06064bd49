/**
 * The one way pages talk to the server: `call('account.me', {})`.
 *
 * Cloud: `wx.cloud.callFunction({ name, data: { action, data } })`.
 * Local runtime (develop builds only): POST `${baseUrl}/api/fn/<name>` with the same body and
 * `X-Openid: <demo account>`. Either way the reply is the envelope `{ ok, data } | { ok: false, error }`;
 * `ok: false` rejects with an ApiCallError carrying the server's code, Chinese message and details.
 * Every envelope's `serverTime`, errors too, corrects the phone's clock (services/clock.ts).
 */
import type { ActionName, ActionRequest, ActionResponse } from '../../typings/api';
import type { CallRequest, Envelope } from '../../typings/envelope';
import { observe } from './clock';
import { currentRuntime } from './config';
import { demoOpenid } from './dev';
import { ApiCallError, networkError } from './errors';
import { httpRequest } from './http';

export { ApiCallError } from './errors';

/** "account.me" → "account": the cloud function that serves an action. */
export type FunctionName<A extends string> = A extends `${infer F}.${string}` ? F : never;

export function functionOf<A extends ActionName>(action: A): FunctionName<A> {
  return action.slice(0, action.indexOf('.')) as FunctionName<A>;
}

let cloudReady = false;

/** `wx.cloud.init` once; app launch calls it in cloud mode, and the first cloud call makes sure. */
export function initCloud(env?: string): void {
  if (cloudReady) return;
  wx.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  cloudReady = true;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in v;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}

function unrecognized(status?: number): ApiCallError {
  return new ApiCallError('INTERNAL', '服务返回了无法识别的内容，请稍后重试', status === undefined ? {} : { status });
}

async function callCloud(env: string | undefined, name: string, body: CallRequest): Promise<unknown> {
  initCloud(env);
  try {
    const res = await wx.cloud.callFunction({ name, data: body });
    return res.result;
  } catch (err) {
    throw networkError((err as { errMsg?: string } | null)?.errMsg);
  }
}

async function callLocal(baseUrl: string, name: string, body: CallRequest): Promise<unknown> {
  const openid = demoOpenid();
  const res = await httpRequest({
    url: `${baseUrl}/api/fn/${name}`,
    method: 'POST',
    data: body,
    header: openid ? { 'X-Openid': openid } : {},
  });
  if (!isEnvelope(res.data)) throw unrecognized(res.statusCode);
  return res.data;
}

export async function call<A extends ActionName>(action: A, data: ActionRequest<A>): Promise<ActionResponse<A>> {
  const name = functionOf(action);
  const body: CallRequest<A, ActionRequest<A>> = { action, data };
  const runtime = currentRuntime();
  const sentAt = Date.now();
  const reply = runtime.kind === 'local' ? await callLocal(runtime.baseUrl, name, body) : await callCloud(runtime.env, name, body);
  if (!isEnvelope(reply)) throw unrecognized();
  observe(reply.serverTime, sentAt, Date.now());
  if (!reply.ok) throw new ApiCallError(reply.error.code, reply.error.message, reply.error.details ?? {});
  return reply.data as ActionResponse<A>;
}
