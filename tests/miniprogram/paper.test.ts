/**
 * 打印离线出入证: the ID tail typed (and checked), the code signed by pass.paper, the card drawn at
 * A6 proportions with the QR readable off the canvas and the masked name, household, validity and
 * what to do when lost; saved to the album through the privacy check; 补办新码 names the serial
 * it replaces. Reached from the secretary's passes list and the holder's pass page.
 */
import type { ActionRequest, ActionResponse } from '../../typings/api';
import type { PaperCredential } from '../../typings/pass';
import { A6_RATIO, idTailError, normalizeIdTail } from '../../miniprogram/staff/pages/paper/paper-view';
import { failure, installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { find, isShown, openPage, settle, tap, textOf, typeInto } from './support/mp';
import { addPassWx, readCanvas } from './support/pass-wx';
import type { PassWx } from './support/pass-wx';

const PAGE = 'staff/pages/paper/paper';
const PASS_ID = 'p7k2m9x4qa';
const DAY = 86400;
const NBF = Math.floor(Date.UTC(2024, 2, 4, 16) / 1000); // 2024-03-05 00:00 Beijing

function credential(req: ActionRequest<'pass.paper'>, ps: number): PaperCredential {
  return { v: 1, kid: 'k1', pid: req.passId, cid: 'c-xingfu', hh: '3号楼2单元502', nm: '王*兰', nbf: NBF, exp: NBF + 90 * DAY, paper: 1, ps, idt: req.idTail };
}

/** A server answering pass.paper as the real one does: serial 1, or the replaced serial + 1. */
function paperServer(): { phone: FakeWx; canvas: PassWx; saved: string[] } {
  const saved: string[] = [];
  const phone = installFakeWx({
    handlers: {
      'pass.paper': (req): ActionResponse<'pass.paper'> => {
        const cred = credential(req, (req.replaces ?? 0) + 1);
        const code = `LFP1.${Buffer.from(JSON.stringify(cred)).toString('base64url')}.${'A'.repeat(86)}`;
        return {
          code,
          credential: cred,
          pass: {
            id: req.passId,
            compoundId: 'c-xingfu',
            compoundName: '幸福小区',
            buildingId: 'b3',
            household: '3号楼2单元502',
            nameMasked: '王*兰',
            relation: 'family',
            reason: '老人无智能手机',
            status: 'approved',
            createdAt: 0,
          },
        };
      },
    },
  });
  const canvas = addPassWx(phone, { canvasSelector: '#card', cssWidth: 300, pixelRatio: 2 });
  const wx = phone.wx as unknown as Record<string, unknown>;
  wx.canvasToTempFilePath = jest.fn((opts: { success: (r: { tempFilePath: string }) => void }) => {
    void Promise.resolve().then(() => opts.success({ tempFilePath: 'wxfile://tmp/card.png' }));
  });
  // A privacy API (相册): it runs only once the privacy check lets it.
  wx.saveImageToPhotosAlbum = jest.fn((opts: { filePath: string; success: () => void; fail: (e: unknown) => void }) => {
    void phone.privacy.check('saveImageToPhotosAlbum').then(() => {
      saved.push(opts.filePath);
      opts.success();
    }, opts.fail);
  });
  return { phone, canvas, saved };
}

describe('the ID tail', () => {
  it('takes 4 characters, digits with an X last; a lower-case x is an X', () => {
    expect(normalizeIdTail(' 123x ')).toBe('123X');
    expect(normalizeIdTail('0417')).toBe('0417');
    expect(idTailError('')).toBe('请填写身份证号码的最后 4 位');
    for (const bad of ['123', '12345', 'X123', 'abcd']) expect(idTailError(bad)).toBe('应为 4 位：数字，最后一位可以是 X');
  });

  it('is checked before anything is sent', async () => {
    const { phone } = paperServer();
    const page = await openPage(PAGE, { passId: PASS_ID });
    await typeInto(page, '#id-tail', '12');
    await tap(page, '#print');
    expect(textOf(page, '#id-tail-error')).toBe('应为 4 位：数字，最后一位可以是 X');
    expect(phone.callsOf('pass.paper')).toEqual([]);
  });
});

describe('printing', () => {
  it('signs the code, draws an A6 card whose QR reads back as the code, with name, household, validity and loss advice', async () => {
    const { phone, canvas } = paperServer();
    const page = await openPage(PAGE, { passId: PASS_ID });
    expect(isShown(page, '#replace')).toBe(false);
    await typeInto(page, '#id-tail', '123x');
    await tap(page, '#print');
    await settle();

    expect(phone.callsOf('pass.paper')).toEqual([{ passId: PASS_ID, idTail: '123X' }]);
    expect(textOf(page, '#summary')).toBe('第 1 张 · 身份证尾号 123X');
    expect(canvas.canvas.width).toBe(600);
    expect(canvas.canvas.height).toBe(Math.round(600 * A6_RATIO));
    const code = readCanvas(canvas.canvas) ?? '';
    expect(code).toMatch(/^LFP1\./);
    expect(JSON.parse(Buffer.from(code.split('.')[1], 'base64url').toString())).toMatchObject({ pid: PASS_ID, idt: '123X', ps: 1 });
    expect(canvas.canvas.texts.map((t) => t.text)).toEqual([
      '离线出入证',
      '幸福小区',
      '王*兰',
      '3号楼2单元502',
      '有效期 2024-03-05 至 2024-06-03',
      '第 1 张 · 进出请出示本卡和身份证',
      '遗失请立即告诉小区书记：挂失或补办后此卡作废',
    ]);
    // The full name and the ID tail are not printed on the card.
    expect(canvas.canvas.texts.some((t) => t.text.includes('123X') || t.text.includes('王秀兰'))).toBe(false);
  });

  it('a server refusal is shown under the form', async () => {
    const { phone } = paperServer();
    phone.handlers['pass.paper'] = () => {
      throw failure('CONFLICT', '已有离线码（身份证尾号 5566），如尾号有误或卡片遗失，请选择补办新码');
    };
    const page = await openPage(PAGE, { passId: PASS_ID, serial: '1' });
    await typeInto(page, '#id-tail', '1234');
    await tap(page, '#print');
    expect(textOf(page, '#form-error')).toBe('已有离线码（身份证尾号 5566），如尾号有误或卡片遗失，请选择补办新码');
    expect(isShown(page, '#card-wrap')).toBe(false);
  });

  it('补办新码 names the card it replaces, and the new one is the next serial', async () => {
    const { phone } = paperServer();
    const page = await openPage(PAGE, { passId: PASS_ID, serial: '2' });
    expect(textOf(page, '#had')).toContain('已打印过第 2 张');
    expect(textOf(page, '#replace')).toBe('补办新码');
    await typeInto(page, '#id-tail', '0417');
    await tap(page, '#replace');
    await settle();
    expect(phone.callsOf('pass.paper')).toEqual([{ passId: PASS_ID, idTail: '0417', replaces: 2 }]);
    expect(textOf(page, '#summary')).toBe('第 3 张 · 身份证尾号 0417');
  });
});

describe('saving to the album', () => {
  async function printed() {
    const server = paperServer();
    const page = await openPage(PAGE, { passId: PASS_ID });
    await typeInto(page, '#id-tail', '123X');
    await tap(page, '#print');
    await settle();
    return { ...server, page };
  }

  it('saves the drawn card as an image', async () => {
    const { phone, page, saved } = await printed();
    await tap(page, '#save');
    await settle();
    expect((phone.wx as unknown as { canvasToTempFilePath: jest.Mock }).canvasToTempFilePath).toHaveBeenCalledWith(
      expect.objectContaining({ fileType: 'png' }),
    );
    expect(saved).toEqual(['wxfile://tmp/card.png']);
    expect(textOf(page, '#save-message')).toBe('已保存到相册，可用 A6 纸或照片纸打印');
  });

  it('asks for privacy consent through the sheet; refused, it says how to print anyway', async () => {
    const { phone, page, saved } = await printed();
    phone.privacy.agreed = false;
    await tap(page, '#save');
    await settle();
    expect(isShown(page, '#privacy-sheet', '#privacy-consent')).toBe(true);
    await tap(page, '#privacy-sheet', '#privacy-disagree');
    await settle();
    expect(saved).toEqual([]);
    expect(textOf(page, '#save-message')).toBe('未同意隐私保护指引，无法保存到相册。可以截屏保存后打印');

    phone.privacy.agreed = false;
    await tap(page, '#save');
    await settle();
    find(page, '#privacy-sheet', '#privacy-agree').dispatchEvent('agreeprivacyauthorization');
    await settle();
    expect(saved).toEqual(['wxfile://tmp/card.png']);
  });
});
