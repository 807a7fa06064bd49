/** Asking consent at the moment a user expects a message: the tap asks first, and the action never waits on the answer. */
import type { ActionName } from '../../typings/api';
import type { TemplateName } from '../../typings/messages';
import type { FakeWx } from './support/fake-wx';
import { ID, UUID, asked, reports, serve } from './support/consent';
import { at, dutyWorld, GATE_POST, shiftView, volunteerHandlers } from './support/duty';
import { fakeClock } from './support/gate';
import type { MessageWx } from './support/messages';
import { noticeView } from './support/messages';
import type { Page } from './support/mp';
import { openPage, settle, tap } from './support/mp';

describe('asking at the moment a message is expected', () => {
  const OPEN_SHIFT = shiftView(GATE_POST, at('16:00'), at('24:00'));
  const ASKS_ACK = noticeView('n2', { requireAck: true });

  interface Moment {
    page: string;
    query?: Record<string, string>;
    /** What the tap's handler is, called as the client calls it (synchronously, within the tap). */
    tap(page: Page): Promise<unknown>;
    /** Taps before it (filling in a form). */
    before?(page: Page): Promise<unknown>;
    template: TemplateName;
    /** The action the tap is for ('' when the tap is only the ask). */
    action: ActionName | '';
  }

  const handler = <T>(page: Page, name: string) => (page.instance as unknown as Record<string, (arg?: unknown) => T>)[name].bind(page.instance);
  const dataset = (id: string) => ({ currentTarget: { dataset: { id } } });

  const MOMENTS: Record<string, Moment> = {
    'a volunteer signing up for a shift': {
      page: 'volunteer/pages/shifts/shifts',
      tap: (page) => Promise.resolve(handler(page, 'onSignup')(dataset(OPEN_SHIFT.id))),
      template: 'shiftReminder',
      action: 'duty.signup',
    },
    'a resident acknowledging a notice': {
      page: 'notices/pages/detail/detail',
      query: { id: ASKS_ACK.id },
      tap: (page) => handler<Promise<void>>(page, 'onAck')(),
      template: 'notice',
      action: 'notice.ack',
    },
    'a resident reading a notice and asking for the next one': {
      page: 'notices/pages/detail/detail',
      query: { id: ASKS_ACK.id },
      tap: (page) => Promise.resolve(handler(page, 'onRemind')()),
      template: 'notice',
      action: '',
    },
    'a secretary acknowledging an alert': {
      page: 'staff/pages/alerts/alerts',
      tap: (page) => handler<Promise<void>>(page, 'onAck')(dataset('a1')),
      template: 'alert',
      action: 'alert.ack',
    },
    'a resident applying for a pass': {
      page: 'resident/pages/apply/apply',
      before: (page) => tap(page, '#suggestion-0'),
      tap: (page) => handler<Promise<void>>(page, 'onSubmit')(),
      template: 'passDecision',
      action: 'pass.apply',
    },
  };

  /** Everything the five moments need served; `seen` counts the asks each action found already made. */
  function serveMoments(): FakeWx & { msg: MessageWx; seen: Partial<Record<ActionName, number>> } {
    const seen: Partial<Record<ActionName, number>> = {};
    const fake = serve({
      ...volunteerHandlers(dutyWorld({ shifts: [OPEN_SHIFT] })),
      'notice.get': () => ({ ...ASKS_ACK }),
      'notice.read': () => ({ readAt: Date.now() }),
      'notice.ack': () => ({ ackedAt: Date.now() }),
    });
    for (const action of ['duty.signup', 'notice.ack', 'alert.ack', 'pass.apply'] as const) {
      const inner = fake.handlers[action] as (data: unknown, caller: unknown) => unknown;
      (fake.handlers as Record<string, unknown>)[action] = (data: unknown, caller: unknown) => {
        seen[action] = asked(fake).length;
        return inner(data, caller);
      };
    }
    return Object.assign(fake, { seen });
  }

  beforeEach(() => fakeClock(at('07:00')));
  afterEach(() => jest.useRealTimers());

  it.each(Object.entries(MOMENTS))('%s: the tap asks for its template before anything is awaited', async (_who, moment) => {
    const fake = serveMoments();
    const page = await openPage(moment.page, moment.query);
    await moment.before?.(page);

    const tapped = moment.tap(page);
    expect(asked(fake)).toEqual([[ID[moment.template]]]);
    await tapped;
    await settle();
    if (moment.action) {
      expect(fake.callsOf(moment.action)).toHaveLength(1);
      expect(fake.seen[moment.action]).toBe(1);
    }
    expect(reports(fake)).toEqual([{ answers: { [moment.template]: 'accept' }, requestId: expect.stringMatching(UUID) }]);
  });

  it.each(
    Object.entries(MOMENTS)
      .filter(([, moment]) => moment.action)
      .flatMap(([who, moment]) => [
        [who, 'refused', { answer: 'reject' as const }, moment] as const,
        [who, 'switched off', { fail: { errCode: 20004, errMsg: 'requestSubscribeMessage:fail' } }, moment] as const,
        [who, 'left unanswered', { pending: true as const }, moment] as const,
      ]),
  )('%s: goes on when consent is %s', async (_who, _how, consent, moment) => {
    const fake = serveMoments();
    fake.msg.consent = consent;
    const page = await openPage(moment.page, moment.query);
    await moment.before?.(page);
    await moment.tap(page);
    await settle();
    expect(fake.msg.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(fake.callsOf(moment.action as ActionName)).toHaveLength(1);
  });
});
