/**
 * Photos in CloudBase storage, through wx-server-sdk's `getTempFileURL` (passed in, never
 * imported). The bucket's security rule lets clients write only files they create and read none
 * (docs/ARCHITECTURE.md "Photos"), so a temporary URL from here is the only way to view one.
 */
import type { MediaPort } from './port';

/** The part of wx-server-sdk this adapter calls. */
export interface CloudFiles {
  /** wx-server-sdk's type also allows its callback form, which answers nothing. */
  getTempFileURL(args: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<TempFileResult> | void;
}

export interface TempFileResult {
  fileList: Array<{ fileID: string; tempFileURL?: string; status: number; errMsg?: string }>;
}

/** How long a handed-out URL works, seconds. */
export const URL_SECONDS = 600;
/** getTempFileURL takes at most 50 files a call. */
const BATCH = 50;

export function cloudMedia(cloud: CloudFiles): MediaPort {
  const look = async (fileIds: readonly string[]) => {
    const out = new Map<string, string>();
    for (let i = 0; i < fileIds.length; i += BATCH) {
      const res = await cloud.getTempFileURL({ fileList: fileIds.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge: URL_SECONDS })) });
      if (!res) throw new Error('getTempFileURL answered nothing');
      for (const f of res.fileList) if (f.status === 0 && f.tempFileURL) out.set(f.fileID, f.tempFileURL);
    }
    return out;
  };
  return {
    async missing(fileIds) {
      const found = await look(fileIds);
      return fileIds.filter((id) => !found.has(id));
    },
    async urls(fileIds) {
      return Object.fromEntries(await look(fileIds));
    },
  };
}
