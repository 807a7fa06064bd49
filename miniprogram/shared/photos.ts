/**
 * Photo evidence attached to records (disinfection logs, whistle reports, inspection findings and
 * rectifications, case reports):
 * the limits the phone checks before uploading and the server holds again, the magic numbers an
 * image starts with, and where a record's photos live. Shared: no `wx` here.
 *
 * A photo's path is `media/<kind>/<openid>/<key>/<name>.<ext>`: the record kind, the uploader, and
 * the record's own key (the request id that also names the record), so a file can only ever be
 * attached to the one record whose key its path names. File ids: `cloud://<env>/media/…` in the
 * cloud, `local://media/…` in the local runtime.
 */

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_EXTS = ['jpg', 'png', 'webp', 'heic'] as const;
export type PhotoExt = (typeof PHOTO_EXTS)[number];

/** The record kinds that carry photos (a path segment). */
export const MEDIA_KINDS = ['disinfect', 'whistle', 'inspect', 'case'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The extension of a picked file's path, `jpeg` read as `jpg`; null when not an allowed image. */
export function photoExt(path: string): PhotoExt | null {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(path);
  const ext = m ? m[1].toLowerCase() : '';
  const norm = ext === 'jpeg' ? 'jpg' : ext;
  return (PHOTO_EXTS as readonly string[]).includes(norm) ? (norm as PhotoExt) : null;
}

/** A file as `wx.chooseMedia` answers it. */
export interface PickedFile {
  tempFilePath: string;
  size: number;
  fileType?: string;
}

/** Why a picked file cannot be used, in Chinese; null when it can. */
export function photoProblem(file: PickedFile): string | null {
  if (file.fileType && file.fileType !== 'image') return '只能上传照片，不能上传视频';
  if (!photoExt(file.tempFilePath)) return '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片';
  if (!(file.size > 0)) return '照片是空的，请重新拍摄';
  if (file.size > MAX_PHOTO_BYTES) return `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB（这张 ${(file.size / 1024 / 1024).toFixed(1)} MB）`;
  return null;
}

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...Array.from(b.subarray(from, to)));
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** What the first bytes say the file is (JPEG, PNG, WebP, HEIC); null for anything else. Needs 12 bytes. */
export function sniffImage(head: Uint8Array): PhotoExt | null {
  if (head.length < 12) return null;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(head, 8, 12))) return 'heic';
  return null;
}

const SEGMENT = '[A-Za-z0-9_-]';
/** A record key (the record's request id) and a file name: what a path may hold. */
export const MEDIA_KEY_RE = new RegExp(`^${SEGMENT}{8,64}$`);
const FILE_ID_RE = new RegExp(
  `^(?:cloud://[A-Za-z0-9._-]{1,128}/|local://)media/([a-z]{2,20})/(${SEGMENT}{6,64})/(${SEGMENT}{8,64})/(${SEGMENT}{1,40})\\.(jpg|png|webp|heic)$`,
);

/** The caller's own folder for a kind of record: `media/<kind>/<openid>` (the server tells the phone). */
export const mediaRoot = (kind: MediaKind, openid: string) => `media/${kind}/${openid}`;
/** Where the photos of one record go: `<root>/<key>/<n>.<ext>`. */
export const photoPath = (root: string, key: string, n: number, ext: PhotoExt) => `${root}/${key}/${n}.${ext}`;

export interface ParsedFileId {
  kind: string;
  openid: string;
  key: string;
  /** The path inside the bucket (or under the local media directory). */
  path: string;
  ext: PhotoExt;
}

/** A file id's parts; null for anything not shaped like one of ours. */
export function parseFileId(fileId: string): ParsedFileId | null {
  const m = FILE_ID_RE.exec(fileId);
  if (!m) return null;
  return { kind: m[1], openid: m[2], key: m[3], path: `media/${m[1]}/${m[2]}/${m[3]}/${m[4]}.${m[5]}`, ext: m[5] as PhotoExt };
}

/** The longest file id accepted. */
export const MAX_FILE_ID = 400;
