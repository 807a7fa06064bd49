/** Secretary: the rota's editors — generating a week from a pattern, and the post editor. */
import { failure } from './support/fake-wx';
import { CARE_POST, CLEAN_POST, COMPOUND_ID, GATE_POST, HERE, TODAY, TOMORROW } from './support/duty';
import { EAST_GATE, NORTH_GATE } from './support/gate';
import { SECRETARY_ME } from './support/messages';
import { choose, find, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';
import { valueOf } from './support/inputs';
import { atSevenInTheMorning, ROTA, serve } from './support/rota-page';

atSevenInTheMorning();

describe('generating a week', () => {
  it('sends the exact duty.generate for 门岗 24 小时三班 over the gate posts from tomorrow for 7 days', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#generate-open');
    expect(textOf(page, '#pattern-from-text')).toBe(TOMORROW);
    expect(valueOf(page, '#pattern-days')).toBe('7');

    await tap(page, '#preset-gate');
    expect(textsOf(page, '.rt-rule .rt-time')).toEqual(['00:00', '08:00', '08:00', '16:00', '16:00', '24:00']);
    expect(textsOf(page, '.rt-check-on')).toEqual(['东门执勤岗（执勤）']);
    await tap(page, '#generate');

    expect(phone.duty.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '将为 1 个岗位生成 7 天的班次，每天 3 班，共 21 个。已有的班次不会重复生成。' }),
    );
    expect(phone.callsOf('duty.generate')).toEqual([
      {
        compoundId: COMPOUND_ID,
        postIds: [GATE_POST.id],
        from: TOMORROW,
        days: 7,
        shifts: [
          { start: '00:00', end: '08:00' },
          { start: '08:00', end: '16:00' },
          { start: '16:00', end: '24:00' },
        ],
      },
    ]);
    expect(textOf(page, '#info')).toBe('新建 21 个班次');
    // Back on the rota, at the first day generated.
    expect(phone.callsOf('duty.shifts').map((r) => r.day)).toEqual([TODAY, TOMORROW]);
  });

  it('edits rows by hand: each ends after it starts, lasts ≤ 12 h, overlaps none; nothing is sent while wrong', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#generate-open');
    await tap(page, '#generate');
    expect(textOf(page, '#pattern-posts-error')).toBe('请至少选择一个岗位');
    expect(textOf(page, '#pattern-rules-error')).toBe('请至少设置一个班次');

    find(page, '#pattern-posts').dispatchEvent('change', { detail: { value: [CLEAN_POST.id, GATE_POST.id] } });
    await settle();
    expect(isShown(page, '#pattern-posts-error')).toBe(false);

    await tap(page, '#rule-add');
    expect(textsOf(page, '#rule-0 .rt-time')).toEqual(['08:00', '16:00']);
    await choose(page, ['#rule-0-end'], 12); // 06:00
    expect(textOf(page, '#rule-0-error')).toBe('结束时间应晚于开始时间（跨午夜的班次请拆成两段）');
    await choose(page, ['#rule-0-end'], 42); // 21:00
    expect(textOf(page, '#rule-0-error')).toBe('每个班次不超过 12 小时');
    await choose(page, ['#rule-0-end'], 24); // 12:00
    expect(isShown(page, '#rule-0-error')).toBe(false);

    await tap(page, '#rule-add');
    expect(textsOf(page, '#rule-1 .rt-time')).toEqual(['12:00', '20:00']);
    await choose(page, ['#rule-1-start'], 22); // 11:00
    expect(textOf(page, '#rule-1-error')).toBe('与 08:00–12:00 的班次时间重叠');
    await typeInto(page, '#pattern-days', '40');
    expect(textOf(page, '#pattern-days-error')).toBe('天数应为 1–31 天');
    await tap(page, '#generate');
    expect(textOf(page, '#pattern-rules-error')).toBe('请先改正班次时间');
    expect(phone.callsOf('duty.generate')).toEqual([]);
    expect(phone.duty.showModal).not.toHaveBeenCalled();

    await choose(page, ['#rule-1-start'], 28); // 14:00
    await typeInto(page, '#pattern-days', '3');
    // A row moved before the first one is sent in time order.
    await choose(page, ['#rule-1-start'], 12); // 06:00
    await choose(page, ['#rule-1-end'], 16); // 08:00
    await tap(page, '#generate');
    expect(phone.callsOf('duty.generate')).toEqual([
      {
        compoundId: COMPOUND_ID,
        postIds: [GATE_POST.id, CLEAN_POST.id],
        from: TOMORROW,
        days: 3,
        shifts: [
          { start: '06:00', end: '08:00' },
          { start: '08:00', end: '12:00' },
        ],
      },
    ]);
  });

  it('keeps the pattern with the server’s refusal, and sends nothing when the dialog is cancelled', async () => {
    const phone = serve({
      'duty.generate': () => {
        throw failure('CONFLICT', '与已有班次重叠：东门执勤岗 03-06 07:00（07:00–15:00）', { field: 'data.shifts' });
      },
    });
    const page = await openPage(ROTA);
    await tap(page, '#generate-open');
    await tap(page, '#preset-gate');
    phone.duty.confirms = false;
    await tap(page, '#generate');
    expect(phone.callsOf('duty.generate')).toEqual([]);
    expect(await tap(page, '#generate')).toBe(true);

    phone.duty.confirms = true;
    await tap(page, '#generate');
    expect(textOf(page, '#pattern-error')).toBe('与已有班次重叠：东门执勤岗 03-06 07:00（07:00–15:00）');
    expect(isShown(page, '#generator')).toBe(true);
  });
});

describe('the post editor', () => {
  it('creates a gate post at a gate, checking the form first', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#post-new');
    expect(phone.callsOf('gate.list')).toEqual([{ compoundId: COMPOUND_ID }]);

    await typeInto(page, '#post-max', '0');
    expect(textOf(page, '#post-heads-error')).toBe('人数应为 1–20 的整数');
    await tap(page, '#post-save');
    expect(textOf(page, '#post-name-error')).toBe('请填写岗位名称');
    expect(textOf(page, '#post-gate-error')).toBe('执勤岗请选择所在门岗');
    expect(phone.callsOf('duty.savePost')).toEqual([]);

    await typeInto(page, '#post-name', '北门执勤岗');
    await tap(page, `#post-gate-${NORTH_GATE.id}`);
    await typeInto(page, '#post-min', '2');
    await typeInto(page, '#post-max', '1');
    expect(textOf(page, '#post-heads-error')).toBe('最多人数不能少于最少人数');
    await typeInto(page, '#post-max', '3');
    find(page, '#post-skills').dispatchEvent('change', { detail: { value: ['security'] } });
    await settle();
    await tap(page, '#post-save');

    expect(phone.callsOf('duty.savePost')).toEqual([
      {
        compoundId: COMPOUND_ID,
        kind: 'gate',
        name: '北门执勤岗',
        gateId: NORTH_GATE.id,
        requiredSkills: ['security'],
        preferredSkills: [],
        minHeads: 2,
        maxHeads: 3,
        checkInBy: 'code',
        alwaysOn: true,
        active: true,
      },
    ]);
    expect(textsOf(page, '.rt-post-name')).toContain('北门执勤岗执勤');
  });

  it('edits a post: location check-in needs the post’s place, taken from the phone (gcj02)', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, `#edit-${CARE_POST.id}`);
    expect(valueOf(page, '#post-name')).toBe('独居老人关爱岗');

    await tap(page, '#post-checkin-location');
    await tap(page, '#post-save');
    expect(textOf(page, '#post-location-error')).toBe('按位置签到须先设置岗位位置');
    await tap(page, '#post-locate');
    expect(phone.duty.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
    expect(isShown(page, '#post-location-error')).toBe(false);
    await typeInto(page, '#post-radius', '50');
    await tap(page, '#post-save');

    expect(phone.callsOf('duty.savePost')).toEqual([
      {
        compoundId: COMPOUND_ID,
        postId: CARE_POST.id,
        kind: 'care',
        name: '独居老人关爱岗',
        requiredSkills: [],
        preferredSkills: ['medical'],
        minHeads: 1,
        maxHeads: 1,
        checkInBy: 'location',
        alwaysOn: false,
        active: true,
        location: { lat: HERE.latitude, lng: HERE.longitude, radius: 50 },
      },
    ]);
    expect(textOf(page, `#post-${CARE_POST.id} .rt-post-rules`)).toBe('每班 1 人 · 定位签到');
  });

  it('explains a refused location under the post’s place: privacy not agreed, then location not allowed', async () => {
    const phone = serve();
    phone.privacy.agreed = false;
    const page = await openPage(ROTA);
    await tap(page, `#edit-${CARE_POST.id}`);

    await tap(page, '#post-locate');
    expect(isShown(page, '#privacy-sheet', '#privacy-consent')).toBe(true);
    await tap(page, '#privacy-sheet', '#privacy-disagree');
    expect(textOf(page, '#post-location-error')).toBe(
      '您还没有同意《联防隐私保护指引》，所以无法定位。如需设置岗位位置，请再点一次，在弹出的说明里点「同意并继续」',
    );

    phone.privacy.agreed = true;
    phone.duty.location = { errMsg: 'getLocation:fail auth deny' };
    await tap(page, '#post-locate');
    expect(textOf(page, '#post-location-error')).toBe('没有定位权限：请点右上角「···」→「设置」，允许使用位置信息后再设置岗位位置');
    expect(textOf(page, '#post-location')).toBe('未设置');
  });

  it('will not make a second post at a gate that has one', async () => {
    const phone = serve();
    const page = await openPage(ROTA);
    await tap(page, '#post-new');
    await typeInto(page, '#post-name', '东门二岗');
    await tap(page, `#post-gate-${EAST_GATE.id}`);
    await tap(page, '#post-save');
    expect(textOf(page, '#post-gate-error')).toBe('该门岗已有「东门执勤岗」，请直接编辑它');
    expect(phone.callsOf('duty.savePost')).toEqual([]);
  });

  it('shows the server’s complaint about a field under it', async () => {
    serve({
      'duty.savePost': () => {
        throw failure('INVALID_ARGUMENT', '所选门岗不属于该小区', { field: 'data.gateId' });
      },
    });
    const page = await openPage(ROTA);
    await tap(page, '#post-new');
    await typeInto(page, '#post-name', '北门执勤岗');
    await tap(page, `#post-gate-${NORTH_GATE.id}`);
    await tap(page, '#post-save');
    expect(textOf(page, '#post-gate-error')).toBe('所选门岗不属于该小区');
    expect(isShown(page, '#post-editor')).toBe(true);
  });
});

it('tells a caller who is no secretary so, and asks nothing of duty', async () => {
  const phone = serve({ 'account.me': () => ({ ...SECRETARY_ME, grants: [] }) });
  const page = await openPage(ROTA);
  expect(textOf(page, '#compound', '#cp-none')).toBe('您不是任何小区的书记，无法使用此页面');
  expect(phone.calls.map((c) => c.action)).toEqual(['account.me']);
});
