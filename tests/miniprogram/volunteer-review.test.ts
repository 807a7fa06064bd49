/** Secretary: volunteer applications approved or rejected (with a reason), the approved, and party units. */
import type { ActionResponse } from '../../typings/api';
import type { OrgNode } from '../../typings/domain';
import type { PartyUnitView } from '../../typings/duty';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { COMPOUND_ID, volunteerView } from './support/duty';
import { fakeClock } from './support/gate';
import { SECRETARY_ME } from './support/messages';
import type { Page } from './support/mp';
import { find, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const VOLUNTEERS = 'staff/pages/volunteers/volunteers';

const ZHAO = volunteerView('o-zhao');
const QIAN = volunteerView('o-qian', { name: '钱多多', partyMember: false, skills: [], unitId: undefined, unitName: undefined, unitKind: undefined });

const building = (id: string, name: string): OrgNode => ({ id, name, level: 'building', parentId: COMPOUND_ID, path: [], childCount: 0 });
const BUILDINGS = [building('b-xingfu-1', '1号楼'), building('b-xingfu-3', '3号楼'), building('b-xingfu-5', '5号楼')];

const BRANCH: PartyUnitView = {
  id: 'u-branch',
  kind: 'branch',
  name: '幸福小区临时党支部',
  orgId: COMPOUND_ID,
  orgName: '幸福小区',
  orgLevel: 'compound',
  updatedAt: 0,
};
const AGENCY: PartyUnitView = {
  id: 'u-tax',
  kind: 'agency',
  name: '区税务局机关党支部',
  orgId: 'd-shangzhou',
  orgName: '商州区',
  orgLevel: 'district',
  agencyKind: 'organ',
  updatedAt: 0,
};

function serve(handlers: Handlers = {}): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => SECRETARY_ME,
      'volunteer.list': ({ status }) => ({ items: status === 'pending' ? [ZHAO, QIAN] : [volunteerView('o-sun', { name: '孙立', status: 'approved' })] }),
      'volunteer.approve': ({ openid, decision, reason }) =>
        volunteerView(openid, decision === 'approve' ? { status: 'approved', decidedAt: Date.now() } : { status: 'rejected', reason, decidedAt: Date.now() }),
      'party.list': () => ({ items: [BRANCH, AGENCY] }),
      'org.tree': () => ({ items: BUILDINGS }),
      'party.save': (req) => ({
        id: 'u-new',
        kind: req.kind,
        name: req.name,
        orgId: req.orgId,
        orgName: '幸福小区',
        orgLevel: 'compound',
        buildingIds: req.buildingIds,
        areas: req.areas,
        updatedAt: Date.now(),
      }),
      ...handlers,
    },
  });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

const card = (page: Page, openid: string, part: string) => textOf(page, `#vol-${openid} ${part}`);

/** The 党组织 tab with the new-unit form open. */
async function openUnitForm(): Promise<Page> {
  const page = await openPage(VOLUNTEERS);
  await tap(page, '#tab-units');
  await tap(page, '#new-unit');
  return page;
}

/** Names the unit, ticks the buildings and saves. */
async function fillUnit(page: Page, name: string, buildingIds: string[]): Promise<void> {
  await typeInto(page, '#unit-name', name);
  find(page, '#unit-buildings').dispatchEvent('change', { detail: { value: buildingIds } });
  await settle();
  await tap(page, '#unit-save');
}

describe('待审核', () => {
  it('lists the compound’s applications with skills, the party mark and the unit', async () => {
    const server = serve();
    const page = await openPage(VOLUNTEERS);

    expect(server.callsOf('volunteer.list')).toEqual([{ compoundId: COMPOUND_ID, status: 'pending', limit: 20 }]);
    expect(textsOf(page, '.vl-name')).toEqual(['赵志强', '钱多多']);
    expect(card(page, 'o-zhao', '.vl-party')).toBe('党员');
    expect(card(page, 'o-zhao', '.vl-skills')).toBe('特长：医疗、驾驶');
    expect(card(page, 'o-zhao', '.vl-unit')).toBe('楼栋党小组 · 3号楼党小组');
    expect(card(page, 'o-zhao', '.vl-phone')).toBe('139****2468');
    expect(isShown(page, '#vol-o-qian .vl-party')).toBe(false);
    expect(card(page, 'o-qian', '.vl-skills')).toBe('特长：未填写特长');
  });

  it('approves after a second tap, and the application leaves the list', async () => {
    const server = serve();
    const page = await openPage(VOLUNTEERS);
    await tap(page, '#approve-o-zhao');
    expect(server.callsOf('volunteer.approve')).toEqual([]);
    expect(textOf(page, '#panel .vl-confirm-text')).toBe('通过后，赵志强 即可报名本小区的班次');
    await tap(page, '#panel-confirm');

    expect(server.callsOf('volunteer.approve')).toEqual([{ compoundId: COMPOUND_ID, openid: 'o-zhao', decision: 'approve' }]);
    expect(textsOf(page, '.vl-name')).toEqual(['钱多多']);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '已通过', icon: 'success' });
  });

  it('will not reject without a reason of 2–100 characters: it says so inline and sends nothing', async () => {
    const server = serve();
    const page = await openPage(VOLUNTEERS);
    await tap(page, '#reject-o-qian');
    await tap(page, '#panel-confirm');
    expect(textOf(page, '#vol-o-qian #panel-error')).toBe('请填写不通过的原因');

    await typeInto(page, '#panel-reason', '否', { leave: false });
    expect(textOf(page, '#panel-error')).toBe('原因至少 2 个字');
    await typeInto(page, '#panel-reason', '原'.repeat(101), { leave: false });
    expect(textOf(page, '#panel-error')).toBe('原因最多 100 个字');
    expect(server.callsOf('volunteer.approve')).toEqual([]);

    await typeInto(page, '#panel-reason', ' 手机号无法接通 ', { leave: false });
    expect(isShown(page, '#panel-error')).toBe(false);
    await tap(page, '#panel-confirm');
    expect(server.callsOf('volunteer.approve')).toEqual([{ compoundId: COMPOUND_ID, openid: 'o-qian', decision: 'reject', reason: '手机号无法接通' }]);
    expect(textsOf(page, '.vl-name')).toEqual(['赵志强']);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '已拒绝', icon: 'success' });
  });

  it('keeps the application with the server’s refusal under it', async () => {
    const server = serve({
      'volunteer.approve': () => {
        throw failure('CONFLICT', '该申请已被拒绝，不能再审核');
      },
    });
    const page = await openPage(VOLUNTEERS);
    await tap(page, '#approve-o-zhao');
    await tap(page, '#panel-confirm');
    expect(textOf(page, '#vol-o-zhao #panel-error')).toBe('该申请已被拒绝，不能再审核');
    expect(textsOf(page, '.vl-name')).toEqual(['赵志强', '钱多多']);
    expect(await tap(page, '#panel-confirm')).toBe(true);
    expect(server.callsOf('volunteer.approve')).toHaveLength(2);
  });

  it('sends one decision for a double tap', async () => {
    const reply = deferred<ActionResponse<'volunteer.approve'>>();
    const server = serve({ 'volunteer.approve': () => reply.promise });
    const page = await openPage(VOLUNTEERS);
    await tap(page, '#approve-o-zhao');
    const instance = page.instance as unknown as { onPanelConfirm(): Promise<void> };
    const both = Promise.all([instance.onPanelConfirm(), instance.onPanelConfirm()]);
    reply.resolve(volunteerView('o-zhao', { status: 'approved' }));
    await both;
    expect(server.callsOf('volunteer.approve')).toHaveLength(1);
  });

  it('says when nothing is waiting', async () => {
    serve({ 'volunteer.list': () => ({ items: [] }) });
    const page = await openPage(VOLUNTEERS);
    expect(textOf(page, '#list-empty')).toBe('没有待审核的申请');
  });
});

describe('志愿者', () => {
  it('lists the approved volunteers of the compound', async () => {
    const server = serve();
    const page = await openPage(VOLUNTEERS);
    await tap(page, '#tab-approved');
    expect(server.callsOf('volunteer.list')[1]).toEqual({ compoundId: COMPOUND_ID, status: 'approved', limit: 20 });
    expect(textsOf(page, '.vl-name')).toEqual(['孙立']);
    expect(isShown(page, '#approve-o-sun')).toBe(false);
  });
});

describe('党组织', () => {
  it('lists the compound’s units and those reporting in', async () => {
    const server = serve();
    const page = await openPage(VOLUNTEERS);
    await tap(page, '#tab-units');
    expect(server.callsOf('party.list')).toEqual([{ orgId: COMPOUND_ID }]);
    expect(server.callsOf('org.tree')).toEqual([{ parentId: COMPOUND_ID, limit: 200 }]);
    expect(textsOf(page, '.vl-kind')).toEqual(['临时党支部', '报到单位']);
    expect(textOf(page, '#unit-u-tax .vl-scope')).toBe('商州区报到');
  });

  it('creates a 楼栋党小组 over the buildings ticked, checking name and buildings first', async () => {
    const server = serve();
    const page = await openUnitForm();
    await tap(page, '#unit-save');
    expect(textOf(page, '#unit-name-error')).toBe('请填写名称');
    expect(textOf(page, '#unit-buildings-error')).toBe('请至少选择一栋楼');
    expect(server.callsOf('party.save')).toEqual([]);

    await fillUnit(page, '东片党小组', ['b-xingfu-5', 'b-xingfu-3']);

    expect(server.callsOf('party.save')).toEqual([{ orgId: COMPOUND_ID, kind: 'group', name: '东片党小组', buildingIds: ['b-xingfu-3', 'b-xingfu-5'] }]);
    expect(textOf(page, '#unit-u-new .vl-scope')).toBe('3号楼、5号楼');
    expect(isShown(page, '#unit-form')).toBe(false);
  });

  it('creates a 党员责任区 as areas of whole buildings', async () => {
    const server = serve();
    const page = await openUnitForm();
    await tap(page, '#unit-kind-zone');
    await fillUnit(page, '1号楼党员责任区', ['b-xingfu-1']);
    expect(server.callsOf('party.save')).toEqual([{ orgId: COMPOUND_ID, kind: 'zone', name: '1号楼党员责任区', areas: [{ buildingId: 'b-xingfu-1' }] }]);
    expect(textOf(page, '#unit-u-new .vl-kind')).toBe('党员责任区');
  });

  it('shows the server’s refusal on the form', async () => {
    serve({
      'party.save': () => {
        throw failure('CONFLICT', '已有同名的楼栋党小组', { field: 'data.name' });
      },
    });
    const page = await openUnitForm();
    await fillUnit(page, '3号楼党小组', ['b-xingfu-3']);
    expect(textOf(page, '#unit-error')).toBe('已有同名的楼栋党小组');
    expect(isShown(page, '#unit-form')).toBe(true);
  });
});
