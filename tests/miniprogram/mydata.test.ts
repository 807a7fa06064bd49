/** 我的数据: export shown as its summary, who viewed my data (paged), and deleting the account behind 确认注销. */
import { PROFILE_KEY } from '../../miniprogram/services/profile-cache';
import { failure, installFakeWx } from './support/fake-wx';
import type { FakeWx, Handlers } from './support/fake-wx';
import { RESIDENT_ME, UNREGISTERED_ME } from './support/fixtures';
import { find, isDisabled, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const MYDATA = 'resident/pages/mydata/mydata';
const AT = Date.UTC(2026, 10, 28, 2, 5); // 2026-11-28 10:05 Beijing

const record = (i: number) => ({
  who: '代*军（小区书记）',
  role: 'secretary' as const,
  orgName: '威尼斯水城',
  what: '查看志愿者名单（姓名）',
  at: AT + i * 60_000,
});

function serve(handlers: Handlers = {}): FakeWx {
  let deleted = false;
  return installFakeWx({
    handlers: {
      'account.accessLog': (data) => (data.cursor ? { items: [record(2)] } : { items: [record(0), record(1)], next: 'c2' }),
      'account.export': () => ({ data: {} as never, summary: '《我的数据》\n账号：姓名 张伟', generatedAt: AT, truncated: [] }),
      'account.delete': () => {
        deleted = true;
        return { deleted: true, passesRevoked: 1, gateEventsCleared: 0, vehiclesRemoved: 0, volunteerRecords: 0, duties: 0, casesReported: 0, census: 0 };
      },
      'account.me': () => (deleted ? UNREGISTERED_ME : RESIDENT_ME),
      ...handlers,
    },
  });
}

describe('我的数据', () => {
  it('lists who viewed my data, newest first as the server sends, with 加载更多', async () => {
    const server = serve();
    const page = await openPage(MYDATA);
    await settle();
    expect(textsOf(page, '.md-row-who')).toEqual(['代*军（小区书记）', '代*军（小区书记）']);
    expect(textOf(page, '.md-row')).toContain('2026-11-28 10:05');
    await tap(page, '#access-more');
    await settle();
    expect(textsOf(page, '.md-row-who')).toHaveLength(3);
    expect(isShown(page, '#access-more')).toBe(false);
    expect(server.callsOf('account.accessLog')).toEqual([{}, { cursor: 'c2' }]);
  });

  it('says so when nobody viewed it', async () => {
    serve({ 'account.accessLog': () => ({ items: [] }) });
    const page = await openPage(MYDATA);
    await settle();
    expect(textOf(page, '#access-empty')).toBe('还没有人查看过您的信息');
  });

  it('exports and shows the summary; a failure says why', async () => {
    const server = serve();
    const page = await openPage(MYDATA);
    await tap(page, '#export');
    await settle();
    expect(textOf(page, '#summary')).toContain('姓名 张伟');
    expect(server.callsOf('account.export')).toEqual([{}]);

    server.handlers['account.export'] = () => {
      throw failure('INTERNAL', '服务暂时不可用，请稍后重试');
    };
    await tap(page, '#export');
    await settle();
    expect(textOf(page, '#export-error')).toBe('服务暂时不可用，请稍后重试');
  });

  it('deletes only once 确认注销 is typed, then keeps the newcomer profile and goes home', async () => {
    const server = serve();
    const page = await openPage(MYDATA);
    expect(isDisabled(find(page, '#delete'))).toBe(true);
    expect(await tap(page, '#delete')).toBe(false);
    await typeInto(page, '#confirm', '确认', { leave: false });
    expect(isDisabled(find(page, '#delete'))).toBe(true);
    await typeInto(page, '#confirm', '确认注销', { leave: false });
    expect(isDisabled(find(page, '#delete'))).toBe(false);

    expect(await tap(page, '#delete')).toBe(true);
    await settle();
    expect(server.callsOf('account.delete')).toEqual([{ confirm: '确认注销' }]);
    expect(isShown(page, '#deleted')).toBe(true);
    expect(server.storage.get(PROFILE_KEY)).toEqual({ me: UNREGISTERED_ME, savedAt: expect.any(Number) });
    await tap(page, '#home');
    expect(server.wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/home' });
  });

  it('shows the server’s refusal of a staff member’s deletion and stays', async () => {
    serve({
      'account.delete': () => {
        throw failure('FAILED_PRECONDITION', '您还担任小区书记，请先交接并由上级撤销这些角色，再注销账号');
      },
    });
    const page = await openPage(MYDATA);
    await typeInto(page, '#confirm', '确认注销', { leave: false });
    await tap(page, '#delete');
    await settle();
    expect(textOf(page, '#delete-error')).toBe('您还担任小区书记，请先交接并由上级撤销这些角色，再注销账号');
    expect(isShown(page, '#deleted')).toBe(false);
  });
});
