import type * as z from 'zod/mini';
import type { Caller } from '../auth/caller';
import type { Clock } from '../core/clock';
import type { Config } from '../core/config';
import { invalid } from '../core/errors';
import type { FieldLabels } from '../core/validate';
import type { OrgDoc } from '../org/model';
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
  /** The org node the policy's `target` named, loaded and already authorized. */
  target?: OrgDoc;
  /** Throws FORBIDDEN unless this action's rule reaches `node` (for targets found by loading an entity). */
  authorize(node: Pick<OrgDoc, '_id' | 'path'>): void;
}

export interface ActionDef<S extends z.core.$ZodType = z.core.$ZodType, R = unknown> {
  schema: S;
  labels?: FieldLabels;
  handle(req: z.infer<S>, ctx: ActionContext): Promise<R>;
}

/** Helps inference: `action(schema, labels, handle)` keeps the handler typed by its schema. */
export function action<S extends z.core.$ZodType, R>(
  schema: S,
  labels: FieldLabels,
  handle: (req: z.infer<S>, ctx: ActionContext) => Promise<R>,
): ActionDef<S, R> {
  return { schema, labels, handle };
}

/** The target the request named, which must be a compound. */
export function requireCompound(ctx: ActionContext): OrgDoc {
  const node = ctx.target!;
  if (node.level !== 'compound') throw invalid('data.compoundId', '请选择一个小区');
  return node;
}

/** A cloud function: verbs → actions. */
export type FunctionDef = Record<string, ActionDef>;
