import type { ActionResponse } from '../../typings/api';
import type { Profile } from '../../typings/domain';
import type { PassView, VehicleView } from '../../typings/pass';
import type { FakeWx, Handlers } from './support/fake-wx';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import { VOLUNTEER_GRANT } from './support/fixtures';
import { COMPOUND_ID, HOUR, MORNING, fakeClock } from './support/gate';
import type { Page } from './support/mp';
import { valueOf } from './support/inputs';
import { isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';

const PASSES = 'staff/pages/passes/passes';
const SECRETARY_ME: Profile & { registered: boolean } = {
  name: '周书记',
  phoneMasked: '137****0001',
  household: null,
  grants: [{ ...VOLUNTEER_GRANT, role: 'secretary' }],
  registered: false,
};

function passView(id: string, over: Partial<PassView> = {}): PassView {
  return {
    id,
    compoundId: COMPOUND_ID,
    compoundName: '幸福小区',
    buildingId: 'b-xingfu-3',
    household: '3号楼2单元502',
    nameMasked: '王*兰',
    relation: 'family',
    reason: '在本小区居住，上班需要出入',
    status: 'pending',
    createdAt: MORNING - 2 * HOUR,
    ...over,
  };
}

const FIRST = passView('pa00000001');
const SECOND = passView('pa00000002', { nameMasked: '李*', relation: 'tenant', household: '1号楼1单元101', createdAt: MORNING - HOUR });

function serve(handlers: Handlers = {}): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => SECRETARY_ME,
      'pass.pending': () => ({ items: [FIRST, SECOND] }),
      'pass.review': ({ passId, decision, reason, validDays }) =>
        passView(
          passId,
          decision === 'approve'
            ? { status: 'approved', validFrom: MORNING, validUntil: MORNING + (validDays ?? 30) * 24 * HOUR }
            : { status: 'rejected', statusReason: reason },
        ),
      'pass.list': () => ({ items: [passView('pa00000003', { status: 'approved', validFrom: MORNING - HOUR, validUntil: MORNING + 29 * 24 * HOUR })] }),
      'pass.revoke': ({ passId, reason }) => passView(passId, { status: 'revoked', statusReason: reason }),
      ...handlers,
    },
  });
}

beforeEach(() => fakeClock());
afterEach(() => jest.useRealTimers());

const card = (page: Page, id: string, part: string) => textOf(page, `#pass-${id} ${part}`);
const reviews = (server: FakeWx) => server.callsOf('pass.review');

describe('待审核', () => {
  it('lists the compound’s applications as the server orders them (oldest first), each in full', async () => {
    const server = serve();
    const page = await openPage(PASSES);

    expect(server.callsOf('pass.pending')).toEqual([{ compoundId: COMPOUND_ID, limit: 20 }]);
    expect(textsOf(page, '.ps-name')).toEqual(['王*兰', '李*']);
    expect(card(page, FIRST.id, '.ps-household')).toBe('3号楼2单元502');
    expect(card(page, FIRST.id, '.ps-relation')).toBe('家属');
    expect(card(page, SECOND.id, '.ps-relation')).toBe('租户');
    expect(card(page, FIRST.id, '.ps-reason')).toBe('事由：在本小区居住，上班需要出入');
    expect(card(page, FIRST.id, '.ps-date')).toBe('申请于 2024-03-05 05:00');
  });

  it('loads the next page on 加载更多', async () => {
    const server = serve({
      'pass.pending': ({ cursor }) => (cursor ? { items: [SECOND] } : { items: [FIRST], next: 'after-1' }),
    });
    const page = await openPage(PASSES);
    expect(isShown(page, '#list-empty')).toBe(false);
    await tap(page, '#more');

    expect(server.callsOf('pass.pending')).toEqual([
      { compoundId: COMPOUND_ID, limit: 20 },
      { compoundId: COMPOUND_ID, limit: 20, cursor: 'after-1' },
    ]);
    expect(textsOf(page, '.ps-name')).toEqual(['王*兰', '李*']);
    expect(isShown(page, '#more')).toBe(false);
  });

  it('says when nothing is waiting', async () => {
    serve({ 'pass.pending': () => ({ items: [] }) });
    const page = await openPage(PASSES);
    expect(textOf(page, '#list-empty')).toBe('没有待审核的申请');
  });

  it('approves for 30 days unless told otherwise, and the application leaves the list', async () => {
    const server = serve();
    const page = await openPage(PASSES);
    await tap(page, `#approve-${FIRST.id}`);
    expect(valueOf(page, '#panel-days')).toBe('30');
    await tap(page, '#panel-confirm');

    expect(reviews(server)).toEqual([{ passId: FIRST.id, decision: 'approve', validDays: 30 }]);
    expect(textsOf(page, '.ps-name')).toEqual(['李*']);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '已批准', icon: 'success' });
  });

  it('approves for the days typed, and refuses days outside 1–90 inline', async () => {
    const server = serve();
    const page = await openPage(PASSES);
    await tap(page, `#approve-${SECOND.id}`);

    await typeInto(page, '#panel-days', '120', { leave: false });
    await tap(page, '#panel-confirm');
    expect(textOf(page, '#panel-error')).toBe('有效天数应为 1–90 天');
    await typeInto(page, '#panel-days', '', { leave: false });
    expect(textOf(page, '#panel-error')).toBe('请填写有效天数（整数）');
    expect(reviews(server)).toEqual([]);

    await typeInto(page, '#panel-days', '7', { leave: false });
    expect(isShown(page, '#panel-error')).toBe(false);
    await tap(page, '#panel-confirm');
    expect(reviews(server)).toEqual([{ passId: SECOND.id, decision: 'approve', validDays: 7 }]);
  });

  it('will not reject without a reason: it says so under the pass and sends nothing', async () => {
    const server = serve();
    const page = await openPage(PASSES);
    await tap(page, `#reject-${FIRST.id}`);
    await tap(page, '#panel-confirm');
    expect(textOf(page, `#pass-${FIRST.id} #panel-error`)).toBe('请填写拒绝原因');

    await typeInto(page, '#panel-reason', '   ', { leave: false });
    await tap(page, '#panel-confirm');
    expect(textOf(page, '#panel-error')).toBe('请填写拒绝原因');
    await typeInto(page, '#panel-reason', '否', { leave: false });
    expect(textOf(page, '#panel-error')).toBe('原因至少 2 个字');
    expect(reviews(server)).toEqual([]);

    await typeInto(page, '#panel-reason', ' 非本小区住户 ', { leave: false });
    await tap(page, '#panel-confirm');
    expect(reviews(server)).toEqual([{ passId: FIRST.id, decision: 'reject', reason: '非本小区住户' }]);
    expect(textsOf(page, '.ps-name')).toEqual(['李*']);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '已拒绝', icon: 'success' });
  });

  it('shows the server’s refusal under the pass and keeps it there to try again', async () => {
    const server = serve({
      'pass.review': () => {
        throw failure('CONFLICT', '该申请已通过，不能再审核');
      },
    });
    const page = await openPage(PASSES);
    await tap(page, `#approve-${FIRST.id}`);
    await tap(page, '#panel-confirm');

    expect(textOf(page, `#pass-${FIRST.id} #panel-error`)).toBe('该申请已通过，不能再审核');
    expect(textsOf(page, '.ps-name')).toEqual(['王*兰', '李*']);
    expect(reviews(server)).toHaveLength(1);
    expect(await tap(page, '#panel-confirm')).toBe(true);
    expect(reviews(server)).toHaveLength(2);
  });

  it('sends one review for a double tap', async () => {
    const reply = deferred<ActionResponse<'pass.review'>>();
    const server = serve({ 'pass.review': () => reply.promise });
    const page = await openPage(PASSES);
    await tap(page, `#approve-${FIRST.id}`);
    const instance = page.instance as unknown as { onPanelConfirm(): Promise<void> };
    const both = Promise.all([instance.onPanelConfirm(), instance.onPanelConfirm()]);
    reply.resolve(passView(FIRST.id, { status: 'approved' }));
    await both;
    await settle();
    expect(reviews(server)).toHaveLength(1);
  });
});

describe('全部', () => {
  it('filters by status and revokes an approved pass only with a reason', async () => {
    const server = serve();
    const page = await openPage(PASSES);
    await tap(page, '#tab-all');
    expect(server.callsOf('pass.list')).toEqual([{ compoundId: COMPOUND_ID, limit: 20 }]);
    await tap(page, '#status-approved');
    expect(server.callsOf('pass.list')[1]).toEqual({ compoundId: COMPOUND_ID, limit: 20, status: 'approved' });

    const id = 'pa00000003';
    expect(card(page, id, '.ps-status')).toBe('有效');
    expect(card(page, id, '.ps-status-line')).toBe('有效期至 2024-04-03');
    expect(isShown(page, `#approve-${id}`)).toBe(false);

    // 打印离线码 opens the paper pass page for this pass.
    await tap(page, `#paper-${id}`);
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: `/staff/pages/paper/paper?passId=${id}` });

    await tap(page, `#revoke-${id}`);
    await tap(page, '#panel-confirm');
    expect(textOf(page, '#panel-error')).toBe('请填写注销原因');
    expect(server.callsOf('pass.revoke')).toEqual([]);

    await typeInto(page, '#panel-reason', '已搬离本小区', { leave: false });
    await tap(page, '#panel-confirm');
    expect(server.callsOf('pass.revoke')).toEqual([{ passId: id, reason: '已搬离本小区' }]);
    expect(card(page, id, '.ps-status')).toBe('已注销');
    expect(card(page, id, '.ps-status-line')).toBe('原因：已搬离本小区');
    expect(isShown(page, `#revoke-${id}`)).toBe(false);
  });
});

describe('访客 policy', () => {
  it('shows the current policy and changes it only with a reason', async () => {
    const server = serve({
      'pass.trust': ({ compoundId }) => ({ compoundId, keys: [], revoked: [], version: 1, issuedAt: MORNING, visitorsAllowed: false, plates: [] }),
      'gate.policy': ({ compoundId, visitorsAllowed, reason }) => ({ compoundId, visitorsAllowed, reason, updatedAt: MORNING }),
    });
    const page = await openPage(PASSES);
    await tap(page, '#tab-policy');
    expect(textOf(page, '#policy-current')).toBe('当前：谢绝访客');
    expect(isShown(page, '#policy-save')).toBe(false);

    await tap(page, '#policy-allow');
    await tap(page, '#policy-save');
    expect(textOf(page, '#policy-error')).toBe('请填写调整原因');
    expect(server.callsOf('gate.policy')).toEqual([]);

    await typeInto(page, '#policy-reason', '街道通知：低风险，恢复访客', { leave: false });
    await tap(page, '#policy-save');
    expect(server.callsOf('gate.policy')).toEqual([{ compoundId: COMPOUND_ID, visitorsAllowed: true, reason: '街道通知：低风险，恢复访客' }]);
    expect(textOf(page, '#policy-current')).toBe('当前：允许访客进入（须测体温）');
    expect(textOf(page, '#policy-info')).toBe('已于 2024-03-05 07:00 更新：街道通知：低风险，恢复访客');
  });
});

describe('车辆', () => {
  const vehicle = (plate: string): VehicleView => ({ plate, compoundId: COMPOUND_ID, ownerName: '张伟', ownerPhoneMasked: '138****5678', createdAt: MORNING });

  it('checks the plate inline and registers it normalised', async () => {
    const server = serve({
      'vehicle.list': () => ({ items: [vehicle('陕H88888')] }),
      'vehicle.register': ({ plate }) => vehicle(plate),
    });
    const page = await openPage(PASSES);
    await tap(page, '#tab-vehicles');
    expect(server.callsOf('vehicle.list')).toEqual([{ compoundId: COMPOUND_ID, limit: 20 }]);
    expect(textsOf(page, '.ps-plate')).toEqual(['陕H88888']);

    await typeInto(page, '#vehicle-plate', '陕H12');
    expect(textOf(page, '#vehicle-plate-error')).toBe('车牌号不正确，例如 陕H12345 或 陕HD12345');
    await tap(page, '#vehicle-submit');
    expect(textOf(page, '#vehicle-owner-error')).toBe('请填写姓名');
    expect(server.callsOf('vehicle.register')).toEqual([]);

    await typeInto(page, '#vehicle-plate', '陕h d12345');
    await typeInto(page, '#vehicle-owner', '张伟');
    await typeInto(page, '#vehicle-phone', '13812345678');
    await tap(page, '#vehicle-submit');
    expect(server.callsOf('vehicle.register')).toEqual([{ compoundId: COMPOUND_ID, plate: '陕HD12345', ownerName: '张伟', ownerPhone: '13812345678' }]);
    expect(textsOf(page, '.ps-plate')).toEqual(['陕HD12345', '陕H88888']);
  });

  it('shows the server’s complaint about a field under that field', async () => {
    serve({
      'vehicle.list': () => ({ items: [] }),
      'vehicle.register': () => {
        throw failure('CONFLICT', '该车牌已登记', { field: 'data.plate' });
      },
    });
    const page = await openPage(PASSES);
    await tap(page, '#tab-vehicles');
    await typeInto(page, '#vehicle-plate', '陕H12345');
    await typeInto(page, '#vehicle-owner', '张伟');
    await typeInto(page, '#vehicle-phone', '13812345678');
    await tap(page, '#vehicle-submit');
    expect(textOf(page, '#vehicle-plate-error')).toBe('该车牌已登记');
  });
});

it('tells a caller who is no secretary so, and loads nothing', async () => {
  const server = serve({ 'account.me': () => ({ ...SECRETARY_ME, grants: [VOLUNTEER_GRANT] }) });
  const page = await openPage(PASSES);
  expect(textOf(page, '#compound', '#cp-none')).toBe('您不是任何小区的书记，无法使用此页面');
  expect(server.callsOf('pass.pending')).toEqual([]);
});

describe('batch approval', () => {
  it('selects all pending passes and approves them with one call; each result is shown on its own', async () => {
    const server = serve({
      'pass.approveMany': ({ passIds }) => ({
        approved: 1,
        results: [
          {
            passId: passIds[0],
            ok: true as const,
            pass: passView(passIds[0], { status: 'approved', validFrom: MORNING, validUntil: MORNING + 30 * 24 * HOUR }),
          },
          { passId: passIds[1], ok: false as const, message: '该申请已被拒绝，不能再审核' },
        ],
      }),
    });
    const page = await openPage(PASSES);
    expect(textOf(page, '#approve-selected')).toBe('批准所选（0）');
    expect(await tap(page, '#approve-selected')).toBe(false);

    await tap(page, '#select-all');
    expect(textOf(page, '#approve-selected')).toBe('批准所选（2）');
    expect(textOf(page, `#select-${FIRST.id}`)).toBe('☑ 已选');
    await tap(page, '#approve-selected');

    expect(server.callsOf('pass.approveMany')).toEqual([{ passIds: [FIRST.id, SECOND.id] }]);
    expect(server.callsOf('pass.review')).toEqual([]);
    expect(isShown(page, `#pass-${FIRST.id}`)).toBe(false);
    expect(isShown(page, `#pass-${SECOND.id}`)).toBe(true);
    expect(textOf(page, '#batch-message')).toBe('已批准 1 份；李*：该申请已被拒绝，不能再审核');
    expect(textOf(page, '#approve-selected')).toBe('批准所选（0）');
  });

  it('approves only the ticked ones, and untick works', async () => {
    const server = serve({
      'pass.approveMany': ({ passIds }) => ({
        approved: passIds.length,
        results: passIds.map((id) => ({ passId: id, ok: true as const, pass: passView(id, { status: 'approved' }) })),
      }),
    });
    const page = await openPage(PASSES);
    await tap(page, `#select-${FIRST.id}`);
    await tap(page, `#select-${SECOND.id}`);
    await tap(page, `#select-${FIRST.id}`);
    expect(textOf(page, '#approve-selected')).toBe('批准所选（1）');
    await tap(page, '#approve-selected');
    expect(server.callsOf('pass.approveMany')).toEqual([{ passIds: [SECOND.id] }]);
    expect(textOf(page, '#batch-message')).toBe('已批准 1 份');
  });
});
