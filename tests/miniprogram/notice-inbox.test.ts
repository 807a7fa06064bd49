import type { ActionResponse } from '../../typings/api';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { HOUR, MORNING, fakeClock } from './support/gate';
import { COMPOUND, lastNavigation, noticeView } from './support/messages';
import type { Page } from './support/mp';
import { isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const INBOX = 'notices/pages/inbox/inbox';

type Inbox = ActionResponse<'notice.inbox'>;

const URGENT = noticeView('n1', {
  level: 'urgent',
  title: '今晚 8 点全员核酸',
  requireAck: true,
  scopeName: COMPOUND.name,
  scopeOrgId: COMPOUND.id,
  scopeLevel: 'compound',
});
const IMPORTANT = noticeView('n2', { level: 'important', title: '出入证办理时间调整', publishedAt: MORNING - 20 * HOUR });
const READ_ACKED = noticeView('n3', {
  title: '防疫物资领取',
  requireAck: true,
  readAt: MORNING - 5 * HOUR,
  ackedAt: MORNING - 5 * HOUR,
  publishedAt: MORNING - 3 * 24 * HOUR,
});
const READ = noticeView('n4', { title: '垃圾分类提示', readAt: MORNING - HOUR });

function serve(handlers: Handlers = {}): FakeWx {
  return installFakeWx({ handlers: { 'notice.inbox': () => ({ items: [URGENT, IMPORTANT, READ_ACKED], unread: 2 }), ...handlers } });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

const titles = (page: Page) => textsOf(page, '.nt-title');
const part = (page: Page, id: string, selector: string) => textOf(page, `#notice-${id} ${selector}`);

describe('the inbox', () => {
  it('shows the notices in the server’s order, unread first, with the unread count', async () => {
    const server = serve();
    const page = await openPage(INBOX);

    expect(server.callsOf('notice.inbox')).toEqual([{ limit: 20 }]);
    expect(titles(page)).toEqual(['今晚 8 点全员核酸', '出入证办理时间调整', '防疫物资领取']);
    expect(textOf(page, '#unread-count')).toBe('您有2条未读通知');
    expect(textOf(page, '#unread-badge')).toBe('2');
  });

  it('marks each notice with its level, where it is from, when, 未读 and 需确认', async () => {
    serve();
    const page = await openPage(INBOX);

    expect(part(page, 'n1', '.nt-level')).toBe('紧急');
    expect(part(page, 'n2', '.nt-level')).toBe('重要');
    expect(part(page, 'n3', '.nt-level')).toBe('普通');
    expect(part(page, 'n1', '.nt-scope')).toBe('幸福小区');
    expect(part(page, 'n2', '.nt-scope')).toBe('东关社区');
    // Asia/Shanghai: MORNING is 07:00 on 2024-03-05.
    expect(part(page, 'n1', '.nt-time')).toBe('今天 06:00');
    expect(part(page, 'n2', '.nt-time')).toBe('昨天 11:00');
    expect(part(page, 'n3', '.nt-time')).toBe('2024-03-02 07:00');

    expect(textsOf(page, '.nt-dot')).toEqual(['未读', '未读']);
    expect(isShown(page, '#notice-n1 .nt-dot')).toBe(true);
    expect(isShown(page, '#notice-n3 .nt-dot')).toBe(false);
    // 需确认 only where acknowledgement is asked for and not yet given.
    expect(isShown(page, '#notice-n1 .nt-ack')).toBe(true);
    expect(isShown(page, '#notice-n2 .nt-ack')).toBe(false);
    expect(isShown(page, '#notice-n3 .nt-ack')).toBe(false);
  });

  it('shows no count when everything is read', async () => {
    serve({ 'notice.inbox': () => ({ items: [READ_ACKED, READ], unread: 0 }) });
    const page = await openPage(INBOX);
    expect(isShown(page, '#unread-count')).toBe(false);
    expect(textsOf(page, '.nt-dot')).toEqual([]);
  });

  it('loads the next page on 加载更多, after what is shown', async () => {
    const server = serve({
      'notice.inbox': ({ cursor }) => (cursor ? { items: [READ], unread: 2 } : { items: [URGENT, IMPORTANT, READ_ACKED], next: 'c2', unread: 2 }),
    });
    const page = await openPage(INBOX);
    await tap(page, '#more');

    expect(server.callsOf('notice.inbox')).toEqual([{ limit: 20 }, { limit: 20, cursor: 'c2' }]);
    expect(titles(page)).toEqual(['今晚 8 点全员核酸', '出入证办理时间调整', '防疫物资领取', '垃圾分类提示']);
    expect(isShown(page, '#more')).toBe(false);
  });

  it('refreshes on pull-down, keeping the list until the new one arrives', async () => {
    const server = serve();
    const page = await openPage(INBOX);
    const reply = deferred<Inbox>();
    server.handlers['notice.inbox'] = () => reply.promise;

    (page.instance as unknown as { onPullDownRefresh(): void }).onPullDownRefresh();
    await settle();
    expect(titles(page)).toHaveLength(3);

    reply.resolve({ items: [READ], unread: 0 });
    await settle();
    expect(titles(page)).toEqual(['垃圾分类提示']);
    expect(isShown(page, '#unread-count')).toBe(false);
    expect(server.wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });

  it('says so when there are no notices', async () => {
    serve({ 'notice.inbox': () => ({ items: [], unread: 0 }) });
    const page = await openPage(INBOX);
    expect(textOf(page, '#list-empty')).toBe('暂无通知');
  });

  it('shows a failure in plain Chinese and recovers on 重试', async () => {
    const server = serve({
      'notice.inbox': () => {
        throw failure('INTERNAL', '服务繁忙，请稍后再试');
      },
    });
    const page = await openPage(INBOX);
    expect(textOf(page, '#list-error')).toBe('服务繁忙，请稍后再试');
    expect(isShown(page, '#list-empty')).toBe(false);

    server.handlers['notice.inbox'] = () => ({ items: [URGENT], unread: 1 });
    await tap(page, '#list-retry');
    expect(isShown(page, '#list-error')).toBe(false);
    expect(titles(page)).toEqual(['今晚 8 点全员核酸']);
  });

  it('opens a notice, and marks it read and acknowledged when the notice page says so', async () => {
    const server = serve();
    const page = await openPage(INBOX);
    await tap(page, '#notice-n1');

    const nav = lastNavigation(server);
    expect(nav.url).toBe('/notices/pages/detail/detail?id=n1');
    const events = nav.events as Record<string, () => void>;

    events.noticeRead();
    await settle();
    expect(isShown(page, '#notice-n1 .nt-dot')).toBe(false);
    expect(textOf(page, '#unread-count')).toBe('您有1条未读通知');
    expect(isShown(page, '#notice-n1 .nt-ack')).toBe(true);

    events.noticeAcked();
    await settle();
    expect(isShown(page, '#notice-n1 .nt-ack')).toBe(false);
    // Already counted as read: the count does not drop twice.
    expect(textOf(page, '#unread-count')).toBe('您有1条未读通知');
    expect(server.callsOf('notice.inbox')).toHaveLength(1);
  });
});
