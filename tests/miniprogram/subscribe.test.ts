import type { ActionResponse } from '../../typings/api';
import type { TemplateName } from '../../typings/messages';
import { TEMPLATES } from '../../miniprogram/shared/templates';
import type * as SubscribeModule from '../../miniprogram/services/subscribe';
import type { ConsentReport } from '../../miniprogram/services/subscribe';
import { ID, UUID, asked, reports, serve } from './support/consent';
import { deferred, failure } from './support/fake-wx';
import { fakeClock } from './support/gate';
import { consentSummary } from './support/messages';
import type { Page } from './support/mp';
import { choose, openPage, settle, tap, typeInto } from './support/mp';

type Subscribe = typeof SubscribeModule;

/** The service, loaded fresh (its counter and nothing else carries between tests); `edit` changes its template table (real ids, long-term). */
function service(edit: (table: typeof TEMPLATES) => void = () => undefined): Subscribe {
  let mod!: Subscribe;
  jest.isolateModules(() => {
    edit(jest.requireActual<{ TEMPLATES: typeof TEMPLATES }>('../../miniprogram/shared/templates').TEMPLATES);
    mod = jest.requireActual<Subscribe>('../../miniprogram/services/subscribe');
  });
  return mod;
}

async function fillInRegistration(page: Page): Promise<void> {
  await typeInto(page, '#name', '王秀兰');
  await typeInto(page, '#phone', '13912342468');
  await choose(page, ['#building', '#bp-row-1'], 0);
  await choose(page, ['#building', '#bp-row-2'], 0);
  await choose(page, ['#building', '#bp-row-3'], 0);
  await choose(page, ['#building', '#bp-row-4'], 1);
  await typeInto(page, '#unit', '2');
  await typeInto(page, '#room', '502');
}

describe('askConsent', () => {
  it('asks for each distinct template once, by its configured id, at most five', async () => {
    const fake = serve();
    const { askConsent, MAX_TEMPLATES_PER_ASK } = service();
    const outcome = await askConsent(['notice', 'passDecision', 'notice', 'alert', 'shiftReminder', 'alert']);

    expect(asked(fake)).toEqual([[ID.notice, ID.passDecision, ID.alert, ID.shiftReminder]]);
    expect(asked(fake)[0].length).toBeLessThanOrEqual(MAX_TEMPLATES_PER_ASK);
    expect(outcome).toEqual({ answers: { notice: 'accept', passDecision: 'accept', alert: 'accept', shiftReminder: 'accept' }, reported: true });
  });

  it('asks with exactly the ids of the template table the server sends with', async () => {
    const fake = serve();
    const { askConsent } = service();
    for (const name of Object.keys(TEMPLATES) as TemplateName[]) await askConsent([name]);
    expect(asked(fake)).toEqual((Object.keys(TEMPLATES) as TemplateName[]).map((name) => [TEMPLATES[name].id]));
  });

  it('in a release build never asks for a placeholder id, and asks for the real ones', async () => {
    const fake = serve({}, 'release');
    expect(await service().askConsent(['notice', 'alert'])).toEqual({ answers: {}, reported: false });
    expect(fake.msg.requestSubscribeMessage).not.toHaveBeenCalled();

    const { askConsent, canAsk } = service((table) => {
      table.notice.id = 'Xq3-real-notice-template-id';
    });
    expect([canAsk('notice'), canAsk('alert')]).toEqual([true, false]);
    expect(await askConsent(['notice', 'alert'])).toEqual({ answers: { notice: 'accept' }, reported: true });
    expect(asked(fake)).toEqual([['Xq3-real-notice-template-id']]);
  });

  it.each(['develop', 'trial'] as const)('in a %s build asks for the placeholder ids too (the local runtime counts them)', async (envVersion) => {
    const fake = serve({}, envVersion);
    const { askConsent, canAsk } = service();
    expect(canAsk('alert')).toBe(true);
    expect(await askConsent(['alert'])).toEqual({ answers: { alert: 'accept' }, reported: true });
    expect(asked(fake)).toEqual([[ID.alert]]);
  });

  it('never mixes one-time and long-term templates in one request: the first one’s kind is asked', async () => {
    const fake = serve();
    const { askConsent } = service((table) => {
      table.alert.longTerm = true;
      table.notice.longTerm = true;
    });
    await askConsent(['alert', 'passDecision', 'notice']);
    await askConsent(['passDecision', 'alert', 'shiftReminder']);
    expect(asked(fake)).toEqual([
      [ID.alert, ID.notice],
      [ID.passDecision, ID.shiftReminder],
    ]);
  });

  it('tells its listeners each settled answer, until they stop listening', async () => {
    serve();
    const { askConsent, onConsent } = service();
    const heard: unknown[] = [];
    const stop = onConsent((outcome) => heard.push(outcome));
    await askConsent(['notice']);
    stop();
    await askConsent(['notice']);
    expect(heard).toEqual([{ answers: { notice: 'accept' }, reported: true }]);
  });

  it('reports every answer once, with a phone-made requestId', async () => {
    const fake = serve();
    const { askConsent } = service();
    fake.msg.consent = { answer: { [ID.passDecision]: 'accept', [ID.notice]: 'reject', [ID.alert]: 'ban' } };
    await askConsent(['passDecision', 'notice', 'alert']);

    expect(reports(fake)).toEqual([{ answers: { passDecision: 'accept', notice: 'reject', alert: 'ban' }, requestId: expect.stringMatching(UUID) }]);
    await askConsent(['passDecision']);
    const [first, second] = reports(fake);
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('reports nothing when WeChat does not ask (switched off, no such API, or it throws)', async () => {
    const fake = serve();
    const { askConsent } = service();
    fake.msg.consent = { fail: { errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' } };
    expect(await askConsent(['notice'])).toEqual({ answers: {}, reported: false });
    fake.msg.consent = { throws: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' };
    expect(await askConsent(['notice'])).toEqual({ answers: {}, reported: false });
    delete (fake.wx as unknown as { requestSubscribeMessage?: unknown }).requestSubscribeMessage;
    expect(await askConsent(['notice'])).toEqual({ answers: {}, reported: false });
    expect(reports(fake)).toEqual([]);
  });

  it('keeps a report that could not be sent and sends it, same requestId, with the next one', async () => {
    const fake = serve();
    const { askConsent, PENDING_KEY } = service();
    fake.offline = true;
    expect(await askConsent(['passDecision'])).toEqual({ answers: { passDecision: 'accept' }, reported: false });
    const kept = fake.storage.get(PENDING_KEY) as ConsentReport[];
    expect(kept).toEqual([{ answers: { passDecision: 'accept' }, requestId: expect.stringMatching(UUID) }]);

    fake.offline = false;
    fake.msg.consent = { answer: 'reject' };
    await askConsent(['notice']);
    expect(reports(fake)).toEqual([kept[0], { answers: { notice: 'reject' }, requestId: expect.stringMatching(UUID) }]);
    expect(fake.storage.get(PENDING_KEY)).toEqual([]);
  });

  it('drops a report the server refuses as wrong, rather than sending it forever', async () => {
    const fake = serve({
      'message.subscribed': () => {
        throw failure('INVALID_ARGUMENT', '参数不正确', { field: 'data.requestId' });
      },
    });
    const { askConsent, PENDING_KEY } = service();
    expect(await askConsent(['notice'])).toEqual({ answers: { notice: 'accept' }, reported: false });
    expect(fake.storage.has(PENDING_KEY)).toBe(false);
  });
});

describe('the register page', () => {
  it('asks on the submit tap itself, before anything is awaited, and reports once', async () => {
    const fake = serve();
    const page = await openPage('resident/pages/register/register');
    await fillInRegistration(page);

    const submitting = (page.instance as unknown as { onSubmit(): Promise<void> }).onSubmit();
    // Synchronously, within the tap: WeChat refuses the dialog after an await.
    expect(asked(fake)).toEqual([[ID.passDecision, ID.notice]]);
    await submitting;
    await settle();

    expect(fake.callsOf('account.register')).toHaveLength(1);
    expect(reports(fake)).toEqual([{ answers: { passDecision: 'accept', notice: 'accept' }, requestId: expect.stringMatching(UUID) }]);
    expect(fake.wx.navigateBack).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['rejected', { answer: 'reject' as const }],
    ['failed', { fail: { errCode: 20004, errMsg: 'requestSubscribeMessage:fail' } }],
    ['thrown', { throws: 'requestSubscribeMessage:fail' }],
    ['left unanswered', { pending: true as const }],
  ])('registers all the same when consent is %s', async (_how, consent) => {
    const fake = serve();
    fake.msg.consent = consent;
    const page = await openPage('resident/pages/register/register');
    await fillInRegistration(page);
    expect(await tap(page, '#submit')).toBe(true);

    expect(fake.msg.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(fake.callsOf('account.register')).toHaveLength(1);
    expect(fake.wx.showToast).toHaveBeenCalledWith({ title: '登记成功', icon: 'success' });
    expect(fake.wx.navigateBack).toHaveBeenCalledTimes(1);
  });

  it('registers all the same when reporting the answers fails', async () => {
    const fake = serve({
      'message.subscribed': () => {
        throw failure('INTERNAL', '服务繁忙');
      },
    });
    const page = await openPage('resident/pages/register/register');
    await fillInRegistration(page);
    await tap(page, '#submit');
    expect(reports(fake)).toHaveLength(1);
    expect(fake.wx.navigateBack).toHaveBeenCalledTimes(1);
  });
});

describe('the pass application page', () => {
  it('asks for the review’s outcome on the submit tap and applies whatever the answer', async () => {
    const fake = serve();
    fake.msg.consent = { answer: 'reject' };
    const page = await openPage('resident/pages/apply/apply');
    await tap(page, '#suggestion-0');

    const submitting = (page.instance as unknown as { onSubmit(): Promise<void> }).onSubmit();
    expect(asked(fake)).toEqual([[ID.passDecision]]);
    await submitting;
    await settle();

    expect(fake.callsOf('pass.apply')).toEqual([{ relation: 'self', reason: '居家生活' }]);
    expect(reports(fake)).toEqual([{ answers: { passDecision: 'reject' }, requestId: expect.stringMatching(UUID) }]);
    expect(fake.wx.navigateBack).toHaveBeenCalledTimes(1);
  });

  it('applies in a release build without asking while the template id is a placeholder', async () => {
    const fake = serve({}, 'release');
    const page = await openPage('resident/pages/apply/apply');
    await tap(page, '#suggestion-1');
    await tap(page, '#submit');
    expect(fake.msg.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(fake.callsOf('pass.apply')).toHaveLength(1);
  });

  it('applies when the consent dialog fails', async () => {
    const fake = serve();
    fake.msg.consent = { fail: { errCode: 10005, errMsg: 'requestSubscribeMessage:fail' } };
    const page = await openPage('resident/pages/apply/apply');
    await tap(page, '#suggestion-1');
    await tap(page, '#submit');
    expect(fake.callsOf('pass.apply')).toHaveLength(1);
    expect(reports(fake)).toEqual([]);
  });
});

describe('the alerts page', () => {
  beforeEach(() => fakeClock());
  afterEach(() => jest.useRealTimers());

  it('asks for alert pushes on the first 确认 of a visit, within the tap, and acknowledges whatever the answer', async () => {
    const fake = serve();
    fake.msg.consent = { answer: 'reject' };
    const page = await openPage('staff/pages/alerts/alerts');
    const instance = page.instance as unknown as { onAck(e: unknown): Promise<void> };
    const tapOn = (id: string) => ({ currentTarget: { dataset: { id } } });

    const acking = instance.onAck(tapOn('a1'));
    expect(asked(fake)).toEqual([[ID.alert]]);
    await acking;
    await settle();
    expect(fake.callsOf('alert.ack')).toEqual([{ alertId: 'a1' }]);
    expect(reports(fake)).toEqual([{ answers: { alert: 'reject' }, requestId: expect.stringMatching(UUID) }]);

    await tap(page, '#ack-a2');
    expect(fake.callsOf('alert.ack')).toHaveLength(2);
    expect(asked(fake)).toHaveLength(1);
  });

  it('asks again whenever 有新预警时微信提醒我 is tapped', async () => {
    const reply = deferred<ActionResponse<'message.subscribed'>>();
    const fake = serve({ 'message.subscribed': () => reply.promise });
    const page = await openPage('staff/pages/alerts/alerts');
    await tap(page, '#subscribe');
    expect(asked(fake)).toEqual([[ID.alert]]);
    reply.resolve(consentSummary({ alert: 'accept' }));
    await settle();
    expect(fake.wx.showToast).toHaveBeenCalledWith({ title: '将推送下一条预警', icon: 'none' });
    await tap(page, '#subscribe');
    expect(asked(fake)).toHaveLength(2);
  });
});
