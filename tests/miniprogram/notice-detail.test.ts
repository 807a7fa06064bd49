import type { ActionResponse } from '../../typings/api';
import type { NoticeView } from '../../typings/messages';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { MORNING, fakeClock } from './support/gate';
import { MINUTE, noticeView, openPageFromOpener } from './support/messages';
import { isShown, openPage, settle, tap, textOf } from './support/mp';

const DETAIL = 'notices/pages/detail/detail';

const PLAIN = noticeView('n1', { title: '本周六核酸检测安排' });
const ASKS_ACK = noticeView('n2', { title: '今晚 8 点全员核酸', level: 'urgent', requireAck: true, expiresAt: Date.UTC(2024, 2, 5, 15, 59, 59) });

/** notice.get answers from `notices`; read and ack stamp the time and update it, as the server would. */
function serve(notices: NoticeView[], handlers: Handlers = {}): FakeWx {
  const byId = new Map(notices.map((n) => [n.id, { ...n }]));
  const get = (id: string) => {
    const n = byId.get(id);
    if (!n) throw failure('NOT_FOUND', '通知不存在或已删除');
    return n;
  };
  return installFakeWx({
    handlers: {
      'notice.get': ({ noticeId }) => ({ ...get(noticeId) }),
      'notice.read': ({ noticeId }) => ({ readAt: (get(noticeId).readAt ??= Date.now()) }),
      'notice.ack': ({ noticeId }) => ({ ackedAt: (get(noticeId).ackedAt ??= Date.now()) }),
      ...handlers,
    },
  });
}

beforeEach(() => fakeClock(MORNING + 10 * MINUTE));
afterEach(() => jest.useRealTimers());

describe('opening a notice', () => {
  it('shows it in full and records the read exactly once', async () => {
    const server = serve([PLAIN]);
    const { page, opener } = await openPageFromOpener(DETAIL, { id: 'n1' });

    expect(textOf(page, '#title')).toBe('本周六核酸检测安排');
    expect(textOf(page, '#level')).toBe('普通');
    expect(textOf(page, '#meta')).toBe('东关社区 · 李建国 · 今天 06:00');
    expect(textOf(page, '#body')).toBe('各位居民： 本周六上午在小区广场进行核酸检测，请携带身份证。');
    expect(server.calls.map((c) => c.action)).toEqual(['notice.get', 'notice.read']);
    expect(server.callsOf('notice.read')).toEqual([{ noticeId: 'n1' }]);
    expect(opener.heard).toEqual([['noticeRead', { id: 'n1' }]]);

    // Coming back to the page (onShow) does not record it again.
    (page.instance as unknown as { onShow?(): void }).onShow?.();
    await settle();
    expect(server.callsOf('notice.read')).toHaveLength(1);
    // A notice that asks for nothing offers no button.
    expect(isShown(page, '#ack')).toBe(false);
    expect(isShown(page, '#acked')).toBe(false);
  });

  it('does not record the read again for a notice already read', async () => {
    const server = serve([{ ...PLAIN, readAt: MORNING }]);
    const { opener } = await openPageFromOpener(DETAIL, { id: 'n1' });
    expect(server.callsOf('notice.get')).toHaveLength(1);
    expect(server.callsOf('notice.read')).toEqual([]);
    expect(opener.heard).toEqual([]);
  });

  it('still records the read once when the first load failed and 重试 was needed', async () => {
    const server = serve([PLAIN]);
    server.offline = true;
    const page = await openPage(DETAIL, { id: 'n1' });
    expect(textOf(page, '#error-text')).toBe('无法连接服务器，请检查网络后重试');
    expect(server.callsOf('notice.read')).toEqual([]);

    server.offline = false;
    await tap(page, '#retry');
    expect(textOf(page, '#title')).toBe('本周六核酸检测安排');
    expect(server.callsOf('notice.read')).toHaveLength(1);

    // Loading it again in the same view sends no second read, even from a server slow to show it read.
    server.handlers['notice.get'] = () => ({ ...PLAIN });
    (page.instance as unknown as { onRetry(): void }).onRetry();
    await settle();
    expect(server.callsOf('notice.get')).toHaveLength(2); // the offline attempt never reached it
    expect(server.callsOf('notice.read')).toHaveLength(1);
  });

  it('keeps the notice on screen when recording the read fails', async () => {
    const server = serve([PLAIN], {
      'notice.read': () => {
        throw failure('INTERNAL', '服务繁忙');
      },
    });
    const { page, opener } = await openPageFromOpener(DETAIL, { id: 'n1' });
    expect(textOf(page, '#title')).toBe('本周六核酸检测安排');
    expect(isShown(page, '#error')).toBe(false);
    expect(server.callsOf('notice.read')).toHaveLength(1);
    expect(opener.heard).toEqual([]);
  });

  it('says so when the notice does not exist or no id was given', async () => {
    serve([]);
    const page = await openPage(DETAIL, { id: 'gone' });
    expect(textOf(page, '#error-text')).toBe('通知不存在或已删除');

    const server = serve([PLAIN]);
    const blank = await openPage(DETAIL);
    expect(textOf(blank, '#error-text')).toBe('没有找到这条通知');
    expect(isShown(blank, '#retry')).toBe(false);
    expect(server.calls).toEqual([]);
  });
});

describe('我已知晓', () => {
  it('acknowledges once, then shows when and hides the button', async () => {
    const reply = deferred<ActionResponse<'notice.ack'>>();
    const server = serve([ASKS_ACK], { 'notice.ack': () => reply.promise });
    const { page, opener } = await openPageFromOpener(DETAIL, { id: 'n2' });

    expect(textOf(page, '#level')).toBe('紧急');
    expect(textOf(page, '#needs-ack')).toBe('需确认');
    expect(textOf(page, '#expiry')).toBe('有效期至 2024-03-05');
    expect(textOf(page, '#ack')).toBe('我已知晓');

    expect(await tap(page, '#ack')).toBe(true);
    expect(textOf(page, '#ack')).toBe('正在提交…');
    expect(await tap(page, '#ack')).toBe(false);
    const instance = page.instance as unknown as { onAck(): Promise<void> };
    await instance.onAck();

    reply.resolve({ ackedAt: MORNING + 11 * MINUTE });
    await settle();

    expect(server.callsOf('notice.ack')).toEqual([{ noticeId: 'n2' }]);
    expect(isShown(page, '#ack')).toBe(false);
    expect(isShown(page, '#needs-ack')).toBe(false);
    expect(textOf(page, '#acked')).toBe('✓ 您已于 2024-03-05 07:11 确认知晓');
    expect(opener.heard).toEqual([
      ['noticeRead', { id: 'n2' }],
      ['noticeAcked', { id: 'n2' }],
    ]);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '已确认知晓', icon: 'success' });
  });

  it('shows an acknowledged notice as acknowledged, with no button', async () => {
    const server = serve([{ ...ASKS_ACK, readAt: MORNING, ackedAt: MORNING + 2 * MINUTE }]);
    const page = await openPage(DETAIL, { id: 'n2' });
    expect(isShown(page, '#ack')).toBe(false);
    expect(textOf(page, '#acked')).toBe('✓ 您已于 2024-03-05 07:02 确认知晓');
    expect(server.callsOf('notice.ack')).toEqual([]);
  });

  it('says why acknowledging failed and lets the reader try again', async () => {
    const server = serve([ASKS_ACK], {
      'notice.ack': () => {
        throw failure('FAILED_PRECONDITION', '该通知已过期');
      },
    });
    const page = await openPage(DETAIL, { id: 'n2' });
    await tap(page, '#ack');
    expect(textOf(page, '#ack-error')).toBe('该通知已过期');
    expect(isShown(page, '#acked')).toBe(false);

    server.handlers['notice.ack'] = () => ({ ackedAt: MORNING + 12 * MINUTE });
    expect(await tap(page, '#ack')).toBe(true);
    expect(isShown(page, '#ack-error')).toBe(false);
    expect(textOf(page, '#acked')).toBe('✓ 您已于 2024-03-05 07:12 确认知晓');
    expect(server.callsOf('notice.ack')).toHaveLength(2);
  });
});

describe('sharing a notice to a WeChat group', () => {
  type Shares = { onShareAppMessage(): { title: string; path: string } };

  it('shares its title and a path that opens this notice', async () => {
    serve([PLAIN]);
    const page = await openPage(DETAIL, { id: 'n1' });
    expect((page.instance as unknown as Shares).onShareAppMessage()).toEqual({ title: '本周六核酸检测安排', path: '/notices/pages/detail/detail?id=n1' });
  });
});
