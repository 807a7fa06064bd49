/**
 * The one entry every call goes through, in the cloud and in the local runtime:
 * envelope in, envelope out, never a thrown error. Order of checks: size and shape →
 * known action → identity → the action's rule → request schema → caller's grants →
 * target scope and level → the caller's rate limit → handler. Before the handler nothing
 * writes but the rate limit's count (one write, none when the call is refused; metered apart).
 */
import type { Envelope, Reply } from '../../typings/envelope';
import { Caller } from '../auth/caller';
import type { NodeRef, OrgDoc } from '../auth/nodes';
import type { TargetRule } from '../auth/rules';
import type { Clock } from '../core/clock';
import { DEFAULT_CONFIG, type Config } from '../core/config';
import { AppError, forbidden, invalid, notFound, unauthenticated } from '../core/errors';
import { parse } from '../core/validate';
import { MeteredStore, type Meter } from '../store/metered';
import { InvalidCursorError, StoreConflictError, type Store } from '../store/port';
import type { FunctionDef } from './action';
import { consume, effectiveLimit } from './limits';
import { localServices, type Services } from './services';

/** Largest accepted request, bytes of its JSON. */
export const MAX_REQUEST_BYTES = 256 * 1024;

export interface AppDeps {
  store: Store;
  clock: Clock;
  /** The functions this host serves (a cloud entry: its own; the local runtime: all of them). */
  functions: Readonly<Record<string, FunctionDef>>;
  /** What the environment configures, read by the host (default: every setting at its default). */
  config?: Config;
  /** Outside services (content security, …); local stand-ins by default. */
  services?: Services;
  /** Where unexpected errors are reported (default console.error). */
  onError?: (err: unknown, action: string) => void;
}

export interface CallOptions {
  /** Receives the database operation counts of what this call does (checks and handler). */
  meter?: Meter;
  /**
   * Receives the rate limit's own (./limits.ts: one read, and one write unless refused), kept
   * apart so "a refused request writes nothing" stays about the data.
   */
  limitMeter?: Meter;
  /** Byte length of the raw request if the transport already knows it. */
  bytes?: number;
}

export interface App {
  call(fn: string, event: unknown, openid: string | undefined, opts?: CallOptions): Promise<Envelope<unknown>>;
}

export function createApp(deps: AppDeps): App {
  const onError = deps.onError ?? ((err, action) => console.error(`[${action}]`, err));
  const config = deps.config ?? DEFAULT_CONFIG;

  async function run(fn: string, event: unknown, openid: string | undefined, meter: Meter, limitMeter: Meter, bytes?: number) {
    const size = bytes ?? Buffer.byteLength(JSON.stringify(event ?? null));
    if (size > MAX_REQUEST_BYTES) throw invalid('data', `请求内容过大（上限 ${MAX_REQUEST_BYTES / 1024} KB）`);
    const { action, data } = readEvent(event);

    const [fnName, verb] = action.split('.');
    const def = fnName === fn ? deps.functions[fn]?.[verb] : undefined;
    if (!def || action.split('.').length !== 2) throw notFound(`不支持的操作「${action}」`, { field: 'action' });
    if (!openid) throw unauthenticated();
    const rule = def.rule;
    if (!rule) throw forbidden();

    const req = parse(def.schema, data, def.labels);
    const store = new MeteredStore(deps.store, meter);
    const caller = new Caller(openid, await store.get('users', openid));
    if (!caller.holdsAny(rule.roles)) throw forbidden();

    const reaches = (node: NodeRef) => caller.reaches(node, rule);
    const authorize = (node: NodeRef) => {
      if (!reaches(node)) throw forbidden('该组织不在您的管辖范围内');
    };
    const target = rule.target && (await loadTarget(store, rule.target, req as Record<string, unknown>, authorize));
    const limit = effectiveLimit(def.name, def.limit, config);
    if (limit) await consume(new MeteredStore(deps.store, limitMeter), `${def.name}:${openid}`, limit, deps.clock.now());
    return def.handle(req, { caller, store, clock: deps.clock, config, services: deps.services ?? localServices, target, authorize, reaches });
  }

  return {
    async call(fn, event, openid, opts = {}) {
      const meter = opts.meter ?? { reads: 0, writes: 0 };
      const limitMeter = opts.limitMeter ?? { reads: 0, writes: 0 };
      // Stamped as the reply leaves, so a phone can compare it with when the reply arrived.
      const reply = (body: Reply<unknown>): Envelope<unknown> => ({ ...body, serverTime: deps.clock.now() });
      try {
        return reply({ ok: true, data: await run(fn, event, openid, meter, limitMeter, opts.bytes) });
      } catch (err) {
        if (err instanceof AppError) return reply({ ok: false, error: err.toApiError() });
        if (err instanceof StoreConflictError) return reply({ ok: false, error: { code: 'CONFLICT', message: '记录已存在，请勿重复提交' } });
        if (err instanceof InvalidCursorError) return reply({ ok: false, error: invalid('data.cursor', '「分页游标」无效，请从第一页重新加载').toApiError() });
        onError(err, actionOf(event));
        return reply({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
      }
    },
  };
}

function readEvent(event: unknown): { action: string; data: unknown } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw invalid('action', '请求格式不正确');
  const { action, data, ...rest } = event as Record<string, unknown>;
  // The cloud adds userInfo to events; anything else at the top level is the client's mistake.
  const extra = Object.keys(rest).filter((k) => k !== 'userInfo');
  if (extra.length) throw invalid(extra[0], `不支持的字段「${extra[0]}」`);
  if (typeof action !== 'string' || !action) throw invalid('action', '缺少操作名称「action」');
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    throw invalid('data', '「data」应为对象');
  }
  return { action, data: data ?? {} };
}

function actionOf(event: unknown): string {
  const a = (event as { action?: unknown } | null)?.action;
  return typeof a === 'string' ? a : '?';
}

/** The node the request names (if it names one): it must exist, lie in scope and be at its level. */
async function loadTarget(store: Store, t: TargetRule, req: Record<string, unknown>, authorize: (node: NodeRef) => void): Promise<OrgDoc | undefined> {
  const field = t.fields.find((f) => typeof req[f] === 'string');
  if (!field) return undefined;
  const node = await store.get('orgs', req[field] as string);
  if (!node) throw notFound('组织节点不存在', { field: `data.${field}` });
  authorize(node);
  if (t.levels && !t.levels.includes(node.level)) throw invalid(`data.${field}`, t.message ?? '组织层级不符');
  return node;
}
