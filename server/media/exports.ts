/**
 * Storage for exported files (ledgers, ARCHITECTURE §5h): the server writes a file to a local
 * temporary path, `put` stores it, `url` hands its maker a link that works for a while, `remove`
 * deletes it when it expires. Adapters: CloudBase storage (below: `uploadFile`, `getTempFileURL`,
 * `deleteFile`), the local runtime's directory (local/exports.ts), and none.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { precondition } from '../core/errors';

export interface ExportFiles {
  /** Stores the file at `localPath` as `cloudPath`; answers its file id. */
  put(localPath: string, cloudPath: string): Promise<string>;
  /**
   * A link to download the file for `seconds` (whoever holds it, like CloudBase's temporary URLs:
   * 复制链接 forwards it); `fileName` is what a download saves it as where the host can say so.
   * Null when the file is gone.
   */
  url(fileId: string, viewer: string, seconds: number, fileName?: string): Promise<string | null>;
  /** Deletes the file; a missing one is not an error. */
  remove(fileId: string): Promise<void>;
}

/** No storage (hosts without one): exports are refused, nothing is stored. */
export const NO_EXPORT_FILES: ExportFiles = {
  async put() {
    throw precondition('此环境未配置文件存储，暂不能导出');
  },
  async url() {
    return null;
  },
  async remove() {},
};

/** The part of wx-server-sdk the cloud adapter calls (passed in, never imported). */
export interface CloudStorage {
  /** wx-server-sdk's types also allow the callback forms, which answer nothing. */
  uploadFile(args: { cloudPath: string; fileContent: ReadStream }): Promise<{ fileID: string }> | void;
  getTempFileURL(args: {
    fileList: Array<{ fileID: string; maxAge: number }>;
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL?: string; status: number }> }> | void;
  deleteFile(args: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg?: string }> }> | void;
}

/** CloudBase storage. The bucket rule lets no client read, so the temporary URL is the only way in. */
export function cloudExportFiles(cloud: CloudStorage): ExportFiles {
  return {
    async put(localPath, cloudPath) {
      const content = createReadStream(localPath);
      try {
        const res = await cloud.uploadFile({ cloudPath, fileContent: content });
        if (!res?.fileID) throw new Error('uploadFile answered no fileID');
        return res.fileID;
      } finally {
        content.destroy();
      }
    },
    async url(fileId, _viewer, seconds) {
      const res = await cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: seconds }] });
      if (!res) throw new Error('getTempFileURL answered nothing');
      const f = res.fileList.find((x) => x.fileID === fileId);
      return f && f.status === 0 && f.tempFileURL ? f.tempFileURL : null;
    },
    async remove(fileId) {
      const res = await cloud.deleteFile({ fileList: [fileId] });
      if (!res) throw new Error('deleteFile answered nothing');
      const f = res.fileList.find((x) => x.fileID === fileId);
      // A file already gone is what we wanted; any other failure is retried by the next purge.
      if (f && f.status !== 0 && !/not ?exist|STORAGE_FILE_NONEXIST/i.test(f.errMsg ?? '')) throw new Error(`deleteFile: ${f.errMsg ?? f.status}`);
    },
  };
}

/** The adapter over an SDK module that may lack a call (a function not given the permission). */
export function sdkExportFiles(cloud: Partial<CloudStorage>): ExportFiles {
  const need = <K extends keyof CloudStorage>(k: K): CloudStorage[K] => {
    const f = cloud[k];
    if (!f) throw new Error(`${k} is not available to this function`);
    return f.bind(cloud) as CloudStorage[K];
  };
  return cloudExportFiles({
    uploadFile: (args) => need('uploadFile')(args),
    getTempFileURL: (args) => need('getTempFileURL')(args),
    deleteFile: (args) => need('deleteFile')(args),
  });
}
