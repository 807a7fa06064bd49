import type { ActionResponse } from '../../typings/api';
import type { NoticeProgressRow } from '../../typings/messages';
import type { FakeWx, Handlers } from './support/fake-wx';
import { failure, installFakeWx } from './support/fake-wx';
import { RESIDENT_ME } from './support/fixtures';
import { fakeClock } from './support/gate';
import { BUILDING, COMMUNITY, COMPOUND, LEADER_ME, SECRETARY_ME, STAFF_ME, STREET, lastNavigation, noticeView } from './support/messages';
import type { Page } from './support/mp';
import { findAll, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const PROGRESS = 'staff/pages/progress/progress';

type Progress = ActionResponse<'notice.progress'>;

const row = (ref: { id: string; name: string; level: NoticeProgressRow['level'] }, audience: number, read: number, acked: number): NoticeProgressRow => ({
  orgId: ref.id,
  name: ref.name,
  level: ref.level,
  audience,
  read,
  acked,
});

const HEXIE = { id: 'p-hexie', name: '和谐家园', level: 'compound' as const };
const EMPTY_COMPOUND = { id: 'p-new', name: '新建小区', level: 'compound' as const };
const BUILDING_1 = { id: 'b-xingfu-1', name: '1号楼', level: 'building' as const };

/** notice.progress by node: the community, its compounds, the compound's buildings, a building. */
const PROGRESS_BY_ORG: Record<string, Progress> = {
  [COMMUNITY.id]: {
    noticeId: 'n1',
    orgId: COMMUNITY.id,
    total: row(COMMUNITY, 300, 200, 120),
    children: [row(COMPOUND, 200, 150, 100), row(HEXIE, 100, 50, 20), row(EMPTY_COMPOUND, 0, 0, 0)],
  },
  [COMPOUND.id]: {
    noticeId: 'n1',
    orgId: COMPOUND.id,
    total: row(COMPOUND, 200, 150, 100),
    children: [row(BUILDING_1, 120, 100, 60), row(BUILDING, 80, 50, 40)],
  },
  [BUILDING.id]: {
    noticeId: 'n1',
    orgId: BUILDING.id,
    total: row(BUILDING, 3, 1, 1),
    children: [],
    unread: [
      { name: '王*兰', household: '2单元502' },
      { name: '李*', household: '1单元101' },
    ],
  },
};

const SENT = [
  noticeView('n1', { title: '今晚 8 点全员核酸', level: 'urgent', requireAck: true }),
  noticeView('n2', { title: '出入证办理时间调整', audience: 'residents', scopeOrgId: STREET.id, scopeName: STREET.name, scopeLevel: 'street' }),
];

function serve(handlers: Handlers = {}): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => STAFF_ME,
      'notice.progress': ({ orgId }) => {
        const found = PROGRESS_BY_ORG[orgId ?? COMMUNITY.id];
        if (!found) throw failure('NOT_FOUND', '没有这个范围');
        return found;
      },
      'notice.sent': () => ({ items: SENT }),
      'notice.inbox': () => ({ items: [SENT[1]], unread: 0 }),
      ...handlers,
    },
  });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

const query = (orgId: string, ack = '1') => ({ noticeId: 'n1', orgId, title: encodeURIComponent('今晚 8 点全员核酸'), ack });
const rowNames = (page: Page) => textsOf(page, '.pg-row-name');

describe('a notice’s progress', () => {
  it('shows the node’s totals and a row per child, the least read first', async () => {
    const fake = serve();
    const page = await openPage(PROGRESS, query(COMMUNITY.id));

    expect(fake.callsOf('notice.progress')).toEqual([{ noticeId: 'n1', orgId: COMMUNITY.id }]);
    expect(textOf(page, '#notice-title')).toBe('今晚 8 点全员核酸');
    expect(textOf(page, '#total-name')).toBe('东关社区');
    expect(textOf(page, '#total-audience')).toBe('300');
    expect(textOf(page, '#total-read')).toBe('66%');
    expect(textOf(page, '#total-acked')).toBe('40%');
    expect(textOf(page, '#total-read-text')).toBe('已读 200/300 人（66%）');
    expect(textOf(page, '#total-ack-text')).toBe('已确认 120/300 人（40%）');

    // 和谐家园 50%, 幸福小区 75%; a compound with nobody to read it counts as done.
    expect(rowNames(page)).toEqual(['和谐家园', '幸福小区', '新建小区']);
    expect(textOf(page, `#child-${HEXIE.id} .pg-row-read`)).toBe('已读 50/100 人（50%）');
    expect(textOf(page, `#child-${HEXIE.id} .pg-row-ack`)).toBe('已确认 20/100 人（20%）');
    const bars = findAll(page, `#child-${COMPOUND.id} .pg-bar-fill`).map((bar) => /width:\s*([\d.]+%)/.exec(bar.dom?.getAttribute('style') ?? '')?.[1]);
    expect(bars).toEqual(['75%', '50%']);
    expect(isShown(page, '#unread')).toBe(false);
  });

  it('leaves acknowledgement out for a notice that does not ask for it', async () => {
    serve();
    const page = await openPage(PROGRESS, query(COMMUNITY.id, '0'));
    expect(isShown(page, '#total-acked')).toBe(false);
    expect(isShown(page, '#total-ack-text')).toBe(false);
    expect(textsOf(page, '.pg-row-ack')).toEqual([]);
    expect(textOf(page, '#total-read')).toBe('66%');
  });

  it('drills down into a child: the same page for that node', async () => {
    const fake = serve();
    const page = await openPage(PROGRESS, query(COMMUNITY.id));
    await tap(page, `#child-${COMPOUND.id}`);

    const url = lastNavigation(fake).url;
    expect(url).toBe(`/staff/pages/progress/progress?noticeId=n1&orgId=${COMPOUND.id}&title=${encodeURIComponent('今晚 8 点全员核酸')}&ack=1`);

    const [, search] = url.split('?');
    const next = await openPage(PROGRESS, Object.fromEntries(new URLSearchParams(search)));
    expect(fake.callsOf('notice.progress')[1]).toEqual({ noticeId: 'n1', orgId: COMPOUND.id });
    expect(textOf(next, '#notice-title')).toBe('今晚 8 点全员核酸');
    expect(rowNames(next)).toEqual(['3号楼', '1号楼']);
    await tap(next, `#child-${BUILDING.id}`);
    expect(lastNavigation(fake).url).toContain(`orgId=${BUILDING.id}`);
  });

  it('lists who has not read at a building, for the leader to knock on doors', async () => {
    serve();
    const page = await openPage(PROGRESS, query(BUILDING.id));

    expect(rowNames(page)).toEqual([]);
    expect(textOf(page, '#unread .pg-unread-title')).toBe('未读名单（2 人）');
    expect(textsOf(page, '.pg-person-name')).toEqual(['王*兰', '李*']);
    expect(textsOf(page, '.pg-person-household')).toEqual(['2单元502', '1单元101']);
    expect(textOf(page, '#total-read-text')).toBe('已读 1/3 人（33%）');
  });

  it('says so when everyone in the building has read it', async () => {
    serve({ 'notice.progress': () => ({ ...PROGRESS_BY_ORG[BUILDING.id], total: row(BUILDING, 3, 3, 3), unread: [] }) });
    const page = await openPage(PROGRESS, query(BUILDING.id));
    expect(textOf(page, '#unread-none')).toBe('本楼住户已全部阅读');
    expect(textOf(page, '#total-read')).toBe('100%');
  });

  it('shows a failure and recovers on 重试', async () => {
    const fake = serve();
    fake.offline = true;
    const page = await openPage(PROGRESS, query(COMMUNITY.id));
    expect(textOf(page, '#error')).toBe('无法连接服务器，请检查网络后重试');
    fake.offline = false;
    await tap(page, '#retry');
    expect(rowNames(page)).toEqual(['和谐家园', '幸福小区', '新建小区']);
  });
});

describe('the list of notices to choose from', () => {
  it('lists what the caller published and opens a notice’s progress at its scope', async () => {
    const fake = serve();
    const page = await openPage(PROGRESS);

    expect(fake.callsOf('notice.sent')).toEqual([{ limit: 20 }]);
    expect(fake.callsOf('notice.progress')).toEqual([]);
    expect(textsOf(page, '.pg-sent-title')).toEqual(['今晚 8 点全员核酸', '出入证办理时间调整']);
    expect(textOf(page, '#sent-n1 .pg-sent-line')).toBe('东关社区 · 全体 · 需确认');
    expect(textOf(page, '#sent-n2 .pg-sent-line')).toBe('城关街道 · 居民');
    expect(textOf(page, '#sent-n1 .pg-tag')).toBe('紧急');

    await tap(page, '#sent-n2');
    expect(lastNavigation(fake).url).toBe(
      `/staff/pages/progress/progress?noticeId=n2&orgId=${STREET.id}&title=${encodeURIComponent('出入证办理时间调整')}&ack=0`,
    );
  });

  it('works for a secretary too', async () => {
    const fake = serve({ 'account.me': () => SECRETARY_ME });
    await openPage(PROGRESS);
    expect(fake.callsOf('notice.sent')).toHaveLength(1);
  });

  it('gives a building leader the notices they received, each opening at their building', async () => {
    const fake = serve({ 'account.me': () => LEADER_ME });
    const page = await openPage(PROGRESS);

    expect(fake.callsOf('notice.sent')).toEqual([]);
    expect(fake.callsOf('notice.inbox')).toEqual([{ limit: 20 }]);
    await tap(page, '#sent-n2');
    expect(lastNavigation(fake).url).toContain(`noticeId=n2&orgId=${BUILDING.id}&`);
  });

  it('says when there is nothing to choose, or no right to look', async () => {
    serve({ 'notice.sent': () => ({ items: [] }) });
    const page = await openPage(PROGRESS);
    expect(textOf(page, '#sent-empty')).toBe('还没有发布过通知');

    const fake = serve({ 'account.me': () => RESIDENT_ME });
    const resident = await openPage(PROGRESS);
    expect(textOf(resident, '#sent-none')).toBe('您没有查看通知进度的权限');
    expect(fake.calls.map((c) => c.action)).toEqual(['account.me']);
  });

  it('loads more, and refreshes on pull-down', async () => {
    const fake = serve({ 'notice.sent': ({ cursor }) => (cursor ? { items: [SENT[1]] } : { items: [SENT[0]], next: 'c2' }) });
    const page = await openPage(PROGRESS);
    await tap(page, '#sent-more');
    expect(fake.callsOf('notice.sent')).toEqual([{ limit: 20 }, { limit: 20, cursor: 'c2' }]);
    expect(textsOf(page, '.pg-sent-title')).toEqual(['今晚 8 点全员核酸', '出入证办理时间调整']);

    (page.instance as unknown as { onPullDownRefresh(): void }).onPullDownRefresh();
    await settle();
    expect(fake.callsOf('notice.sent')).toHaveLength(3);
    expect(textsOf(page, '.pg-sent-title')).toEqual(['今晚 8 点全员核酸']);
    expect(fake.callsOf('account.me')).toHaveLength(1);
    expect(fake.wx.stopPullDownRefresh).toHaveBeenCalledTimes(1);
  });
});
