/**
 * Photo evidence from the phone: pick with `wx.chooseMedia` (images only; each checked for type
 * and size before anything is sent, refusals said in Chinese), then upload — to cloud storage with
 * `wx.cloud.uploadFile` under the folder the server named for the caller (`uploadDir`), or to the
 * local runtime's upload endpoint — and hand the file ids to the action that records them.
 */
import type { Envelope } from '../../typings/envelope';
import type { MediaKind, PickedFile } from '../shared/photos';
import { MAX_PHOTOS, photoExt, photoPath, photoProblem } from '../shared/photos';
import { currentRuntime } from './config';
import { demoOpenid } from './dev';
import { ApiCallError, networkError } from './errors';

export interface Picked {
  files: PickedFile[];
  /** Why some picked files were left out, one line each. */
  refused: string[];
}

/** Asks for up to `room` photos (camera or album). A cancel answers no files. */
export function pickPhotos(room: number): Promise<Picked> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: Math.max(1, Math.min(room, MAX_PHOTOS)),
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
      success: (res) => {
        const files: PickedFile[] = [];
        const refused: string[] = [];
        for (const f of res.tempFiles) {
          const file = { tempFilePath: f.tempFilePath, size: f.size, fileType: f.fileType };
          const problem = photoProblem(file);
          if (problem) refused.push(problem);
          else files.push(file);
        }
        resolve({ files, refused: [...new Set(refused)] });
      },
      fail: () => resolve({ files: [], refused: [] }),
    });
  });
}

function uploadLocal(baseUrl: string, file: PickedFile, kind: MediaKind, key: string): Promise<string> {
  const openid = demoOpenid();
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${baseUrl}/api/media/upload`,
      filePath: file.tempFilePath,
      name: 'file',
      formData: { kind, key },
      header: openid ? { 'X-Openid': openid } : {},
      success: (res) => {
        let reply: Envelope<{ fileID: string }> | null;
        try {
          reply = JSON.parse(res.data) as Envelope<{ fileID: string }>;
        } catch {
          reply = null;
        }
        if (reply?.ok) resolve(reply.data.fileID);
        else if (reply) reject(new ApiCallError(reply.error.code, reply.error.message, reply.error.details ?? {}));
        else reject(new ApiCallError('INTERNAL', '照片上传失败，请重试'));
      },
      fail: (err) => reject(networkError(err.errMsg)),
    });
  });
}

async function uploadCloud(file: PickedFile, uploadDir: string, key: string, n: number): Promise<string> {
  try {
    const res = await wx.cloud.uploadFile({ cloudPath: photoPath(uploadDir, key, n, photoExt(file.tempFilePath)!), filePath: file.tempFilePath });
    return res.fileID;
  } catch (err) {
    throw networkError((err as { errMsg?: string } | null)?.errMsg);
  }
}

/**
 * Uploads the photos of one record (its request id is `key`), in order; the file ids. In the cloud
 * the files are named `first`, `first + 1`, … (default 1): a later upload to the same record
 * passes a `first` past the names already used, so it overwrites none of them.
 */
export async function uploadPhotos(files: readonly PickedFile[], opts: { kind: MediaKind; uploadDir: string; key: string; first?: number }): Promise<string[]> {
  const runtime = currentRuntime();
  const ids: string[] = [];
  for (const [i, f] of files.entries()) {
    ids.push(
      runtime.kind === 'local'
        ? await uploadLocal(runtime.baseUrl, f, opts.kind, opts.key)
        : await uploadCloud(f, opts.uploadDir, opts.key, (opts.first ?? 1) + i),
    );
  }
  return ids;
}

/** A photo tapped: WeChat's viewer over all the photos of that record (URLs the server handed out). */
export function previewPhotos(current: string, urls: readonly string[]) {
  wx.previewImage({ current, urls: [...urls] });
}
