/**
 * A bounded context registers itself here: the cloud function that serves its actions, the
 * collections it keeps (with their indexes), the jobs the timer runs for it and the subscription
 * templates it sends. `compose` derives the app's tables from the list of contexts
 * (server/app.ts); a cloud function's entry imports only its own context.
 */
import type { Rule } from '../auth/rules';
import { TEMPLATE_NAMES, type RateLimit } from '../core/config';
import type { TickJob } from '../messaging/jobs';
import type { AllTemplateDecls, TemplateDecls } from '../messaging/templates';
import type { CollectionSpec } from '../store/collections';
import type { Collections, Name } from '../store/port';
import type { ActionDef, FunctionDef } from './action';

/** `K`: the collections it keeps (their document types are declared in Collections, store/port.ts). */
export interface BoundedContext<K extends Name<Collections> = Name<Collections>> {
  /** Its cloud function; its actions are named "<name>.<verb>". */
  name: string;
  actions: FunctionDef;
  collections: { readonly [C in K]?: CollectionSpec };
  /** Run by the timer on every tick, before the sender (server/messaging/tick.ts). */
  jobs: readonly TickJob[];
  templates: TemplateDecls;
}

export function defineContext<K extends Name<Collections> = never>(spec: {
  name: string;
  actions: readonly ActionDef[];
  collections?: { readonly [C in K]: CollectionSpec };
  jobs?: readonly TickJob[];
  templates?: TemplateDecls;
}): BoundedContext<K> {
  const actions: Record<string, ActionDef> = {};
  for (const def of spec.actions) {
    const [fn, verb, ...rest] = def.name.split('.');
    if (fn !== spec.name || !verb || rest.length) throw new Error(`context ${spec.name}: action ${def.name} is not "${spec.name}.<verb>"`);
    if (actions[verb]) throw new Error(`context ${spec.name}: ${def.name} defined twice`);
    actions[verb] = def;
  }
  const collections: BoundedContext<K>['collections'] = spec.collections ?? {};
  return { name: spec.name, actions, collections, jobs: spec.jobs ?? [], templates: spec.templates ?? {} };
}

/** The app's tables, derived from its contexts. */
export interface Composition {
  /** Cloud function → its actions: what the local runtime and the tests host. */
  functions: Readonly<Record<string, FunctionDef>>;
  /** The authorization table: action name → rule. */
  rules: Readonly<Record<string, Rule>>;
  /** The rate limits the actions declare: action name → limit (LF_RATE_LIMITS may replace them). */
  limits: Readonly<Record<string, RateLimit>>;
  collections: Readonly<Record<string, CollectionSpec>>;
  /** In the order of the contexts. */
  jobs: readonly TickJob[];
  templates: AllTemplateDecls;
}

/** Also takes the collections infrastructure keeps for itself. Throws on a name taken twice or a template nobody declares. */
export function compose(contexts: readonly BoundedContext[], infrastructure: { collections: Readonly<Record<string, CollectionSpec>> }): Composition {
  const functions: Record<string, FunctionDef> = {};
  const rules: Record<string, Rule> = {};
  const limits: Record<string, RateLimit> = {};
  const collections: Record<string, CollectionSpec> = { ...infrastructure.collections };
  const templates: Record<string, unknown> = {};
  const once = <T>(table: Record<string, T>, key: string, value: T, what: string) => {
    if (key in table) throw new Error(`${what} ${key} is registered twice`);
    table[key] = value;
  };
  for (const c of contexts) {
    once(functions, c.name, c.actions, 'cloud function');
    for (const def of Object.values(c.actions)) {
      rules[def.name] = def.rule;
      if (def.limit) limits[def.name] = def.limit;
    }
    for (const [name, spec] of Object.entries(c.collections)) once(collections, name, spec as CollectionSpec, 'collection');
    for (const [name, decl] of Object.entries(c.templates)) once(templates, name, decl, 'template');
  }
  const missing = TEMPLATE_NAMES.filter((n) => !(n in templates));
  if (missing.length) throw new Error(`no context declares the template(s) ${missing.join(', ')}`);
  return { functions, rules, limits, collections, jobs: contexts.flatMap((c) => c.jobs), templates: templates as AllTemplateDecls };
}
