/** The photo rules both sides hold, and the CloudBase adapter up to the SDK boundary. */
import { MAX_PHOTO_BYTES, parseFileId, photoExt, photoProblem, sniffImage } from '../../miniprogram/shared/photos';
import { cloudMedia, URL_SECONDS, type TempFileResult } from '../../server/media/cloud';
import { photoUrls } from '../../server/media/photos';

const bytes = (...b: Array<number | string>) =>
  Uint8Array.from(b.flatMap((x) => (typeof x === 'string' ? Array.from(x, (c) => c.charCodeAt(0)) : [x])).concat(Array(16).fill(0)));

test('magic numbers: JPEG, PNG, WebP, HEIC; anything else (GIF, PDF, a renamed text, too short) is no image', () => {
  expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpg');
  expect(sniffImage(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
  expect(sniffImage(bytes('RIFF', 0, 0, 0, 0, 'WEBP'))).toBe('webp');
  expect(sniffImage(bytes(0, 0, 0, 0x18, 'ftypheic'))).toBe('heic');
  expect(sniffImage(bytes('GIF89a'))).toBeNull();
  expect(sniffImage(bytes('%PDF-1.7'))).toBeNull();
  expect(sniffImage(bytes(0, 0, 0, 0x18, 'ftypisom'))).toBeNull(); // an MP4
  expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff]))).toBeNull();
});

test('the phone’s check of a picked file says why in Chinese', () => {
  const ok = { tempFilePath: 'wxfile://tmp/a.JPEG', size: 1000, fileType: 'image' };
  expect(photoProblem(ok)).toBeNull();
  expect(photoExt(ok.tempFilePath)).toBe('jpg');
  expect(photoProblem({ ...ok, fileType: 'video' })).toMatch(/视频/);
  expect(photoProblem({ ...ok, tempFilePath: 'wxfile://tmp/a.gif' })).toMatch(/JPG/);
  expect(photoProblem({ ...ok, size: MAX_PHOTO_BYTES + 1 })).toMatch(/5 MB/);
  expect(photoProblem({ ...ok, size: MAX_PHOTO_BYTES })).toBeNull();
  expect(photoProblem({ ...ok, size: 0 })).toMatch(/空/);
});

test('file ids: ours parse into kind, uploader, record key; anything else does not', () => {
  expect(parseFileId('cloud://prod-1a2b.7072-prod-1a2b-1300/media/disinfect/oABC123456/req-0001-x/1.jpg')).toEqual({
    kind: 'disinfect',
    openid: 'oABC123456',
    key: 'req-0001-x',
    path: 'media/disinfect/oABC123456/req-0001-x/1.jpg',
    ext: 'jpg',
  });
  for (const bad of [
    'local://media/disinfect/oABC123456/req-0001-x/1.gif',
    'local://media/disinfect/oABC123456/req-0001-x/../1.jpg',
    'local://media/disinfect/oABC123456/req-0001-x/sub/1.jpg',
    'https://evil.example/media/disinfect/oABC123456/req-0001-x/1.jpg',
    'local://other/disinfect/oABC123456/req-0001-x/1.jpg',
  ])
    expect(parseFileId(bad)).toBeNull();
});

test('CloudBase: a file is there when getTempFileURL answers status 0; ids go in batches of 50 with the URL lifetime', async () => {
  const calls: Array<Array<{ fileID: string; maxAge: number }>> = [];
  const stored = new Set(['cloud://e/media/disinfect/oABC123456/req-0001-x/1.jpg']);
  const media = cloudMedia({
    async getTempFileURL({ fileList }): Promise<TempFileResult> {
      calls.push(fileList);
      return {
        fileList: fileList.map(({ fileID }) =>
          stored.has(fileID)
            ? { fileID, status: 0, tempFileURL: `https://tmp.tcb/${fileID.slice(-5)}` }
            : { fileID, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' },
        ),
      };
    },
  });
  const ghost = 'cloud://e/media/disinfect/oABC123456/req-0001-x/2.jpg';
  expect(await media.missing([...stored, ghost])).toEqual([ghost]);
  expect(await photoUrls(media, [ghost, ...stored], 'viewer')).toEqual(['https://tmp.tcb/1.jpg']);
  const many = Array.from({ length: 120 }, (_, i) => `cloud://e/media/disinfect/oABC123456/req-0001-x/${i}.jpg`);
  calls.length = 0;
  await media.missing(many);
  expect(calls.map((c) => c.length)).toEqual([50, 50, 20]);
  expect(calls[0][0].maxAge).toBe(URL_SECONDS);
});

test('CloudBase: an SDK failure is not taken for a missing file', async () => {
  const media = cloudMedia({
    async getTempFileURL() {
      throw new Error('network');
    },
  });
  await expect(media.missing(['cloud://e/media/disinfect/oABC123456/req-0001-x/1.jpg'])).rejects.toThrow('network');
});
