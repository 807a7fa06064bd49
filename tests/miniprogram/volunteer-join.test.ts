/** 申请成为志愿者: the compound, the form with inline checks, party units, and how the caller's applications stand. */
import type { ActionResponse } from '../../typings/api';
import type { PartyUnitView } from '../../typings/duty';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { RESIDENT_ME, UNREGISTERED_ME, directory } from './support/fixtures';
import { COMPOUND_ID, volunteerView } from './support/duty';
import { fakeClock } from './support/gate';
import { valueOf } from './support/inputs';
import type { Page } from './support/mp';
import { choose, find, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';
import { SUBMIT_NOTICE, noticeOpensContract } from './support/privacy';

const JOIN = 'volunteer/pages/join/join';

type Me = ActionResponse<'account.me'>;

const unit = (id: string, kind: PartyUnitView['kind'], name: string, over: Partial<PartyUnitView> = {}): PartyUnitView => ({
  id,
  kind,
  name,
  orgId: COMPOUND_ID,
  orgName: '幸福小区',
  orgLevel: 'compound',
  updatedAt: 0,
  ...over,
});

const BRANCH = unit('u-branch', 'branch', '幸福小区临时党支部');
const GROUP = unit('u-group-3', 'group', '3号楼党小组', { buildingIds: ['b-xingfu-3'] });
const AGENCY = unit('u-agency', 'agency', '区税务局机关党支部', { orgId: 'd-shangzhou', orgName: '商州区', orgLevel: 'district', agencyKind: 'organ' });

function serve(me: Me = RESIDENT_ME, handlers: Handlers = {}): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => me,
      'volunteer.mine': () => ({ items: [] }),
      'party.list': () => ({ items: [BRANCH, GROUP, AGENCY] }),
      'org.directory': directory,
      'volunteer.join': (req) => volunteerView('o-me', { ...req, phoneMasked: '139****2468', unitId: req.unitId, status: 'pending', appliedAt: Date.now() }),
      ...handlers,
    },
  });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

async function tick(page: Page, selector: string, value: string[]): Promise<void> {
  find(page, selector).dispatchEvent('change', { detail: { value } });
  await settle();
}

async function partyMember(page: Page, on: boolean): Promise<void> {
  find(page, '#party-member').dispatchEvent('change', { detail: { value: on } });
  await settle();
}

describe('applying to volunteer', () => {
  it('takes the caller’s own compound and name, and sends one volunteer.join with every choice', async () => {
    const server = serve();
    const page = await openPage(JOIN);

    expect(textOf(page, '#compound-name')).toBe('幸福小区');
    expect(valueOf(page, '#name')).toBe('王秀兰');
    expect(server.callsOf('party.list')).toEqual([{ orgId: COMPOUND_ID }]);
    expect(textsOf(page, '.jn-skill')).toEqual(['医疗', '驾驶', '宣传', '心理疏导', '信息技术', '后勤', '消毒', '安保']);

    await typeInto(page, '#phone', '139 1234 5678');
    await tick(page, '#skills', ['driving', 'medical']);
    await partyMember(page, true);
    await choose(page, ['#unit-picker'], 2);
    expect(textOf(page, '#unit-name')).toBe('楼栋党小组 · 3号楼党小组›');
    await tap(page, '#submit');

    expect(server.callsOf('volunteer.join')).toEqual([
      { compoundId: COMPOUND_ID, name: '王秀兰', phone: '13912345678', skills: ['medical', 'driving'], partyMember: true, unitId: GROUP.id },
    ]);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '申请已提交', icon: 'success' });
    expect(textOf(page, `#app-${COMPOUND_ID} .jn-app-status`)).toBe('待书记审核');
    expect(textOf(page, '#pending-note')).toContain('正在审核中');
  });

  it('says above the button that submitting agrees to the privacy guide, which opens from there', async () => {
    const server = serve();
    const page = await openPage(JOIN);
    expect(textOf(page, '#privacy-notice')).toBe(SUBMIT_NOTICE);
    expect(await noticeOpensContract(page, server)).toBe(true);
  });

  it('checks name and phone as they are left, and everything on 提交, sending nothing while wrong', async () => {
    const server = serve({ ...RESIDENT_ME, name: null });
    const page = await openPage(JOIN);

    await typeInto(page, '#phone', '1391234');
    expect(textOf(page, '#phone-error')).toBe('手机号应为 11 位数字');
    await tap(page, '#submit');
    expect(textOf(page, '#name-error')).toBe('请填写姓名');
    expect(server.callsOf('volunteer.join')).toEqual([]);

    await typeInto(page, '#phone', '13912345678', { leave: false });
    expect(isShown(page, '#phone-error')).toBe(false);
    await typeInto(page, '#name', '赵志强');
    await tap(page, '#submit');
    expect(server.callsOf('volunteer.join')).toEqual([{ compoundId: COMPOUND_ID, name: '赵志强', phone: '13912345678', skills: [], partyMember: false }]);
  });

  it('takes party members only into the compound’s party units; anyone into an agency', async () => {
    const server = serve();
    const page = await openPage(JOIN);
    await typeInto(page, '#phone', '13912345678');

    await choose(page, ['#unit-picker'], 1);
    expect(textOf(page, '#unit-error')).toBe('临时党支部只编入党员：如是党员请打开上面的开关，否则请不选');
    await tap(page, '#submit');
    expect(server.callsOf('volunteer.join')).toEqual([]);

    await partyMember(page, true);
    expect(isShown(page, '#unit-error')).toBe(false);
    await partyMember(page, false);
    await choose(page, ['#unit-picker'], 3);
    expect(textOf(page, '#unit-name')).toBe('报到单位 · 区税务局机关党支部（商州区）›');
    expect(isShown(page, '#unit-error')).toBe(false);
    await tap(page, '#submit');
    expect(server.callsOf('volunteer.join').map((r) => [r.partyMember, r.unitId])).toEqual([[false, AGENCY.id]]);
  });

  it('shows the server’s complaint about a field under it, and others above the button', async () => {
    const server = serve(RESIDENT_ME, {
      'volunteer.join': () => {
        throw failure('INVALID_ARGUMENT', '所选党组织不属于本小区及其所在街道、区', { field: 'data.unitId' });
      },
    });
    const page = await openPage(JOIN);
    await typeInto(page, '#phone', '13912345678');
    await tap(page, '#submit');
    expect(textOf(page, '#unit-error')).toBe('所选党组织不属于本小区及其所在街道、区');

    server.handlers['volunteer.join'] = () => {
      throw failure('CONFLICT', '您已是本小区的志愿者，如需修改资料请联系小区书记');
    };
    await tap(page, '#submit');
    expect(textOf(page, '#form-error')).toBe('您已是本小区的志愿者，如需修改资料请联系小区书记');
  });

  it('sends one application for a double tap', async () => {
    const reply = deferred<ActionResponse<'volunteer.join'>>();
    const server = serve(RESIDENT_ME, { 'volunteer.join': () => reply.promise });
    const page = await openPage(JOIN);
    await typeInto(page, '#phone', '13912345678');
    const instance = page.instance as unknown as { onSubmit(): Promise<void> };
    const both = Promise.all([instance.onSubmit(), instance.onSubmit()]);
    reply.resolve(volunteerView('o-me'));
    await both;
    expect(server.callsOf('volunteer.join')).toHaveLength(1);
  });
});

describe('the caller’s applications', () => {
  it('shows a refusal with its reason and fills the form from it to apply again', async () => {
    const rejected = volunteerView('o-me', { status: 'rejected', reason: '请先完成核酸检测', skills: ['logistics'], partyMember: true, unitId: GROUP.id });
    serve(RESIDENT_ME, { 'volunteer.mine': () => ({ items: [rejected] }) });
    const page = await openPage(JOIN);

    expect(textOf(page, `#app-${COMPOUND_ID} .jn-app-compound`)).toBe('幸福小区');
    expect(textOf(page, `#app-${COMPOUND_ID} .jn-app-status`)).toBe('未通过');
    expect(textOf(page, `#app-${COMPOUND_ID} .jn-app-line`)).toBe('申请于 2024-03-04 · 党员 · 后勤');
    expect(textOf(page, `#app-${COMPOUND_ID} .jn-app-reason`)).toBe('原因：请先完成核酸检测');
    expect(valueOf(page, '#name')).toBe('赵志强');
    expect(textsOf(page, '.jn-skill-on')).toEqual(['后勤']);
    expect(textOf(page, '#unit-name')).toBe('楼栋党小组 · 3号楼党小组›');
    expect(textOf(page, '#submit')).toBe('重新提交申请');
  });

  it('tells an approved volunteer so instead of the form, and leads to the shifts', async () => {
    const server = serve(RESIDENT_ME, { 'volunteer.mine': () => ({ items: [volunteerView('o-me', { status: 'approved' })] }) });
    const page = await openPage(JOIN);
    expect(textOf(page, '#approved .jn-approved-title')).toBe('您已是该小区的志愿者');
    expect(isShown(page, '#submit')).toBe(false);
    await tap(page, '#to-shifts');
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/volunteer/pages/shifts/shifts' });
  });

  it('shows a failure to load with 重试', async () => {
    const server = serve(RESIDENT_ME, {
      'volunteer.mine': () => {
        throw failure('INTERNAL', '服务繁忙，请稍后再试');
      },
    });
    const page = await openPage(JOIN);
    expect(textOf(page, '#load-error')).toBe('服务繁忙，请稍后再试');
    server.handlers['volunteer.mine'] = () => ({ items: [] });
    await tap(page, '#retry');
    expect(textOf(page, '#compound-name')).toBe('幸福小区');
  });
});

describe('someone from outside the compound', () => {
  it('finds the compound street → community → compound, the district taken silently', async () => {
    const server = serve(UNREGISTERED_ME);
    const page = await openPage(JOIN);

    expect(isShown(page, '#compound-name')).toBe(false);
    expect(isShown(page, '#dir-0')).toBe(false); // the one district, taken silently
    await choose(page, ['#dir-1'], 0);
    await choose(page, ['#dir-2'], 0);
    await choose(page, ['#dir-3'], 0);
    expect(server.callsOf('org.directory')).toEqual([{}, { parentId: 'd-shangzhou' }, { parentId: 's-chengguan' }, { parentId: 'c-dongguan' }]);
    expect(server.callsOf('party.list')).toEqual([{ orgId: COMPOUND_ID }]);

    await typeInto(page, '#name', '陈派驻');
    await typeInto(page, '#phone', '13700000001');
    await tap(page, '#submit');
    expect(server.callsOf('volunteer.join').map((r) => r.compoundId)).toEqual([COMPOUND_ID]);
  });

  it('asks for the compound before anything is sent', async () => {
    const server = serve(UNREGISTERED_ME);
    const page = await openPage(JOIN);
    await typeInto(page, '#name', '陈派驻');
    await typeInto(page, '#phone', '13700000001');
    await tap(page, '#submit');
    expect(textOf(page, '#compound-error')).toBe('请选择要服务的小区');
    expect(server.callsOf('volunteer.join')).toEqual([]);
  });
});
