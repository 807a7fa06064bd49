/**
 * Documents named by id (ARCHITECTURE.md §6, scope before existence): a caller who may not see one
 * gets the answer a missing id gets, NOT_FOUND「<what>不存在或无权访问」, so no answer tells whether an
 * id exists outside the caller's area.
 */
import { notFound } from '../core/errors';

/** `doc` if it exists and the caller may see it, else NOT_FOUND naming `field`, the same either way. */
export function found<T>(doc: T | null | undefined, visible: (d: T) => boolean, what: string, field: string): T {
  if (!doc || !visible(doc)) throw notFound(`${what}不存在或无权访问`, { field });
  return doc;
}
