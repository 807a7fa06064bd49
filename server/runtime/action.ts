/**
 * An action: its rule (who may call it, on which node), its request schema, and its handler,
 * typed against the API contract (typings/api.ts): a handler answering another shape than the
 * contract's response fails tsc. Dispatch (./dispatch.ts) runs every check the rule names before
 * the handler; a rule's target arrives as `ctx.target`, loaded, in scope and at its level.
 */
import type * as z from 'zod/mini';
import type { Actions } from '../../typings/api';
import type { OrgLevel } from '../../typings/domain';
import type { Caller } from '../auth/caller';
import type { NodeRef, OrgDoc } from '../auth/nodes';
import type { Rule, Scope } from '../auth/rules';
import type { Clock } from '../core/clock';
import type { Config, RateLimit } from '../core/config';
import type { FieldLabels } from '../core/validate';
import type { Store } from '../store/port';
import type { Services } from './services';

/** What a handler gets besides its validated request. */
export interface ActionContext {
  caller: Caller;
  /** Metered: every read and write of this request is counted. */
  store: Store;
  clock: Clock;
  config: Config;
  services: Services;
  /** Throws FORBIDDEN unless this action's rule reaches `node` (for targets found by loading an entity). */
  authorize(node: NodeRef): void;
  /** Whether this action's rule reaches `node` (a document named by id: see ./found.ts). */
  reaches(node: NodeRef): boolean;
}

/** An action as dispatch runs it. */
export interface ActionDef {
  /** "<function>.<verb>" */
  name: string;
  rule: Rule;
  schema: z.core.$ZodType;
  labels?: FieldLabels;
  /** Per-caller rate limit (./limits.ts); LF_RATE_LIMITS may replace it. */
  limit?: RateLimit;
  handle(req: unknown, ctx: ActionContext & { target?: OrgDoc }): Promise<unknown>;
}

/** A cloud function: verbs → actions. */
export type FunctionDef = Readonly<Record<string, ActionDef>>;

/** An API contract: action name → request and response (typings/api.ts `Actions`, or a test's own). */
export type Contract<C> = { [A in keyof C]: { req: unknown; res: unknown } };

type Field<S extends z.core.$ZodType> = Extract<keyof z.infer<S>, string>;

/** The target the handler gets: always there when the request must name it, else maybe. */
type TargetOf<R, K extends keyof R> = [K] extends [never] ? unknown : undefined extends R[K] ? { target?: OrgDoc } : { target: OrgDoc };

export interface ActionSpec<Res, S extends z.core.$ZodType, K extends Field<S>> {
  roles: Rule['roles'];
  scope: Scope;
  /** The request field(s) naming the org node the action works on; the first present is used. */
  target?: { field: K | readonly K[]; levels?: readonly OrgLevel[]; message?: string };
  schema: S;
  /** Chinese names of request fields for error messages. */
  labels?: FieldLabels;
  /** At most `max` calls per caller per `per` (a client could spam it: costly, or a guess at a code). */
  limit?: RateLimit;
  handle(req: z.infer<S>, ctx: ActionContext & TargetOf<z.infer<S>, K>): Promise<Res>;
}

/** `action` for a contract: the action's name picks the response type its handler must produce. */
export function actionsOf<C extends Contract<C>>() {
  return function action<A extends Extract<keyof C, string>, S extends z.core.$ZodType, K extends Field<S> = never>(
    name: A,
    spec: ActionSpec<C[A]['res'], S, K>,
  ): ActionDef {
    const { roles, scope, target, schema, labels, limit, handle } = spec;
    const rule: Rule = { roles, scope };
    if (target) {
      const fields: readonly string[] = typeof target.field === 'string' ? [target.field] : target.field;
      rule.target = { fields, ...(target.levels ? { levels: target.levels, message: target.message } : {}) };
    }
    return { name, rule, schema, labels, ...(limit ? { limit } : {}), handle: handle as ActionDef['handle'] };
  };
}

/** Defines one of the app's actions (typings/api.ts). */
export const action = actionsOf<Actions>();
