/** The CloudBase adapter for exported files, up to the SDK boundary (a fake wx-server-sdk). */
import { mkdtempSync, writeFileSync, type ReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdkExportFiles, type CloudStorage } from '../../server/media/exports';

function fakeSdk() {
  const stored = new Map<string, Buffer>();
  const calls: string[] = [];
  const sdk: CloudStorage = {
    async uploadFile({ cloudPath, fileContent }) {
      calls.push(`upload ${cloudPath}`);
      const chunks: Buffer[] = [];
      for await (const c of fileContent as ReadStream) chunks.push(c as Buffer);
      stored.set(`cloud://env.bucket/${cloudPath}`, Buffer.concat(chunks));
      return { fileID: `cloud://env.bucket/${cloudPath}` };
    },
    async getTempFileURL({ fileList }) {
      calls.push(`url ${fileList.map((f) => `${f.fileID}@${f.maxAge}`).join()}`);
      return {
        fileList: fileList.map((f) =>
          stored.has(f.fileID)
            ? { fileID: f.fileID, status: 0, tempFileURL: `https://tmp.example/${f.fileID.slice(8)}?sign=x` }
            : { fileID: f.fileID, status: -1 },
        ),
      };
    },
    async deleteFile({ fileList }) {
      calls.push(`delete ${fileList.join()}`);
      return {
        fileList: fileList.map((id) => (stored.delete(id) ? { fileID: id, status: 0 } : { fileID: id, status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' })),
      };
    },
  };
  return { sdk, stored, calls };
}

test('put streams the file up under its path; url asks for the seconds given; remove deletes, and a file already gone is fine', async () => {
  const { sdk, stored, calls } = fakeSdk();
  const files = sdkExportFiles(sdk);
  const local = join(mkdtempSync(join(tmpdir(), 'lf-cloud-')), 'a.xlsx');
  writeFileSync(local, 'PK-bytes');
  const id = await files.put(local, 'exports/demo-secretary/xabc.xlsx');
  expect(id).toBe('cloud://env.bucket/exports/demo-secretary/xabc.xlsx');
  expect(stored.get(id)!.toString()).toBe('PK-bytes');
  expect(await files.url(id, 'demo-secretary', 600)).toBe('https://tmp.example/env.bucket/exports/demo-secretary/xabc.xlsx?sign=x');
  await files.remove(id);
  expect(await files.url(id, 'demo-secretary', 600)).toBeNull();
  await expect(files.remove(id)).resolves.toBeUndefined();
  expect(calls).toEqual(['upload exports/demo-secretary/xabc.xlsx', `url ${id}@600`, `delete ${id}`, `url ${id}@600`, `delete ${id}`]);
});

test('a storage failure other than a missing file is an error (the purge keeps the record and tries again)', async () => {
  const files = sdkExportFiles({
    deleteFile: async ({ fileList }) => ({ fileList: fileList.map((fileID) => ({ fileID, status: -1, errMsg: 'permission denied' })) }),
  });
  await expect(files.remove('cloud://x/y.xlsx')).rejects.toThrow('permission denied');
});

test('a function whose SDK lacks the call says so', async () => {
  await expect(sdkExportFiles({}).url('cloud://x/y.xlsx', 'demo-secretary', 600)).rejects.toThrow('getTempFileURL is not available to this function');
});
