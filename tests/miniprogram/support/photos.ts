/** The camera and cloud storage for page tests: `wx.chooseMedia` answers the picks queued, in turn (none left: a cancel); `wx.cloud.uploadFile` stores under the cloud path asked. */
import type { FakeWx } from './fake-wx';

export type Picked = Array<{ tempFilePath: string; size: number; fileType: string }>;

export const MB = 1024 * 1024;
export const photo = (name: string, size = MB, fileType = 'image') => ({ tempFilePath: `wxfile://tmp/${name}`, size, fileType });

export function fakePhotos(fake: FakeWx, picks: Picked[]) {
  const chooseMedia = jest.fn((opts: { count: number; mediaType: string[]; success: (r: { tempFiles: Picked }) => void; fail: () => void }) => {
    const next = picks.shift();
    if (next) opts.success({ tempFiles: next });
    else opts.fail();
  });
  const uploadFile = jest.fn(async ({ cloudPath }: { cloudPath: string; filePath: string }) => {
    if (fake.offline) throw { errMsg: 'cloud.uploadFile:fail network' };
    return { fileID: `cloud://env-1/${cloudPath}` };
  });
  Object.assign(fake.wx, { chooseMedia });
  Object.assign(fake.wx.cloud, { uploadFile });
  return { chooseMedia, uploadFile };
}
