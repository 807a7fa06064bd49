/** The pushes-left line (components/push-quota) on the pages that ask consent. */
import type { ConsentSummary, TemplateName } from '../../typings/messages';
import { TEMPLATES } from '../../miniprogram/shared/templates';
import { ROUTES } from '../../miniprogram/utils/routes';
import type { FakeWx, FakeWxOptions } from './support/fake-wx';
import { failure, installFakeWx } from './support/fake-wx';
import { at, dutyWorld, GATE_POST, shiftView, volunteerHandlers } from './support/duty';
import { fakeClock } from './support/gate';
import type { MessageWx } from './support/messages';
import { addMessageWx, alertView, noticeView } from './support/messages';
import { isShown, openPage, settle, tap, textOf } from './support/mp';
import { PassServer } from './support/pass-server';
import { addPassWx } from './support/pass-wx';

const DETAIL = 'notices/pages/detail/detail';
const ALERTS = 'staff/pages/alerts/alerts';
const NOTICE = noticeView('n1', { title: '本周六核酸检测安排' });
const OPEN_SHIFT = shiftView(GATE_POST, at('16:00'), at('24:00'));

/** What the server sends: a copy, not the object it keeps (jsdom has no structuredClone). */
const copy = (quota: ConsentSummary): ConsentSummary => ({ granted: { ...quota.granted }, longTerm: [...quota.longTerm] });

type Phone = FakeWx & { msg: MessageWx; quota: ConsentSummary };

/**
 * The four pages served, and the caller's consent as the server keeps it: message.quota answers
 * `quota`, message.subscribed adds one per accept. A trial build unless told (placeholder ids).
 */
function phone(granted: Partial<Record<TemplateName, number>> = {}, envVersion: FakeWxOptions['envVersion'] = 'trial'): Phone {
  const quota: ConsentSummary = { granted: { passDecision: 0, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0, ...granted }, longTerm: [] };
  const fake = installFakeWx({
    envVersion,
    handlers: {
      ...new PassServer().handlers(),
      ...volunteerHandlers(dutyWorld({ shifts: [OPEN_SHIFT] })),
      'notice.get': () => ({ ...NOTICE }),
      'notice.read': () => ({ readAt: Date.now() }),
      'alert.list': () => ({ items: [alertView('a1')] }),
      'message.quota': () => copy(quota),
      'message.subscribed': ({ answers }) => {
        for (const [name, answer] of Object.entries(answers) as Array<[TemplateName, string]>) if (answer === 'accept') quota.granted[name] += 1;
        return copy(quota);
      },
    },
  });
  addPassWx(fake);
  return Object.assign(fake, { msg: addMessageWx(fake), quota });
}

const line = (page: Parameters<typeof textOf>[0]) => textOf(page, '#quota', '#push-quota');

beforeEach(() => fakeClock(at('07:00')));
afterEach(() => jest.useRealTimers());

it.each([
  ['resident/pages/apply/apply', 'passDecision', {}],
  ['volunteer/pages/shifts/shifts', 'shiftReminder', {}],
  [ALERTS, 'alert', {}],
  [DETAIL, 'notice', { id: NOTICE.id }],
] as const)('%s shows the pushes left for %s', async (path, template, query) => {
  const fake = phone({ [template]: 2, ...(template === 'notice' ? { alert: 5 } : { notice: 5 }) });
  const page = await openPage(path, query);
  expect(line(page)).toBe('微信提醒剩余 2 次 · 点此增加');
  expect(fake.callsOf('message.quota')).toEqual([{}]);
});

it('点此增加 asks for the template within the tap, then shows the new count', async () => {
  const fake = phone({ notice: 1 });
  const page = await openPage(DETAIL, { id: NOTICE.id });
  await tap(page, '#quota', '#push-quota-more');
  expect(fake.msg.requestSubscribeMessage.mock.calls.map(([opts]) => opts.tmplIds)).toEqual([[TEMPLATES.notice.id]]);
  await settle();
  expect(fake.callsOf('message.subscribed')).toHaveLength(1);
  expect(line(page)).toBe('微信提醒剩余 2 次 · 点此增加');
});

it('follows the page’s own ask: signing up for a shift adds a reminder', async () => {
  const fake = phone({ shiftReminder: 0 });
  const page = await openPage('volunteer/pages/shifts/shifts');
  expect(textOf(page, '#quota', '#push-quota-text')).toBe('提醒次数已用完，新消息请在本页查看');
  await tap(page, `#signup-${OPEN_SHIFT.id}`);
  await settle();
  expect(fake.callsOf('duty.signup')).toHaveLength(1);
  expect(line(page)).toBe('微信提醒剩余 1 次 · 点此增加');
});

it('says a long-term template is on, with nothing to add', async () => {
  const fake = phone();
  fake.quota.longTerm = ['alert'];
  const page = await openPage(ALERTS);
  expect(line(page)).toBe('已开启长期提醒');
  expect(isShown(page, '#quota', '#push-quota-more')).toBe(false);
});

it('with none left, says where the messages are and links there', async () => {
  const fake = phone({ notice: 0 });
  const page = await openPage(DETAIL, { id: NOTICE.id });
  expect(textOf(page, '#quota', '#push-quota-text')).toBe('提醒次数已用完，新消息请在「通知」中查看');
  await tap(page, '#quota', '#push-quota-open');
  expect(fake.wx.navigateTo).toHaveBeenCalledWith({ url: ROUTES.inbox });

  // A refused ask leaves it at none (and the refusal is reported, so the line asks the server again).
  fake.msg.consent = { answer: 'reject' };
  await tap(page, '#quota', '#push-quota-more');
  await settle();
  expect(fake.callsOf('message.quota')).toHaveLength(2);
  expect(textOf(page, '#quota', '#push-quota-text')).toBe('提醒次数已用完，新消息请在「通知」中查看');
});

it('on the page where the messages are, none left names no other place', async () => {
  phone({ alert: 0 });
  const page = await openPage(ALERTS);
  expect(textOf(page, '#quota', '#push-quota-text')).toBe('提醒次数已用完，新消息请在本页查看');
  expect(isShown(page, '#quota', '#push-quota-open')).toBe(false);
  expect(textOf(page, '#quota', '#push-quota-more')).toBe('点此开启微信提醒');
});

it('shows nothing offline or when the server fails, and the page works', async () => {
  const fake = phone({ notice: 3 });
  fake.handlers['message.quota'] = () => {
    throw failure('INTERNAL', '服务繁忙');
  };
  const page = await openPage(DETAIL, { id: NOTICE.id });
  expect(textOf(page, '#title')).toBe('本周六核酸检测安排');
  expect(isShown(page, '#quota', '#push-quota')).toBe(false);

  fake.offline = true;
  const alerts = await openPage(ALERTS);
  expect(isShown(alerts, '#quota', '#push-quota')).toBe(false);
});

it('shows nothing, and asks the server nothing, in a release build whose template id is a placeholder', async () => {
  const fake = phone({ notice: 3 }, 'release');
  const page = await openPage(DETAIL, { id: NOTICE.id });
  expect(textOf(page, '#title')).toBe('本周六核酸检测安排');
  expect(isShown(page, '#quota', '#push-quota')).toBe(false);
  expect(fake.callsOf('message.quota')).toEqual([]);
});
