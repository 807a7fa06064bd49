/**
 * Photo evidence on a record, for every context that keeps photos: the request field
 * (`photos()`: file ids, at most nine, no repeats), the check before the record is written
 * (`checkPhotos`: each file the caller's own upload, for this record, stored), and the URLs a
 * viewer gets (`photoUrls`). A photo's path names the record kind, the uploader and the record's
 * key (miniprogram/shared/photos.ts), and a record's id is made from the same uploader and key, so
 * the store's unique id is what keeps one file from being attached to two records.
 */
import * as z from 'zod/mini';
import { MAX_FILE_ID, MAX_PHOTOS, parseFileId, type MediaKind } from '../../miniprogram/shared/photos';
import { invalid } from '../core/errors';
import type { MediaPort } from './port';

/** The request field: file ids, 0–9 of them, each once. */
export const photos = () =>
  z
    .array(
      z.string().check(
        z.maxLength(MAX_FILE_ID),
        z.refine((s) => parseFileId(s) !== null, { error: '照片编号格式不正确' }),
      ),
    )
    .check(
      z.maxLength(MAX_PHOTOS, { error: `最多 ${MAX_PHOTOS} 张照片` }),
      z.refine((ids) => new Set(ids).size === ids.length, { error: '同一张照片只能添加一次' }),
    );

/**
 * Refuses (INVALID_ARGUMENT on `field`) a file that is not the caller's upload for this record —
 * another kind, another uploader, another record's key — or that storage does not hold.
 */
export async function checkPhotos(media: MediaPort, input: { kind: MediaKind; openid: string; key: string; fileIds: readonly string[]; field: string }) {
  const { kind, openid, key, fileIds, field } = input;
  fileIds.forEach((id, i) => {
    const p = parseFileId(id);
    if (!p || p.kind !== kind || p.openid !== openid || p.key !== key) throw invalid(`${field}.${i}`, '这张照片不是您为本条记录上传的，请重新选择照片');
  });
  if (!fileIds.length) return;
  const missing = new Set(await media.missing(fileIds));
  const i = fileIds.findIndex((id) => missing.has(id));
  if (i >= 0) throw invalid(`${field}.${i}`, '照片没有上传成功，请重新上传');
}

/** The viewer's URLs for a record's photos, in order; a file storage no longer holds is left out. */
export async function photoUrls(media: MediaPort, fileIds: readonly string[], viewer: string): Promise<string[]> {
  if (!fileIds.length) return [];
  const urls = await media.urls(fileIds, viewer);
  return fileIds.flatMap((id) => (urls[id] ? [urls[id]] : []));
}

/**
 * Puts the viewer's URLs in place of the file ids on every photo list `holders` picks from the
 * views (one storage lookup for all of them); a file storage no longer holds is left out.
 */
export async function showPhotos<T>(media: MediaPort, viewer: string, views: T[], holders: (v: T) => Array<{ photos: string[] } | undefined>): Promise<T[]> {
  const lists = views.flatMap((v) => holders(v).filter((h): h is { photos: string[] } => !!h && h.photos.length > 0));
  if (!lists.length) return views;
  const urls = await media.urls([...new Set(lists.flatMap((h) => h.photos))], viewer);
  for (const h of lists) h.photos = h.photos.flatMap((id) => (urls[id] ? [urls[id]] : []));
  return views;
}
