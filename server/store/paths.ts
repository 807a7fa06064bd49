/**
 * Field names and dotted paths, shared by every adapter (and the CloudBase fake).
 *
 * Field names come from code, not from requests, but they end up inside SQL text and
 * CloudBase queries, so every one is checked against a strict pattern first.
 */
import type { Doc } from './port';

/**
 * `a`, `a_b`, `a.b.c`, and nested keys that are ids (`n.sz-s1-c01.r`): the first segment is a
 * plain name; later ones may hold digits and dashes. No quotes, spaces or empty segments.
 */
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/;
const COLLECTION_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function assertField(field: string): string {
  if (typeof field !== 'string' || !FIELD_RE.test(field)) throw new Error(`invalid field name: ${JSON.stringify(field)}`);
  return field;
}

export function assertDocId(doc: Doc): string {
  if (typeof doc?._id !== 'string' || !doc._id) throw new Error('a document needs a non-empty string _id');
  return doc._id;
}

export function assertCollection(name: string): string {
  if (typeof name !== 'string' || !COLLECTION_RE.test(name)) throw new Error(`invalid collection name: ${JSON.stringify(name)}`);
  return name;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path, `undefined` when any step is missing. */
export function getPath(doc: unknown, field: string): unknown {
  if (!field.includes('.')) return isObj(doc) ? doc[field] : undefined;
  let cur: unknown = doc;
  for (const key of field.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets a dotted path, creating missing parents; refuses to descend into a non-object. */
export function setPath(doc: Obj, field: string, value: unknown): void {
  const keys = field.split('.');
  let cur = doc;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (next === undefined || next === null) cur = cur[key] = {};
    else if (isObj(next)) cur = next;
    else throw new Error(`cannot set ${field}: ${key} is not an object`);
  }
  cur[keys[keys.length - 1]] = value;
}

export function unsetPath(doc: Obj, field: string): void {
  const keys = field.split('.');
  const parent = keys.length === 1 ? doc : getPath(doc, keys.slice(0, -1).join('.'));
  if (isObj(parent)) delete parent[keys[keys.length - 1]];
}

/**
 * The port's update semantics: top-level keys replace the field wholesale (no deep merge),
 * dotted keys set one nested field, `undefined` removes the field. `_id`/`_v` are not patchable.
 */
export function applyPatch(doc: Doc, patch: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(patch)) {
    assertPatchField(field);
    if (value === undefined) unsetPath(doc, field);
    else setPath(doc, field, value);
  }
}

export function assertPatchField(field: string): void {
  assertField(field);
  if (field === '_id' || field === '_v' || field.startsWith('_id.') || field.startsWith('_v.')) {
    throw new Error(`${field} cannot be updated`);
  }
}

/** Validated `[field, delta]` pairs of an increment. */
export function incrementEntries(deltas: Record<string, number>): Array<[string, number]> {
  return Object.entries(deltas).map(([field, delta]) => {
    assertPatchField(field);
    if (typeof delta !== 'number' || !Number.isFinite(delta)) throw new Error(`increment of ${field} must be a finite number`);
    return [field, delta];
  });
}

/** Adds `deltas` to numeric fields (missing = 0). Throws on a non-numeric field or delta. */
export function applyIncrement(doc: Doc, deltas: Record<string, number>): void {
  for (const [field, delta] of incrementEntries(deltas)) {
    const cur = getPath(doc, field);
    if (cur !== undefined && typeof cur !== 'number') throw new Error(`cannot increment ${field}: not a number`);
    setPath(doc, field, (cur ?? 0) + delta);
  }
}
