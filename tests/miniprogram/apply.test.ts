import type { ActionResponse } from '../../typings/api';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { FakeWx, Handlers } from './support/fake-wx';
import type { Page } from './support/mp';
import { find, isDisabled, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';
import { PassServer } from './support/pass-server';
import type { PassWx } from './support/pass-wx';
import { addPassWx } from './support/pass-wx';
import { SUBMIT_NOTICE, noticeOpensContract } from './support/privacy';

const APPLY = 'resident/pages/apply/apply';

type Applied = ActionResponse<'pass.apply'>;

function serve(handlers: Handlers = {}): FakeWx & { server: PassServer; passWx: PassWx } {
  const server = new PassServer();
  const fake = installFakeWx({ handlers: { ...server.handlers(), ...handlers } });
  return Object.assign(fake, { server, passWx: addPassWx(fake) });
}

const submitDisabled = (page: Page) => isDisabled(find(page, '#submit'));
const chosenRelation = (page: Page) => textsOf(page, '#field-relation .ap-choice-on');

describe('applying for a pass', () => {
  it('offers the four relations, 本人 chosen, and asks no name for oneself', async () => {
    serve();
    const page = await openPage(APPLY);

    expect(textsOf(page, '#field-relation .ap-choice')).toEqual(['本人', '家属', '租户', '照护人']);
    expect(chosenRelation(page)).toEqual(['本人']);
    expect(isShown(page, '#name')).toBe(false);
    expect(submitDisabled(page)).toBe(true);
    expect(textOf(page, '#submit-hint')).toBe('请把以上内容填写完整');
  });

  it('says above the button that submitting agrees to the privacy guide, which opens from there', async () => {
    const fake = serve();
    const page = await openPage(APPLY);
    expect(textOf(page, '#privacy-notice')).toBe(SUBMIT_NOTICE);
    expect(await noticeOpensContract(page, fake)).toBe(true);
  });

  it('fills in the reason with one tap', async () => {
    const fake = serve();
    const page = await openPage(APPLY);

    await tap(page, '#suggestion-2');
    expect((page.data as { form: { reason: string } }).form.reason).toBe('就医');
    expect(submitDisabled(page)).toBe(false);
    await tap(page, '#submit');
    expect(fake.callsOf('pass.apply')).toEqual([{ relation: 'self', reason: '就医' }]);
  });

  it('explains a missing or bad reason under the field once it is left', async () => {
    serve();
    const page = await openPage(APPLY);

    await typeInto(page, '#reason', '上', { leave: false });
    expect(isShown(page, '#reason-error')).toBe(false);
    await typeInto(page, '#reason', '上');
    expect(textOf(page, '#reason-error')).toBe('申请事由应为 2–100 个字');
    await typeInto(page, '#reason', '   ');
    expect(textOf(page, '#reason-error')).toBe('请填写申请事由');
    await typeInto(page, '#reason', '就'.repeat(101));
    expect(textOf(page, '#reason-error')).toBe('申请事由应为 2–100 个字');
    await typeInto(page, '#reason', '上班', { leave: false });
    expect(isShown(page, '#reason-error')).toBe(false);
    expect(submitDisabled(page)).toBe(false);
  });

  it('asks for the name of a family member, tenant or carer, and checks it', async () => {
    serve();
    const page = await openPage(APPLY);
    await typeInto(page, '#reason', '居家生活');
    expect(submitDisabled(page)).toBe(false);

    await tap(page, '#relation-family');
    expect(chosenRelation(page)).toEqual(['家属']);
    expect(isShown(page, '#name')).toBe(true);
    expect(isShown(page, '#name-error')).toBe(false);
    expect(submitDisabled(page)).toBe(true);

    await typeInto(page, '#name', '李');
    expect(textOf(page, '#name-error')).toBe('姓名应为 2–20 个字');
    await typeInto(page, '#name', '李1');
    expect(textOf(page, '#name-error')).toBe('姓名只能包含汉字、字母和间隔号');
    await typeInto(page, '#name', '李桂芳', { leave: false });
    expect(isShown(page, '#name-error')).toBe(false);
    expect(submitDisabled(page)).toBe(false);

    await tap(page, '#relation-self');
    expect(isShown(page, '#name')).toBe(false);
    expect(submitDisabled(page)).toBe(false);
  });

  it('sends one request, trimmed, then goes back to the pass page', async () => {
    const reply = deferred<Applied>();
    const fake = serve({ 'pass.apply': () => reply.promise });
    const page = await openPage(APPLY);
    await tap(page, '#relation-caregiver');
    await typeInto(page, '#name', ' 张建华 ');
    await typeInto(page, '#reason', ' 照护老人 ');

    expect(await tap(page, '#submit')).toBe(true);
    expect(textOf(page, '#submit')).toBe('正在提交…');
    expect(await tap(page, '#submit')).toBe(false);

    reply.resolve(fake.server.handlers()['pass.apply']!({ relation: 'caregiver', name: '张建华', reason: '照护老人' }, {}) as Applied);
    await settle();

    expect(fake.callsOf('pass.apply')).toEqual([{ relation: 'caregiver', name: '张建华', reason: '照护老人' }]);
    expect(fake.wx.showToast).toHaveBeenCalledWith({ title: '申请已提交', icon: 'success' });
    expect(fake.wx.navigateBack).toHaveBeenCalledTimes(1);
  });

  it('sends one request for a double tap that lands before the button re-renders', async () => {
    const fake = serve();
    const page = await openPage(APPLY);
    await typeInto(page, '#reason', '上班');

    const instance = page.instance as unknown as { onSubmit(): Promise<void> };
    await Promise.all([instance.onSubmit(), instance.onSubmit()]);
    expect(fake.callsOf('pass.apply')).toHaveLength(1);
  });

  it('opens the pass page when there is nothing to go back to, and it shows 审核中', async () => {
    const fake = serve();
    fake.wx.navigateBack.mockImplementation((opts) => opts?.fail?.({ errMsg: 'navigateBack:fail cannot navigate back at first page.' }));
    const page = await openPage(APPLY);
    await typeInto(page, '#reason', '居家生活');
    await tap(page, '#submit');
    expect(fake.passWx.redirectTo).toHaveBeenCalledWith({ url: '/resident/pages/pass/pass' });

    const pass = await openPage('resident/pages/pass/pass');
    expect(textOf(pass, '#state-title')).toBe('审核中');
    expect(textOf(pass, '#state-detail')).toBe('申请已提交，请等待小区审核');
    pass.detach();
  });

  it('shows the server’s complaint about the name under the name field', async () => {
    const fake = serve({
      'pass.apply': () => {
        throw failure('CONFLICT', '李桂芳已有有效的出入证', { field: 'data.name' });
      },
    });
    const page = await openPage(APPLY);
    await tap(page, '#relation-family');
    await typeInto(page, '#name', '李桂芳');
    await typeInto(page, '#reason', '居家生活');
    await tap(page, '#submit');

    expect(textOf(page, '#name-error')).toBe('李桂芳已有有效的出入证');
    expect(isShown(page, '#form-error')).toBe(false);
    expect(isShown(page, '#reason-error')).toBe(false);
    expect(submitDisabled(page)).toBe(true);
    expect(fake.wx.navigateBack).not.toHaveBeenCalled();

    await typeInto(page, '#name', '李桂兰', { leave: false });
    expect(isShown(page, '#name-error')).toBe(false);
    expect(submitDisabled(page)).toBe(false);
  });

  it.each([
    ['under the reason', 'INVALID_ARGUMENT', '申请事由含有不允许的内容', 'data.reason', '#reason-error'],
    ['above the button when it names a field not shown (a name, applying for oneself)', 'CONFLICT', '您已有有效的出入证', 'data.name', '#form-error'],
    ['above the button when it names no field', 'FAILED_PRECONDITION', '请先登记为居民', undefined, '#form-error'],
  ] as const)('shows a server error %s', async (_where, code, message, field, shownAt) => {
    serve({
      'pass.apply': () => {
        throw failure(code, message, field ? { field } : undefined);
      },
    });
    const page = await openPage(APPLY);
    await typeInto(page, '#reason', '居家生活');
    await tap(page, '#submit');

    expect(textOf(page, shownAt)).toBe(message);
    const elsewhere = ['#reason-error', '#name-error', '#relation-error', '#form-error'].filter((s) => s !== shownAt);
    expect(elsewhere.filter((s) => isShown(page, s))).toEqual([]);
  });

  it('says when the network is down, and keeps what was typed', async () => {
    const fake = serve();
    fake.offline = true;
    const page = await openPage(APPLY);
    await typeInto(page, '#reason', '居家生活');
    await tap(page, '#submit');

    expect(textOf(page, '#form-error')).toBe('无法连接服务器，请检查网络后重试');
    expect((page.data as { form: { reason: string } }).form.reason).toBe('居家生活');
  });
});
