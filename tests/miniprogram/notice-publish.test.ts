import type { ActionRequest, ActionResponse } from '../../typings/api';
import type { OrgNode } from '../../typings/domain';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { RESIDENT_GRANT } from './support/fixtures';
import { fakeClock } from './support/gate';
import type { MessageWx } from './support/messages';
import { COMMUNITY, COMPOUND, SECRETARY_GRANT, STAFF_GRANT, STAFF_ME, STREET, addMessageWx, noticeView } from './support/messages';
import type { Page } from './support/mp';
import { choose, find, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const PUBLISH = 'staff/pages/publish/publish';

type Me = ActionResponse<'account.me'>;

const node = (ref: { id: string; name: string; level: OrgNode['level'] }, parentId: string, childCount: number): OrgNode => ({
  ...ref,
  parentId,
  path: [],
  childCount,
});

/** org.tree children by parent. */
const TREE: Record<string, OrgNode[]> = {
  [STREET.id]: [node(COMMUNITY, STREET.id, 1), node({ id: 'c-xiguan', name: '西关社区', level: 'community' }, STREET.id, 0)],
  [COMMUNITY.id]: [node(COMPOUND, COMMUNITY.id, 2)],
};

function serve(me: Me = STAFF_ME, handlers: Handlers = {}): FakeWx & { msg: MessageWx } {
  const fake = installFakeWx({
    handlers: {
      'account.me': () => me,
      'org.tree': ({ parentId }) => ({ items: TREE[parentId ?? ''] ?? [] }),
      'notice.publish': (req) => noticeView('n-new', { ...req, scopeName: '城关街道', scopeLevel: 'street', publishedAt: Date.now() }),
      ...handlers,
    },
  });
  return Object.assign(fake, { msg: addMessageWx(fake) });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

async function fillIn(page: Page, title = ' 本周六全员核酸检测 ', body = '请各位居民携带身份证，于周六上午 8 点到小区广场排队检测。'): Promise<void> {
  await typeInto(page, '#title', title);
  await typeInto(page, '#body', body);
}

const published = (fake: FakeWx) => fake.callsOf('notice.publish') as Array<ActionRequest<'notice.publish'> & { requestId?: string }>;
/** What the server takes as a request id. */
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

describe('publishing a notice', () => {
  it('offers the nodes where the caller publishes, a single one without a picker', async () => {
    const fake = serve({ ...STAFF_ME, grants: [RESIDENT_GRANT, STAFF_GRANT] });
    const page = await openPage(PUBLISH);

    expect(fake.callsOf('account.me')).toEqual([{}]);
    expect(textOf(page, '#scope-label')).toBe('城关街道');
    expect(isShown(page, '#root-picker')).toBe(false);
    // The defaults: 普通, 全体, no acknowledgement, no last day.
    expect(textsOf(page, '.pb-choice-on')).toEqual(['普通', '全体']);
    expect(textOf(page, '#expiry-text')).toBe('不设截止日期');
  });

  it('lets a caller with several such nodes choose among them', async () => {
    const fake = serve({ ...STAFF_ME, grants: [STAFF_GRANT, SECRETARY_GRANT] });
    const page = await openPage(PUBLISH);

    expect(isShown(page, '#root-picker')).toBe(true);
    await choose(page, ['#root-picker'], 1);
    expect(textOf(page, '#scope-label')).toBe('幸福小区');
    await fillIn(page);
    await tap(page, '#submit');
    expect(published(fake).map((r) => r.scopeOrgId)).toEqual([COMPOUND.id]);
  });

  it('tells a caller who publishes nowhere that they cannot', async () => {
    const fake = serve({ ...STAFF_ME, grants: [RESIDENT_GRANT] });
    const page = await openPage(PUBLISH);
    expect(textOf(page, '#none')).toBe('您没有发布通知的权限');
    expect(isShown(page, '#submit')).toBe(false);
    expect(fake.calls.map((c) => c.action)).toEqual(['account.me']);
  });

  it('narrows the scope step by step to a node below, and back up', async () => {
    const fake = serve();
    const page = await openPage(PUBLISH);

    await tap(page, '#scope-pick');
    expect(fake.callsOf('org.tree')).toEqual([{ parentId: STREET.id, limit: 50 }]);
    expect(textsOf(page, '.pb-child-name')).toEqual(['东关社区', '西关社区']);

    await tap(page, `#child-${COMMUNITY.id}`);
    expect(textOf(page, '#scope-label')).toBe('城关街道 / 东关社区');
    expect(textsOf(page, '.pb-child-name')).toEqual(['幸福小区']);

    await tap(page, '#scope-up');
    expect(textOf(page, '#scope-label')).toBe('城关街道');
    await tap(page, '#child-c-xiguan');
    expect(textOf(page, '#scope-label')).toBe('城关街道 / 西关社区');
    expect(textOf(page, '#children-none')).toBe('已是最小范围');
    // A node with no children is not asked for them.
    expect(fake.callsOf('org.tree').map((r) => r.parentId)).toEqual([STREET.id, COMMUNITY.id, STREET.id]);

    await fillIn(page);
    await tap(page, '#submit');
    expect(published(fake).map((r) => r.scopeOrgId)).toEqual(['c-xiguan']);
  });

  it('checks the title and body as they are left, and everything on 发布, sending nothing while wrong', async () => {
    const fake = serve();
    const page = await openPage(PUBLISH);

    await tap(page, '#submit');
    expect(textOf(page, '#title-error')).toBe('请填写标题');
    expect(textOf(page, '#body-error')).toBe('请填写正文');
    expect(isShown(page, '#scope-error')).toBe(false);

    await typeInto(page, '#title', '核');
    expect(textOf(page, '#title-error')).toBe('标题至少 2 个字');
    await typeInto(page, '#title', '核'.repeat(41));
    expect(textOf(page, '#title-error')).toBe('标题最多 40 个字');
    await typeInto(page, '#title', '核酸检测', { leave: false });
    expect(isShown(page, '#title-error')).toBe(false);

    await typeInto(page, '#body', '  请 ');
    expect(textOf(page, '#body-error')).toBe('正文至少 2 个字');
    await typeInto(page, '#body', '请'.repeat(2001));
    expect(textOf(page, '#body-error')).toBe('正文最多 2000 个字');
    expect(textOf(page, '#body-count')).toBe('2001/2000');

    // A last day before today (MORNING is 2024-03-05 in Shanghai).
    find(page, '#expiry').dispatchEvent('change', { detail: { value: '2024-03-04' } });
    await settle();
    await tap(page, '#submit');
    expect(textOf(page, '#expiry-error')).toBe('截止日期不能早于今天');
    expect(published(fake)).toEqual([]);
    expect(fake.msg.showModal).not.toHaveBeenCalled();

    await tap(page, '#expiry-clear');
    expect(isShown(page, '#expiry-error')).toBe(false);
    expect(textOf(page, '#expiry-text')).toBe('不设截止日期');
  });

  it('asks for confirmation, sends one notice.publish with every choice, then shows its progress', async () => {
    const reply = deferred<ActionResponse<'notice.publish'>>();
    const fake = serve(STAFF_ME, { 'notice.publish': () => reply.promise });
    const page = await openPage(PUBLISH);
    await fillIn(page);
    await tap(page, '#level-urgent');
    await tap(page, '#audience-residents');
    find(page, '#require-ack').dispatchEvent('change', { detail: { value: true } });
    find(page, '#expiry').dispatchEvent('change', { detail: { value: '2024-03-09' } });
    await settle();
    expect(textsOf(page, '.pb-choice-on')).toEqual(['紧急', '居民']);
    expect(textOf(page, '#expiry-text')).toBe('2024-03-09 当天有效');

    expect(await tap(page, '#submit')).toBe(true);
    expect(fake.msg.showModal).toHaveBeenCalledTimes(1);
    expect(fake.msg.showModal.mock.calls[0][0].content).toBe('将向「城关街道」的居民发布一条紧急通知（需确认），发布后无法撤回。');
    expect(textOf(page, '#submit')).toBe('正在发布…');
    expect(await tap(page, '#submit')).toBe(false);

    const sent: ActionRequest<'notice.publish'> = {
      scopeOrgId: STREET.id,
      title: '本周六全员核酸检测',
      body: '请各位居民携带身份证，于周六上午 8 点到小区广场排队检测。',
      level: 'urgent',
      audience: 'residents',
      requireAck: true,
      // The end of 2024-03-09 in Shanghai.
      expiresAt: Date.UTC(2024, 2, 9, 15, 59, 59),
    };
    expect(published(fake)).toEqual([{ ...sent, requestId: expect.stringMatching(REQUEST_ID) }]);

    reply.resolve(noticeView('n-new', { ...sent, scopeName: '城关街道' }));
    await settle();
    expect(fake.wx.showToast).toHaveBeenCalledWith({ title: '已发布', icon: 'success' });
    expect(fake.msg.redirectTo).toHaveBeenCalledWith({
      url: `/staff/pages/progress/progress?noticeId=n-new&orgId=${STREET.id}&title=${encodeURIComponent('本周六全员核酸检测')}&ack=1`,
    });
    expect(published(fake)).toHaveLength(1);
  });

  it('sends one request for a double tap that lands before the button re-renders', async () => {
    const fake = serve();
    const page = await openPage(PUBLISH);
    await fillIn(page);
    const instance = page.instance as unknown as { onSubmit(): Promise<void> };
    await Promise.all([instance.onSubmit(), instance.onSubmit()]);
    await settle();
    expect(published(fake)).toHaveLength(1);
    expect(fake.msg.showModal).toHaveBeenCalledTimes(1);
  });

  it('sends the same notice again with the same request id, and a changed one with a new id', async () => {
    // The reply is lost on the way back: the notice may exist; trying again must not make a second.
    const fake = serve(STAFF_ME, {
      'notice.publish': () => {
        throw failure('INTERNAL', '服务繁忙，请稍后再试');
      },
    });
    const page = await openPage(PUBLISH);
    await fillIn(page);
    await tap(page, '#submit');
    expect(textOf(page, '#form-error')).toBe('服务繁忙，请稍后再试');
    await tap(page, '#submit');
    const [first, second] = published(fake);
    expect(first.requestId).toMatch(REQUEST_ID);
    expect(second.requestId).toBe(first.requestId);

    await typeInto(page, '#title', '本周六全员核酸检测（更正）');
    await tap(page, '#submit');
    expect(published(fake)[2].requestId).toMatch(REQUEST_ID);
    expect(published(fake)[2].requestId).not.toBe(first.requestId);
  });

  it('sends nothing when the confirmation is declined, and the form stays as it was', async () => {
    const fake = serve();
    fake.msg.confirms = false;
    const page = await openPage(PUBLISH);
    await fillIn(page);
    await tap(page, '#submit');

    expect(published(fake)).toEqual([]);
    expect(textOf(page, '#submit')).toBe('发布');
    expect((page.data as { form: { title: string } }).form.title).toBe(' 本周六全员核酸检测 ');

    fake.msg.confirms = true;
    await tap(page, '#submit');
    expect(published(fake)).toHaveLength(1);
  });

  it('shows the server’s complaint under the field it names, and others above the button', async () => {
    const fake = serve(STAFF_ME, {
      'notice.publish': () => {
        throw failure('INVALID_ARGUMENT', '标题含有不允许的内容', { field: 'data.title' });
      },
    });
    const page = await openPage(PUBLISH);
    await fillIn(page);
    await tap(page, '#submit');

    expect(textOf(page, '#title-error')).toBe('标题含有不允许的内容');
    expect(isShown(page, '#body-error')).toBe(false);
    expect(isShown(page, '#form-error')).toBe(false);
    expect(fake.msg.redirectTo).not.toHaveBeenCalled();
    // Corrected while typing: the server's message goes.
    await typeInto(page, '#title', '核酸检测通知', { leave: false });
    expect(isShown(page, '#title-error')).toBe(false);

    fake.handlers['notice.publish'] = () => {
      throw failure('FORBIDDEN', '您不能向该范围发布通知');
    };
    await tap(page, '#submit');
    expect(textOf(page, '#form-error')).toBe('您不能向该范围发布通知');

    fake.handlers['notice.publish'] = () => {
      throw failure('INVALID_ARGUMENT', '截止时间必须晚于现在', { field: 'data.expiresAt' });
    };
    await tap(page, '#submit');
    expect(textOf(page, '#expiry-error')).toBe('截止时间必须晚于现在');
    expect(published(fake)).toHaveLength(3);
  });

  it('opens the list of published notices', async () => {
    const fake = serve();
    const page = await openPage(PUBLISH);
    await tap(page, '#sent-link');
    expect(fake.wx.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/progress/progress' });
  });

  it('shows a failed profile load and recovers on 重试', async () => {
    const fake = serve();
    fake.offline = true;
    const page = await openPage(PUBLISH);
    expect(textOf(page, '#load-error')).toBe('无法连接服务器，请检查网络后重试');
    fake.offline = false;
    await tap(page, '#retry');
    expect(textOf(page, '#scope-label')).toBe('城关街道');
  });
});
