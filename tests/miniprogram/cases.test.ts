import type { ActionRequest } from '../../typings/api';
import type { CaseView } from '../../typings/cases';
import { failure, installFakeWx, type FakeWx } from './support/fake-wx';
import { RESIDENT_GRANT, RESIDENT_ME, STAFF_ME, directory } from './support/fixtures';
import { choose, find, isDisabled, isShown, openPage, settle, tap, textOf, textsOf, typeInto, type Page } from './support/mp';

const REPORT = 'resident/pages/report/report';
const CASES = 'staff/pages/cases/cases';
const T = Date.UTC(2026, 10, 28, 2, 0); // 10:00 in Shanghai
const CARD = `#case-c${'a'.repeat(24)}`;

const view = (over: Partial<CaseView> = {}): CaseView => ({
  id: `c${'a'.repeat(24)}`,
  kind: 'returnee',
  severity: 'high',
  state: 'reported',
  compoundId: 'p-xingfu',
  buildingId: 'b-xingfu-3',
  location: '3号楼 2单元 301室',
  person: { name: '李明', phoneMasked: '137****1111' },
  origin: '广东广州',
  arrivalDate: '2026-11-27',
  transport: 'train',
  plannedAddress: '3号楼2单元301室',
  anonymous: false,
  reporter: '志愿者 孙丽',
  reportedAt: T - 40 * 60_000,
  steps: [{ at: T - 40 * 60_000, kind: 'reported', by: '志愿者 孙丽', role: 'volunteer' }],
  ...over,
});

/** A dialog the page opens answers as the test says: typed text for showModal, an index for the action sheet. */
function addDialogs(fake: FakeWx, answers: { modal?: string | null; sheet?: number }) {
  Object.assign(fake.wx as unknown as Record<string, unknown>, {
    showModal: jest.fn((o: WechatMiniprogram.ShowModalOption) => {
      const text = answers.modal;
      void Promise.resolve().then(() => o.success?.({ confirm: text !== null, cancel: text === null, content: text ?? '', errMsg: 'showModal:ok' }));
    }),
    showActionSheet: jest.fn((o: WechatMiniprogram.ShowActionSheetOption) => {
      void Promise.resolve().then(() => o.success?.({ tapIndex: answers.sheet ?? 0, errMsg: 'showActionSheet:ok' }));
    }),
    setNavigationBarTitle: jest.fn(),
  });
}

describe('reporting a case', () => {
  function serve(report = jest.fn((d: ActionRequest<'case.report'>) => view({ id: `c${'b'.repeat(24)}`, kind: d.kind }))) {
    const fake = installFakeWx({
      handlers: {
        'account.me': () => RESIDENT_ME,
        'org.directory': directory,
        'case.mine': () => ({ items: [], uploadDir: 'media/case/o-res' }),
        'case.report': report,
      },
    });
    return Object.assign(fake, { report });
  }

  async function fillReturnee(page: Page) {
    await typeInto(page, '#origin', '广东广州');
    find(page, '#arrivalDate').dispatchEvent('change', { detail: { value: '2026-11-27' } });
    await settle();
    await tap(page, '#transport-train');
    await typeInto(page, '#plannedAddress', '3号楼2单元301室');
  }

  it('asks what a returnee report needs, in the resident’s own building, and sends exactly that', async () => {
    const fake = serve();
    const page = await openPage(REPORT);
    expect(textsOf(page, '#field-kind .rp-choice')).toEqual(['外省返乡', '密切接触', '门外发热', '聚集', '未戴口罩', '其他']);
    expect(textOf(page, '#building')).toBe('3号楼');
    expect(isShown(page, '#place')).toBe(false);
    expect(isDisabled(find(page, '#submit'))).toBe(true);
    await fillReturnee(page);
    await typeInto(page, '#personName', '李明');
    await tap(page, '#anonymous');
    expect(isDisabled(find(page, '#submit'))).toBe(false);
    await tap(page, '#submit');
    expect(fake.callsOf('case.report')).toEqual([
      {
        kind: 'returnee',
        compoundId: 'p-xingfu',
        buildingId: 'b-xingfu-3',
        personName: '李明',
        origin: '广东广州',
        arrivalDate: '2026-11-27',
        transport: 'train',
        plannedAddress: '3号楼2单元301室',
        anonymous: true,
        requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      },
    ]);
    // Sent: the form starts over, in the same building.
    expect(textOf(page, '#building')).toBe('3号楼');
    expect(isShown(page, '#anonymous')).toBe(true);
    expect(textOf(page, '#anonymous')).toContain('☐');
  });

  it('a gathering asks only where; another building can be chosen', async () => {
    const fake = serve();
    const page = await openPage(REPORT);
    await tap(page, '#kind-gathering');
    expect([isShown(page, '#origin'), isShown(page, '#place')]).toEqual([false, true]);
    await choose(page, ['#building'], 0);
    await typeInto(page, '#place', '1号楼下棋牌桌');
    await tap(page, '#submit');
    expect(fake.callsOf('case.report')).toEqual([
      { kind: 'gathering', compoundId: 'p-xingfu', buildingId: 'b-xingfu-1', place: '1号楼下棋牌桌', requestId: expect.any(String) },
    ]);
  });

  it('explains a bad phone under the field, and the server’s complaint under the field it names', async () => {
    serve(jest.fn(() => Promise.reject(failure('INVALID_ARGUMENT', '「抵达日期」应在 60 天前到 30 天后之间', { field: 'data.arrivalDate' }))) as never);
    const page = await openPage(REPORT);
    await typeInto(page, '#personPhone', '12345');
    expect(textOf(page, '#personPhone-error')).toBe('手机号应为 11 位数字');
    expect(isDisabled(find(page, '#submit'))).toBe(true);
    await typeInto(page, '#personPhone', '');
    await fillReturnee(page);
    await tap(page, '#submit');
    expect(textOf(page, '#arrivalDate-error')).toBe('「抵达日期」应在 60 天前到 30 天后之间');
  });

  it('after a failed send, 提交 again sends the same request id; the next report gets a new one', async () => {
    let fails = 1;
    const fake = serve(
      jest.fn((_d: ActionRequest<'case.report'>) => {
        if (fails-- > 0) throw failure('INTERNAL', '服务暂时不可用，请稍后重试');
        return view();
      }),
    );
    const page = await openPage(REPORT);
    await fillReturnee(page);
    await tap(page, '#submit');
    expect(textOf(page, '#form-error')).toBe('服务暂时不可用，请稍后重试');
    await tap(page, '#submit');
    await fillReturnee(page);
    await tap(page, '#submit');
    const [a, b, c] = fake.callsOf('case.report');
    expect(b.requestId).toBe(a.requestId);
    expect(c.requestId).not.toBe(b.requestId);
  });

  it('shows 我的上报 with state and response time', async () => {
    installFakeWx({
      handlers: {
        'account.me': () => RESIDENT_ME,
        'org.directory': directory,
        'case.mine': () => ({ items: [view({ state: 'acting', firstActionAt: T - 28 * 60_000, responseMs: 12 * 60_000 })], uploadDir: 'media/case/o-res' }),
      },
    });
    const page = await openPage(REPORT);
    expect(textsOf(page, '#mine .rp-mine-head')).toEqual(['外省返乡 · 3号楼 2单元 301室 · 处置中']);
    expect(textOf(page, '#mine .lf-muted')).toContain('上报到处置用时 12 分钟');
  });
});

describe('the cases page', () => {
  const SECRETARY_ME = {
    ...STAFF_ME,
    grants: [{ ...RESIDENT_GRANT, role: 'secretary' as const, orgId: 'p-xingfu', orgName: '幸福小区', orgLevel: 'compound' as const }],
  };
  const LEADER_ME = { ...RESIDENT_ME, grants: [{ ...RESIDENT_GRANT, role: 'leader' as const }] };

  function serve(me: typeof STAFF_ME, items: CaseView[], answers: { modal?: string | null; sheet?: number } = {}) {
    const update = jest.fn((d: ActionRequest<'case.update'>) => {
      const c = items.find((x) => x.id === d.caseId)!;
      if (d.step === 'acknowledge')
        return { ...c, state: 'acknowledged' as const, steps: [...c.steps, { at: T, kind: 'acknowledged' as const, by: '小区书记 代红军' }] };
      return { ...c, state: 'acting' as const, firstActionAt: T, responseMs: T - c.reportedAt };
    });
    const fake = installFakeWx({ handlers: { 'account.me': () => me, 'case.list': () => ({ items }), 'case.update': update } });
    addDialogs(fake, answers);
    jest.spyOn(Date, 'now').mockReturnValue(T);
    return Object.assign(fake, { update });
  }
  afterEach(() => jest.restoreAllMocks());

  it('a secretary sees each case with how long it has waited, in red past its deadline, and acknowledges it', async () => {
    const fake = serve(SECRETARY_ME, [view()]);
    const page = await openPage(CASES);
    expect(fake.callsOf('case.list')).toEqual([{ orgId: 'p-xingfu', limit: 20 }]);
    expect(textOf(page, `${CARD} .cs-kind`)).toBe('外省返乡');
    expect(textOf(page, `${CARD} .cs-person`)).toBe('人员：李明 137****1111');
    expect(textOf(page, `${CARD} .cs-response`)).toBe('已等待 40 分钟');
    expect(isShown(page, `${CARD} .cs-late`)).toBe(true);
    await tap(page, `${CARD} .cs-ack`);
    expect(fake.callsOf('case.update')).toEqual([{ caseId: view().id, step: 'acknowledge', requestId: expect.any(String) }]);
    expect(textOf(page, `${CARD} .cs-state`)).toBe('已确认');
    expect(isShown(page, `${CARD} .cs-ack`)).toBe(false);
  });

  it('records the first action and then shows the report → action time', async () => {
    const fake = serve(SECRETARY_ME, [view()]);
    const page = await openPage(CASES);
    await tap(page, `${CARD} .cs-act-dissuaded`);
    expect(fake.callsOf('case.update')[0]).toMatchObject({ step: 'action', action: 'dissuaded' });
    expect(textOf(page, `${CARD} .cs-response`)).toBe('上报到处置用时 40 分钟');
  });

  it('不采取措施 asks why, and a cancelled question sends nothing', async () => {
    const fake = serve(SECRETARY_ME, [view()], { modal: '经核实为本地常住居民' });
    const page = await openPage(CASES);
    await tap(page, `${CARD} .cs-act-none`);
    expect(fake.callsOf('case.update')).toEqual([
      { caseId: view().id, step: 'action', action: 'none', note: '经核实为本地常住居民', requestId: expect.any(String) },
    ]);
    const fake2 = serve(SECRETARY_ME, [view()], { modal: null });
    const page2 = await openPage(CASES);
    await tap(page2, `${CARD} .cs-act-none`);
    expect(fake2.callsOf('case.update')).toEqual([]);
  });

  const HOUSEHOLD = (unit: string, room: string) => ({
    id: `b-xingfu-3:${unit}-${room}`,
    buildingId: 'b-xingfu-3',
    unit,
    room,
    status: 'occupied' as const,
    members: [
      { id: 1, name: '李*', relation: 'head' as const, phone: '137****1111', birthYear: 1980, flags: [], partyMember: false },
      { id: 3, name: '王*', relation: 'spouse' as const, phone: null, birthYear: 1982, flags: [], partyMember: false },
    ],
    updatedAt: T,
    history: [],
    canEdit: true,
  });
  const BUILDING_CENSUS = {
    buildingId: 'b-xingfu-3',
    name: '3号楼',
    totals: { households: 2, people: 3, flags: {}, partyMembers: 0, rooms: 3, settled: 2, completeness: 67 },
    rooms: [
      { unit: '1', room: '101', state: 'known' as const, people: 1, flags: [] },
      { unit: '2', room: '301', state: 'known' as const, people: 2, flags: [] },
      { unit: '2', room: '302', state: 'unknown' as const, people: 0, flags: [] },
    ],
  };

  it('居家观察 of a case naming nobody opens the census picker on the report’s room: the members as the server masked them', async () => {
    const fake = serve(SECRETARY_ME, [view({ unit: '2', room: '301' })]);
    Object.assign(fake.handlers, {
      'census.building': () => BUILDING_CENSUS,
      'census.household': (d: { unit: string; room: string }) => HOUSEHOLD(d.unit, d.room),
    });
    const page = await openPage(CASES);
    await tap(page, `${CARD} .cs-act-observation`);
    expect(fake.callsOf('case.update')).toEqual([]);
    expect(fake.callsOf('census.building')).toEqual([{ buildingId: 'b-xingfu-3' }]);
    expect(fake.callsOf('census.household')).toEqual([{ buildingId: 'b-xingfu-3', unit: '2', room: '301' }]);
    expect(textOf(page, `${CARD} .cs-picker-room`)).toBe('2单元 301室（2 人）');
    expect(textsOf(page, `${CARD} .cs-pick-person`)).toEqual(['李*（1980年生）', '王*（1982年生）']);
    await tap(page, `${CARD} .cs-pick-1`);
    expect(fake.callsOf('case.update')).toEqual([
      { caseId: view().id, step: 'action', action: 'observation', personId: 'b-xingfu-3:2-301:3', requestId: expect.any(String) },
    ]);
    expect(isShown(page, `${CARD} .cs-picker`)).toBe(false);
  });

  it('with no room on the report, the picker lists only rooms the census has people in; 取消 sends nothing', async () => {
    const fake = serve(SECRETARY_ME, [view()]);
    Object.assign(fake.handlers, {
      'census.building': () => BUILDING_CENSUS,
      'census.household': (d: { unit: string; room: string }) => HOUSEHOLD(d.unit, d.room),
    });
    const page = await openPage(CASES);
    await tap(page, `${CARD} .cs-act-observation`);
    expect(textOf(page, `${CARD} .cs-picker-room`)).toBe('请选择房号');
    expect(fake.callsOf('census.household')).toEqual([]);
    await choose(page, [`${CARD} .cs-picker-rooms`], 0);
    expect(fake.callsOf('census.household')).toEqual([{ buildingId: 'b-xingfu-3', unit: '1', room: '101' }]);
    await tap(page, `${CARD} .cs-pick-cancel`);
    expect(isShown(page, `${CARD} .cs-picker`)).toBe(false);
    expect(fake.callsOf('case.update')).toEqual([]);
  });

  it('a building with no census yet says so in the picker', async () => {
    const fake = serve(SECRETARY_ME, [view()]);
    Object.assign(fake.handlers, { 'census.building': () => ({ ...BUILDING_CENSUS, rooms: [] }) });
    const page = await openPage(CASES);
    await tap(page, `${CARD} .cs-act-observation`);
    expect(textOf(page, `${CARD} .cs-picker-error`)).toBe('本楼栋还没有摸底登记的住户，请先完成摸底');
  });

  it('办结 offers the outcomes', async () => {
    const fake = serve(SECRETARY_ME, [view({ state: 'acting', firstActionAt: T, responseMs: 60_000 })], { sheet: 3 });
    const page = await openPage(CASES);
    await tap(page, `${CARD} .cs-close`);
    expect(fake.callsOf('case.update')).toEqual([{ caseId: view().id, step: 'close', outcome: 'unfounded', requestId: expect.any(String) }]);
  });

  it('a building leader reads their building’s cases as the server masked them, with no buttons', async () => {
    const fake = serve(LEADER_ME, [view({ person: { name: '李*' }, reporter: '匿名', anonymous: true })]);
    const page = await openPage(CASES);
    expect(fake.callsOf('case.list')).toEqual([{ orgId: 'b-xingfu-3', limit: 20 }]);
    expect((fake.wx as unknown as { setNavigationBarTitle: jest.Mock }).setNavigationBarTitle).toHaveBeenCalledWith({ title: '本楼线索' });
    expect(textOf(page, `${CARD} .cs-reporter`)).toContain('上报：匿名');
    expect(isShown(page, `${CARD} .cs-buttons`)).toBe(false);
  });

  it('filters by state', async () => {
    const fake = serve(SECRETARY_ME, []);
    const page = await openPage(CASES);
    expect(textOf(page, '#empty')).toBe('暂无上报的线索');
    await tap(page, '#tab-closed');
    expect(fake.callsOf('case.list')[1]).toEqual({ orgId: 'p-xingfu', limit: 20, state: 'closed' });
  });
});
