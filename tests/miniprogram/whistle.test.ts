/**
 * 社区吹哨 and 督导检查 pages: a request raised → claimed → reported → closed, and a finding
 * recorded → rectified → verified, each through its pages against a server keeping the state.
 */
import type { ActionRequest } from '../../typings/api';
import type { GrantView } from '../../typings/domain';
import type { FindingView, WhistleView } from '../../typings/whistle';
import { checkRaise, checkReport } from '../../miniprogram/staff/pages/whistle/whistle-view';
import { failure, installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { STAFF_ME } from './support/fixtures';
import { find, findAll, isShown, openPage, tap, textOf, typeInto } from './support/mp';
import { fakePhotos, photo } from './support/photos';

const WHISTLE = 'staff/pages/whistle/whistle';
const UNIT = 'staff/pages/unit/unit';
const INSPECT = 'staff/pages/inspect/inspect';
const NOW = Date.UTC(2026, 10, 28, 2);
const COMMUNITY: GrantView = { role: 'staff', orgId: 'sz-s1-c01', orgName: '城关社区', orgLevel: 'community', orgPath: [] };
const STREET: GrantView = { role: 'staff', orgId: 'sz-s1', orgName: '城关街道', orgLevel: 'street', orgPath: [] };
const ZJ = { id: 'u-zj', name: '区住建局机关党支部' };

const sent = (server: FakeWx, action: string) =>
  server.wx.cloud.callFunction.mock.calls
    .map(([p]) => p.data as { action: string; data: Record<string, unknown> })
    .filter((b) => b.action === action)
    .map((b) => b.data);

/** A server keeping one request's state, as the whistle function would. */
function whistleServer(opts: { contact: boolean }) {
  let item: WhistleView | null = null;
  const update = (patch: Partial<WhistleView>) => (item = { ...item!, ...patch });
  const fake = installFakeWx({
    handlers: {
      'account.me': () => ({ ...STAFF_ME, name: '李干事', grants: [COMMUNITY] }),
      'whistle.units': () => ({
        items: [
          {
            ...ZJ,
            orgId: 'sz',
            orgName: '商州区',
            orgLevel: 'district',
            contacts: 1,
            asked: 2,
            claimed: 2,
            closed: 1,
            avgResponseMinutes: 25,
            completionRate: 0.5,
          },
        ],
      }),
      'whistle.list': () => ({ items: item ? [item] : [] }),
      'whistle.raise': (req: ActionRequest<'whistle.raise'>) => {
        const { need, quantity, detail, place, urgency, deadline } = req;
        return update({
          id: 'w1',
          orgId: req.orgId,
          orgName: '城关社区',
          need,
          quantity,
          detail,
          place,
          urgency,
          deadline,
          status: 'open',
          units: [ZJ],
          raisedByName: '李干事',
          createdAt: NOW,
          reopens: 0,
          overdue: false,
        });
      },
      'whistle.inbox': () => {
        if (!opts.contact) throw failure('FORBIDDEN', '您还不是任何单位的联络员');
        return { items: item ? [item] : [], units: [ZJ], uploadDir: 'media/whistle/o-contact' };
      },
      'whistle.join': () => {
        opts.contact = true;
        return { unitId: ZJ.id, unitName: ZJ.name };
      },
      'whistle.claim': () => update({ status: 'claimed', claimedUnitId: ZJ.id, claimedUnitName: ZJ.name, claimedByName: '马强', claimedAt: NOW }),
      'whistle.report': (req: ActionRequest<'whistle.report'>) =>
        update({
          status: 'reported',
          // The server answers each photo as a URL made for the viewer.
          report: {
            people: req.people,
            hours: req.hours,
            photos: req.photos.map((_, i) => `https://tmp.tcb/r${i}.jpg`),
            at: NOW,
            byName: '马强',
            ...(req.supplies ? { supplies: req.supplies } : {}),
          },
        }),
      'whistle.close': (req: ActionRequest<'whistle.close'>) =>
        update(req.decision === 'confirm' ? { status: 'closed', closedAt: NOW } : { status: 'claimed', reopenNote: req.note }),
    },
  });
  return { ...fake, photos: fakePhotos(fake, [[photo('team.jpg')]]) };
}

describe('whistle view', () => {
  it('checks the raise form field by field', () => {
    const form = { need: 'manpower' as const, quantity: '5', detail: '维持秩序', place: '东门', urgency: 'urgent' as const, within: 3_600_000, unitIds: ['u'] };
    expect(checkRaise(form)).toBeNull();
    expect(checkRaise({ ...form, need: '' })?.field).toBe('need');
    expect(checkRaise({ ...form, quantity: '0' })?.field).toBe('quantity');
    expect(checkRaise({ ...form, quantity: '2.5' })?.field).toBe('quantity');
    expect(checkRaise({ ...form, unitIds: [] })?.field).toBe('unitIds');
  });

  it('checks a report as the server counts it: half hours, people or supplies', () => {
    expect(checkReport('3', '2.5', '')).toBeNull();
    expect(checkReport('', '', '口罩 200 只')).toBeNull();
    expect(checkReport('3', '1.2', '')?.field).toBe('hours');
    expect(checkReport('3', '', '')?.field).toBe('hours');
    expect(checkReport('', '', '')?.field).toBe('people');
  });
});

describe('whistle pages', () => {
  it('raised → claimed → reported → closed', async () => {
    const server = whistleServer({ contact: false });
    const staff = await openPage(WHISTLE);
    expect(textOf(staff, '#unit-u-zj')).toContain('平均 25 分钟响应 · 完成率 50%');
    await tap(staff, '#send');
    expect(textOf(staff, '#need-error')).toBe('请选择需求类型');
    await tap(staff, '#need-manpower');
    await typeInto(staff, '#quantity', '5');
    await typeInto(staff, '#detail', '核酸检测点维持秩序');
    await typeInto(staff, '#place', '威尼斯水城东门');
    await tap(staff, '#send');
    expect(textOf(staff, '#unitIds-error')).toBe('请至少选择一个单位');
    await tap(staff, '#unit-u-zj');
    await tap(staff, '#send');
    expect(sent(server, 'whistle.raise')).toEqual([
      expect.objectContaining({ orgId: 'sz-s1-c01', need: 'manpower', quantity: 5, detail: '核酸检测点维持秩序', urgency: 'urgent', unitIds: ['u-zj'] }),
    ]);
    expect(textOf(staff, '#item-w1')).toContain('待认领');

    // The unit's contact: first the code, then the request.
    const unit = await openPage(UNIT);
    expect(isShown(unit, '#join')).toBe(true);
    await typeInto(unit, '#code', '7K3QD-M9XWA-2B8ZR-FT4HC');
    await tap(unit, '#join-send');
    expect(textOf(unit, '#unit-name')).toContain('区住建局机关党支部');
    await tap(unit, '#claim-w1');
    expect(textOf(unit, '#item-w1')).toContain('认领：区住建局机关党支部 · 马强');
    await tap(unit, '#report-w1');
    await typeInto(unit, '#people', '3');
    await typeInto(unit, '#hours', '1.2');
    await tap(unit, '#report-send');
    expect(textOf(unit, '#report-error')).toBe('每人时长请按半小时填写，如 1.5');
    await typeInto(unit, '#hours', '2.5');
    await tap(unit, '#add-photo');
    expect(findAll(unit, '#photos .wh-photo')).toHaveLength(1);
    await tap(unit, '#report-send');
    // Uploaded into the caller's folder the inbox named, under the request's id.
    expect(server.photos.uploadFile.mock.calls.map(([a]) => a.cloudPath)).toEqual(['media/whistle/o-contact/w1/1.jpg']);
    expect(sent(server, 'whistle.report')).toEqual([{ whistleId: 'w1', people: 3, hours: 2.5, photos: ['cloud://env-1/media/whistle/o-contact/w1/1.jpg'] }]);
    expect(textOf(unit, '#item-w1')).toContain('报到：派出 3 人 × 2.5 小时');

    const back = await openPage(WHISTLE);
    expect(findAll(back, '#report-photos-w1 .wh-photo')[0].dom?.getAttribute('data-src')).toBe('https://tmp.tcb/r0.jpg');
    await tap(back, '#confirm-w1');
    expect(sent(server, 'whistle.close')).toEqual([{ whistleId: 'w1', decision: 'confirm' }]);
    expect(textOf(back, '#item-w1')).toContain('已办结');
    expect(isShown(back, '#confirm-w1')).toBe(false);
  });
});

describe('inspect page', () => {
  it('finding → rectified → verified', async () => {
    let f: FindingView | null = null;
    let me = { ...STAFF_ME, name: '王干事', grants: [STREET] };
    const server = installFakeWx({
      handlers: {
        'account.me': () => me,
        'inspect.checklist': () => ({
          districtId: 'sz',
          uploadDir: `media/inspect/o-${me.grants[0].orgId}`,
          categories: [{ code: 'entry', name: '出入口管理', items: [{ code: 'entry-temp', name: '测温登记不规范' }] }],
        }),
        'org.tree': () => ({ items: [{ id: 'sz-s1-c01', name: '城关社区', level: 'community', parentId: 'sz-s1', path: ['sz', 'sz-s1'], childCount: 0 }] }),
        'inspect.list': () => ({ items: f ? [f] : [] }),
        'inspect.record': (req: ActionRequest<'inspect.record'>) =>
          (f = {
            id: 'f1',
            orgId: req.orgId,
            orgName: '城关社区',
            orgLevel: 'community',
            category: req.category,
            categoryName: '出入口管理',
            item: req.item,
            itemName: '测温登记不规范',
            description: req.description,
            photos: req.photos.map((_, i) => `https://tmp.tcb/f${i}.jpg`),
            deadline: req.deadline,
            status: 'open',
            overdue: false,
            inspectorOrgId: 'sz-s1',
            inspectorOrgName: '城关街道',
            recordedByName: '王干事',
            createdAt: NOW,
            reopens: 0,
          }),
        'inspect.rectify': (req: ActionRequest<'inspect.rectify'>) =>
          (f = {
            ...f!,
            status: 'rectified',
            rectification: { byName: '李干事', at: NOW, note: req.note, photos: req.photos.map((_, i) => `https://tmp.tcb/r${i}.jpg`) },
          }),
        'inspect.verify': () => (f = { ...f!, status: 'verified', verification: { byName: '王干事', at: NOW } }),
      },
    });
    const { uploadFile } = fakePhotos(server, [[photo('east-gate.jpg')], [photo('after.png')]]);
    const street = await openPage(INSPECT);
    expect(textOf(street, '#place')).toBe('城关街道');
    await tap(street, '#child-sz-s1-c01');
    await tap(street, '#cat-entry');
    await tap(street, '#item-entry-temp');
    await typeInto(street, '#description', '东门测温后未逐人登记');
    await tap(street, '#add-photo');
    await tap(street, '#record-send');
    const [recorded] = sent(server, 'inspect.record');
    expect(recorded).toEqual(expect.objectContaining({ orgId: 'sz-s1-c01', category: 'entry', item: 'entry-temp', description: '东门测温后未逐人登记' }));
    // The finding's photo went into the recorder's folder under the finding's request id.
    expect(recorded.photos).toEqual([`cloud://env-1/media/inspect/o-sz-s1/${String(recorded.requestId)}/1.jpg`]);
    expect(textOf(street, '#finding-f1')).toContain('待整改');
    expect(findAll(street, '#photos-f1 .wh-photo')[0].dom?.getAttribute('data-src')).toBe('https://tmp.tcb/f0.jpg');

    me = { ...STAFF_ME, name: '李干事', grants: [COMMUNITY] };
    const community = await openPage(INSPECT);
    expect(isShown(community, '#record')).toBe(false);
    await tap(community, '#rectify-f1');
    await typeInto(community, '#note', '已安排专人逐人登记');
    await tap(community, '#add-photo');
    await tap(community, '#note-send');
    expect(uploadFile.mock.calls.map(([a]) => a.cloudPath)[1]).toBe('media/inspect/o-sz-s1-c01/f1/1.png');
    expect(sent(server, 'inspect.rectify')).toEqual([
      { findingId: 'f1', note: '已安排专人逐人登记', photos: ['cloud://env-1/media/inspect/o-sz-s1-c01/f1/1.png'] },
    ]);
    expect(findAll(community, '#rectify-photos-f1 .wh-photo')[0].dom?.getAttribute('data-src')).toBe('https://tmp.tcb/r0.jpg');
    expect(textOf(community, '#finding-f1')).toContain('整改：李干事：已安排专人逐人登记');

    me = { ...STAFF_ME, name: '王干事', grants: [STREET] };
    const verifier = await openPage(INSPECT);
    await tap(verifier, '#accept-f1');
    expect(sent(server, 'inspect.verify')).toEqual([{ findingId: 'f1', decision: 'accept' }]);
    expect(textOf(verifier, '#finding-f1')).toContain('已销号');
    expect(find(verifier, '#finding-f1')).toBeTruthy();
  });
});

describe('inspect page: the district keeps the checklist', () => {
  it('district staff rename a category, add an item and save; codes kept, the new one fresh; an empty name is refused first', async () => {
    const DISTRICT: GrantView = { role: 'admin', orgId: 'sz', orgName: '商州区', orgLevel: 'district', orgPath: [] };
    let categories = [{ code: 'entry', name: '出入口管理', items: [{ code: 'entry-temp', name: '测温登记不规范' }] }];
    const server = installFakeWx({
      handlers: {
        'account.me': () => ({ ...STAFF_ME, name: '赵主任', grants: [DISTRICT] }),
        'inspect.checklist': () => ({ districtId: 'sz', categories, uploadDir: 'media/inspect/o-admin' }),
        'org.tree': () => ({ items: [] }),
        'inspect.list': () => ({ items: [] }),
        'inspect.saveChecklist': (req: ActionRequest<'inspect.saveChecklist'>) => {
          categories = req.categories;
          return { districtId: req.districtId, categories };
        },
      },
    });
    const page = await openPage(INSPECT);
    await tap(page, '#edit-checklist');
    await typeInto(page, '#cat-name-0', '出入口管控');
    await tap(page, '#add-item-0');
    await tap(page, '#save-checklist');
    expect(textOf(page, '#checklist-error')).toBe('「出入口管控」下的条目名称应为 2–40 个字');
    expect(sent(server, 'inspect.saveChecklist')).toEqual([]);
    await typeInto(page, '#item-name-0-1', '车辆未登记');
    await tap(page, '#save-checklist');
    expect(sent(server, 'inspect.saveChecklist')).toEqual([
      {
        districtId: 'sz',
        categories: [
          {
            code: 'entry',
            name: '出入口管控',
            items: [
              { code: 'entry-temp', name: '测温登记不规范' },
              { code: 'item-1', name: '车辆未登记' },
            ],
          },
        ],
      },
    ]);
    expect(textOf(page, '#checklist-summary')).toBe('1 个类别，记录问题时从中选择');
    expect(textOf(page, '#cat-entry')).toBe('出入口管控');
  });

  it('street staff see no editor', async () => {
    installFakeWx({
      handlers: {
        'account.me': () => ({ ...STAFF_ME, grants: [STREET] }),
        'inspect.checklist': () => ({ districtId: 'sz', categories: [], uploadDir: 'media/inspect/o-street' }),
        'org.tree': () => ({ items: [] }),
        'inspect.list': () => ({ items: [] }),
      },
    });
    const page = await openPage(INSPECT);
    expect(isShown(page, '#record')).toBe(true);
    expect(isShown(page, '#checklist')).toBe(false);
  });
});
