import type { ActionResponse } from '../../typings/api';
import type { AlertStatus, AlertView } from '../../typings/messages';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { HOUR, MORNING, fakeClock } from './support/gate';
import type { MessageWx } from './support/messages';
import { MINUTE, STREET, addMessageWx, alertView, consentSummary } from './support/messages';
import type { Page } from './support/mp';
import { isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const ALERTS = 'staff/pages/alerts/alerts';

const FEVER = alertView('a1');
const ESCALATED = alertView('a2', {
  severity: 'critical',
  title: '3号楼返乡人员未报备',
  createdAt: MORNING - HOUR,
  ackDeadline: MORNING - 30 * MINUTE,
  assigneeOrgId: STREET.id,
  assigneeRole: 'staff',
  steps: [
    { at: MORNING - HOUR, kind: 'raised', orgId: 'p-xingfu', role: 'secretary' },
    { at: MORNING - 30 * MINUTE, kind: 'escalated', orgId: STREET.id, role: 'staff', note: '小区未在时限内确认，上报社区' },
  ],
});
const LATE = alertView('a3', { severity: 'low', title: '北门岗位无人值守', ackDeadline: MORNING - MINUTE });
const ACKED = alertView('a4', {
  status: 'acked',
  severity: 'medium',
  steps: [
    { at: MORNING, kind: 'raised', orgId: 'p-xingfu', role: 'secretary' },
    { at: MORNING + 5 * MINUTE, kind: 'acked', orgId: 'p-xingfu', role: 'secretary', by: '周书记' },
  ],
});

const LISTS: Record<AlertStatus, AlertView[]> = { open: [FEVER, ESCALATED, LATE], acked: [ACKED], resolved: [] };

function serve(handlers: Handlers = {}): FakeWx & { msg: MessageWx } {
  const fake = installFakeWx({
    handlers: {
      'alert.list': ({ status }) => ({ items: LISTS[status ?? 'open'] }),
      'alert.ack': ({ alertId }) => ({ ...alertView(alertId), status: 'acked' }),
      'alert.resolve': ({ alertId, note }) => ({
        ...alertView(alertId),
        status: 'resolved',
        steps: [{ at: Date.now(), kind: 'resolved', orgId: 'p-xingfu', role: 'secretary', note }],
      }),
      'message.subscribed': ({ answers }) => consentSummary(answers),
      ...handlers,
    },
  });
  return Object.assign(fake, { msg: addMessageWx(fake) });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

const card = (page: Page, id: string, part: string) => textOf(page, `#alert-${id} ${part}`);
const titles = (page: Page) => textsOf(page, '.al-title');

describe('待处理', () => {
  it('lists the open alerts with severity, where, since when and the time left to acknowledge', async () => {
    const fake = serve();
    const page = await openPage(ALERTS);

    expect(fake.callsOf('alert.list')).toEqual([{ status: 'open', limit: 20 }]);
    expect(titles(page)).toEqual(['东门体温异常 37.8 ℃', '3号楼返乡人员未报备', '北门岗位无人值守']);
    expect(card(page, 'a1', '.al-severity')).toBe('紧急');
    expect(card(page, 'a2', '.al-severity')).toBe('特急');
    expect(card(page, 'a3', '.al-severity')).toBe('一般');
    expect(card(page, 'a1', '.al-where')).toBe('幸福小区');
    expect(card(page, 'a1', '.al-since')).toBe('发生于 2024-03-05 07:00（刚刚）');
    expect(card(page, 'a2', '.al-since')).toBe('发生于 2024-03-05 06:00（1 小时前）');
    expect(card(page, 'a1', '.al-deadline')).toBe('30 分钟内需确认');
    expect(card(page, 'a2', '.al-deadline')).toBe('已超时，已上报至上级工作人员');
    expect(card(page, 'a3', '.al-deadline')).toBe('已超时，正在上报上级');
    expect(isShown(page, '#alert-a1 .al-overdue')).toBe(false);
    expect(isShown(page, '#alert-a2 .al-overdue')).toBe(true);
  });

  it('counts down on its own while shown, and says when the time is up', async () => {
    serve();
    const page = await openPage(ALERTS);
    await jest.advanceTimersByTimeAsync(10 * MINUTE);
    expect(card(page, 'a1', '.al-deadline')).toBe('20 分钟内需确认');
    expect(card(page, 'a1', '.al-since')).toBe('发生于 2024-03-05 07:00（10 分钟前）');

    // Hidden, it stops; shown again, it is brought up to date at once and goes on.
    const instance = page.instance as unknown as { onHide(): void; onShow(): void };
    instance.onHide();
    await jest.advanceTimersByTimeAsync(5 * MINUTE);
    expect(card(page, 'a1', '.al-deadline')).toBe('20 分钟内需确认');
    instance.onShow();
    await settle();
    expect(card(page, 'a1', '.al-deadline')).toBe('15 分钟内需确认');
    await jest.advanceTimersByTimeAsync(15 * MINUTE);
    expect(card(page, 'a1', '.al-deadline')).toBe('已超时，正在上报上级');
  });

  it('shows the steps so far on a tap, and folds them on another', async () => {
    serve();
    const page = await openPage(ALERTS);
    expect(isShown(page, '#alert-a2 #steps')).toBe(false);

    await tap(page, '#alert-a2');
    expect(textsOf(page, '#alert-a2 .al-step-text')).toEqual(['发生，交由幸福小区 小区书记处理', '超时未确认，上报至上级工作人员']);
    expect(textsOf(page, '#alert-a2 .al-step-note')).toEqual(['小区未在时限内确认，上报社区']);
    expect(textsOf(page, '#alert-a2 .al-step-time')).toEqual(['2024-03-05 06:00', '2024-03-05 06:30']);
    await tap(page, '#alert-a2');
    expect(isShown(page, '#alert-a2 #steps')).toBe(false);
  });

  it('acknowledges with 确认: once, and the alert leaves 待处理', async () => {
    const reply = deferred<ActionResponse<'alert.ack'>>();
    const fake = serve({ 'alert.ack': () => reply.promise });
    const page = await openPage(ALERTS);

    expect(await tap(page, '#ack-a1')).toBe(true);
    expect(await tap(page, '#ack-a1')).toBe(false);
    expect(await tap(page, '#ack-a3')).toBe(false);
    reply.resolve({ ...FEVER, status: 'acked' });
    await settle();

    expect(fake.callsOf('alert.ack')).toEqual([{ alertId: 'a1' }]);
    expect(titles(page)).toEqual(['3号楼返乡人员未报备', '北门岗位无人值守']);
    expect(fake.wx.showToast).toHaveBeenCalledWith({ title: '已确认', icon: 'success' });
  });

  it('says why acknowledging failed, under that alert', async () => {
    const fake = serve({
      'alert.ack': () => {
        throw failure('CONFLICT', '该预警已由其他人确认');
      },
    });
    const page = await openPage(ALERTS);
    await tap(page, '#ack-a1');
    expect(card(page, 'a1', '#ack-error')).toBe('该预警已由其他人确认');
    expect(titles(page)).toHaveLength(3);
    // Tapping a button does not unfold the alert.
    expect(isShown(page, '#alert-a1 #steps')).toBe(false);
    expect(await tap(page, '#ack-a1')).toBe(true);
    expect(fake.callsOf('alert.ack')).toHaveLength(2);
  });
});

describe('处理完毕', () => {
  it('asks what was done (2–200 characters) and sends nothing until it is said', async () => {
    const fake = serve();
    const page = await openPage(ALERTS);
    await tap(page, '#resolve-a1');
    expect(isShown(page, '#alert-a1 #panel')).toBe(true);
    await tap(page, '#panel-note');
    expect(isShown(page, '#alert-a1 #steps')).toBe(false);

    await tap(page, '#panel-confirm');
    expect(textOf(page, '#panel-error')).toBe('请填写处理情况');
    await typeInto(page, '#panel-note', '好', { leave: false });
    expect(textOf(page, '#panel-error')).toBe('处理情况至少 2 个字');
    await typeInto(page, '#panel-note', '送'.repeat(201), { leave: false });
    expect(textOf(page, '#panel-error')).toBe('处理情况最多 200 个字');
    expect(fake.callsOf('alert.resolve')).toEqual([]);

    await typeInto(page, '#panel-note', ' 已送发热门诊，家属居家观察 ', { leave: false });
    expect(isShown(page, '#panel-error')).toBe(false);
    await tap(page, '#panel-confirm');

    expect(fake.callsOf('alert.resolve')).toEqual([{ alertId: 'a1', note: '已送发热门诊，家属居家观察' }]);
    expect(titles(page)).toEqual(['3号楼返乡人员未报备', '北门岗位无人值守']);
    expect(isShown(page, '#panel')).toBe(false);
    expect(fake.wx.showToast).toHaveBeenCalledWith({ title: '已处理完毕', icon: 'success' });
  });

  it('keeps the note and says why when the server refuses, and can be cancelled', async () => {
    const fake = serve({
      'alert.resolve': () => {
        throw failure('FORBIDDEN', '该预警已上报至街道，请由街道处理');
      },
    });
    const page = await openPage(ALERTS);
    await tap(page, '#resolve-a2');
    await typeInto(page, '#panel-note', '已电话联系本人', { leave: false });
    await tap(page, '#panel-confirm');
    expect(textOf(page, '#alert-a2 #panel-error')).toBe('该预警已上报至街道，请由街道处理');
    expect((page.data as { panel: { note: string } }).panel.note).toBe('已电话联系本人');

    await tap(page, '#panel-cancel');
    expect(isShown(page, '#panel')).toBe(false);
    expect(titles(page)).toHaveLength(3);
    expect(fake.callsOf('alert.resolve')).toHaveLength(1);
  });

  it('sends one request for a double tap', async () => {
    const fake = serve();
    const page = await openPage(ALERTS);
    await tap(page, '#resolve-a1');
    await typeInto(page, '#panel-note', '已处理', { leave: false });
    const instance = page.instance as unknown as { onResolveConfirm(): Promise<void> };
    await Promise.all([instance.onResolveConfirm(), instance.onResolveConfirm()]);
    expect(fake.callsOf('alert.resolve')).toHaveLength(1);
  });
});

describe('the other tabs', () => {
  it('lists acknowledged alerts with 处理完毕 only, and resolved ones with how they were handled', async () => {
    const fake = serve({
      'alert.list': ({ status }) =>
        status === 'resolved'
          ? {
              items: [
                alertView('a5', { status: 'resolved', steps: [{ at: MORNING, kind: 'resolved', orgId: 'p-xingfu', role: 'secretary', note: '体温复测正常' }] }),
              ],
            }
          : { items: LISTS[status ?? 'open'] },
    });
    const page = await openPage(ALERTS);

    await tap(page, '#tab-acked');
    expect(fake.callsOf('alert.list')[1]).toEqual({ status: 'acked', limit: 20 });
    expect(titles(page)).toEqual(['东门体温异常 37.8 ℃']);
    expect(isShown(page, '#ack-a4')).toBe(false);
    await tap(page, '#alert-a4');
    expect(textsOf(page, '#alert-a4 .al-step-text')).toEqual(['发生，交由幸福小区 小区书记处理', '幸福小区 小区书记 周书记 已确认']);
    expect(isShown(page, '#resolve-a4')).toBe(true);
    expect(isShown(page, '#alert-a4 .al-deadline')).toBe(false);

    await tap(page, '#tab-resolved');
    expect(card(page, 'a5', '.al-resolution')).toBe('处理情况：体温复测正常');
    expect(isShown(page, '#resolve-a5')).toBe(false);
  });

  it('says when a tab is empty, and shows a failure with 重试', async () => {
    const fake = serve();
    const page = await openPage(ALERTS);
    await tap(page, '#tab-resolved');
    expect(textOf(page, '#list-empty')).toBe('还没有处理完毕的预警');

    fake.offline = true;
    await tap(page, '#tab-open');
    expect(textOf(page, '#list-error')).toBe('无法连接服务器，请检查网络后重试');
    fake.offline = false;
    await tap(page, '#list-retry');
    expect(titles(page)).toHaveLength(3);
  });
});
