/**
 * Filters in one normal form every adapter compiles: a list of clauses that are ANDed.
 *
 * Semantics (the same in SQLite and CloudBase, which follows MongoDB):
 * - a missing field equals `null`: `{ f: null }` matches missing or null, `$ne: x` matches missing;
 * - ranges never match a missing/null field;
 * - `$has` matches an array holding the element;
 * - a field should hold one type: ordering across types differs between the backends.
 */
import type { Doc, FieldOps, Filter, Scalar, UpdateCondition } from './port';
import { assertField, getPath } from './paths';

export type Op = keyof FieldOps;

export interface Clause {
  field: string;
  op: Op;
  /** A scalar, or a list of scalars for `$in`. Booleans are allowed in ranges (cursor values). */
  value: Scalar | Scalar[];
}

const OPS: ReadonlySet<string> = new Set<Op>(['$eq', '$ne', '$in', '$gt', '$gte', '$lt', '$lte', '$has']);

const isScalar = (v: unknown): v is Scalar => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export function isFieldOps(v: unknown): v is FieldOps {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a filter and flattens it into clauses. */
export function toClauses(filter: Filter | undefined): Clause[] {
  const out: Clause[] = [];
  for (const [field, cond] of Object.entries(filter ?? {})) {
    assertField(field);
    if (!isFieldOps(cond)) {
      if (!isScalar(cond)) throw new Error(`filter on ${field}: expected a scalar or operators`);
      out.push({ field, op: '$eq', value: cond });
      continue;
    }
    for (const [op, value] of Object.entries(cond)) {
      if (value === undefined) continue;
      if (!OPS.has(op)) throw new Error(`filter on ${field}: unknown operator ${op}`);
      if (op === '$in') {
        if (!Array.isArray(value) || !value.every(isScalar)) throw new Error(`filter on ${field}: $in takes a list of scalars`);
      } else if (op === '$eq' || op === '$ne') {
        if (!isScalar(value)) throw new Error(`filter on ${field}: ${op} takes a scalar`);
      } else if (op === '$has') {
        if (!isScalar(value) || value === null) throw new Error(`filter on ${field}: $has takes a non-null scalar`);
      } else if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
        throw new Error(`filter on ${field}: ${op} takes a string or number`);
      }
      out.push({ field, op: op as Op, value: value as Scalar | Scalar[] });
    }
  }
  return out;
}

/** Equality where a missing value equals null. */
export function sameScalar(stored: unknown, expected: Scalar): boolean {
  return expected === null ? stored === null || stored === undefined : stored === expected;
}

/** Whether a stored document satisfies an update condition. */
export function matchesCondition(doc: Doc, cond: UpdateCondition | undefined): boolean {
  if (!cond) return true;
  if (cond.version !== undefined && doc._v !== cond.version) return false;
  for (const [field, expected] of Object.entries(cond.fields ?? {})) {
    if (!sameScalar(getPath(doc, assertField(field)), expected)) return false;
  }
  return true;
}

/** Validates the field names of an update condition (before it reaches a query). */
export function conditionFields(cond: UpdateCondition | undefined): Array<[string, Scalar]> {
  return Object.entries(cond?.fields ?? {}).map(([field, value]) => {
    assertField(field);
    if (!isScalar(value)) throw new Error(`condition on ${field}: expected a scalar`);
    return [field, value];
  });
}
