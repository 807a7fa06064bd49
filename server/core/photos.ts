/**
 * Photos attached to a record: storage fileIDs (`cloud://<env>/<path>`), checked by pattern only.
 * Who owns a file is checked where uploads are kept; here a record just holds their ids.
 */
import { listOf, matching } from './validate';

/** One storage fileID: `cloud://` then the environment and a path, no spaces or controls. */
export const FILE_ID = /^cloud:\/\/[A-Za-z0-9._-]{1,80}\/[A-Za-z0-9._\-/]{1,200}$/;

/** Up to `max` (default 9) fileIDs, none repeated (repeats are dropped by `uniquePhotos`). */
export const photos = (min = 0, max = 9) => listOf(matching(FILE_ID, '图片编号格式不正确'), min, max);

/** The list in order, each fileID once. */
export const uniquePhotos = (ids: readonly string[]) => [...new Set(ids)];
