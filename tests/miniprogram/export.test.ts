/**
 * 导出台账: pick a ledger, node and days, 生成, then 打开 (downloaded and opened with its menu) or
 * 复制链接; a retried tap keeps its request id; my recent exports listed with their links.
 */
import type { ActionRequest, ActionResponse } from '../../typings/api';
import type { ExportView } from '../../typings/export';
import { defaultRange, exportNodes, sizeText } from '../../miniprogram/staff/pages/export/export-view';
import { failure, installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { RESIDENT_ME, STAFF_GRANT, STAFF_ME } from './support/fixtures';
import { find, findAll, openPage, settle, tap, textOf } from './support/mp';

const EXPORT = 'staff/pages/export/export';
const KINDS = [
  { kind: 'cases' as const, title: '重点人员与事件' },
  { kind: 'dutyVolunteers' as const, title: '志愿者服务时长' },
];
const NOW = Date.UTC(2026, 10, 28, 2, 0); // 2026-11-28 10:00 Shanghai

function made(req: ActionRequest<'export.create'>, n = 1): ExportView {
  return {
    id: `x${n}`,
    kind: req.kind,
    title: KINDS.find((k) => k.kind === req.kind)!.title,
    orgId: req.orgId,
    orgName: '城关街道',
    from: req.from,
    to: req.to,
    rows: 1234,
    bytes: 56_789,
    fileName: 'f.xlsx',
    createdAt: NOW,
    expiresAt: NOW + 7 * 86_400_000,
    url: `https://tmp.example/x${n}.xlsx?sign=1`,
    urlSeconds: 600,
  };
}

function serve(list: ActionResponse<'export.list'>['items'] = []): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => STAFF_ME,
      'export.list': () => ({ items: list, kinds: KINDS }),
      'export.create': (req) => made(req),
    },
  });
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});
afterEach(() => jest.useRealTimers());

test('the view: my nodes once each, the last 7 days, sizes', () => {
  expect(exportNodes([STAFF_GRANT, STAFF_GRANT, ...RESIDENT_ME.grants])).toEqual([
    { id: STAFF_GRANT.orgId, label: STAFF_GRANT.orgPath.map((r) => r.name).join(' / ') },
  ]);
  expect(defaultRange(NOW)).toEqual({ from: '2026-11-22', to: '2026-11-28' });
  expect([512, 56_789, 4_400_000].map(sizeText)).toEqual(['0.5 KB', '55.5 KB', '4.2 MB']);
});

test('生成 with the defaults shows rows and size; 打开 downloads and opens it with the menu; 复制链接 copies the link', async () => {
  const fake = serve();
  const page = await openPage(EXPORT);
  expect(textOf(page, '#kind-value')).toBe('重点人员与事件');
  expect(textOf(page, '#from-value')).toBe('2026-11-22');
  expect(textOf(page, '#to-value')).toBe('2026-11-28');
  expect(fake.callsOf('export.list')).toEqual([{ orgId: STAFF_GRANT.orgId }]);
  find(page, '#kind').dispatchEvent('change', { detail: { value: 1 } });
  await tap(page, '#create');
  await settle();
  const [req] = fake.callsOf('export.create');
  expect(req).toEqual({ kind: 'dutyVolunteers', orgId: STAFF_GRANT.orgId, from: '2026-11-22', to: '2026-11-28', requestId: expect.any(String) });
  expect(textOf(page, '#result-summary')).toBe('1234 行 · 55.5 KB');
  expect(findAll(page, '.lf-card').length).toBe(3); // the form, the result, the list's one item

  await tap(page, '#result-open');
  await settle();
  expect(fake.wx.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://tmp.example/x1.xlsx?sign=1' }));
  expect(fake.wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/x1.xlsx?sign=1', fileType: 'xlsx', showMenu: true }));

  await tap(page, '#result-copy');
  await settle();
  expect(fake.clipboard).toBe('https://tmp.example/x1.xlsx?sign=1');
  expect(textOf(page, '#message')).toBe('链接已复制，10 分钟内有效');
});

test('a failed 生成 shows why; the retry keeps the request id; another range is another export', async () => {
  const fake = serve();
  let fail = true;
  fake.handlers['export.create'] = (req) => {
    if (fail) throw failure('INVALID_ARGUMENT', '导出范围不能超过 92 天', { field: 'data.to' });
    return made(req);
  };
  const page = await openPage(EXPORT);
  await tap(page, '#create');
  await settle();
  expect(textOf(page, '#form-error')).toBe('导出范围不能超过 92 天');
  fail = false;
  await tap(page, '#create');
  await settle();
  find(page, '#from').dispatchEvent('change', { detail: { value: '2026-11-01' } });
  await tap(page, '#create');
  await settle();
  const ids = fake.callsOf('export.create').map((r) => r.requestId);
  expect(ids[0]).toBe(ids[1]);
  expect(ids[2]).not.toBe(ids[1]);
});

test('an expired link says so; my recent exports are listed with their links', async () => {
  const fake = serve([{ ...made({ kind: 'cases', orgId: STAFF_GRANT.orgId, from: '2026-11-20', to: '2026-11-20', requestId: 'r' }, 7) }]);
  fake.wx.downloadFile.mockImplementation((opts) => opts.success?.({ errMsg: 'downloadFile:ok', statusCode: 410, tempFilePath: '' } as never));
  const page = await openPage(EXPORT);
  expect(textOf(page, '#item-x7')).toContain('重点人员与事件 · 城关街道');
  expect(textOf(page, '#item-x7')).toContain('2026-11-20 · 1234 行 · 55.5 KB');
  await tap(page, '#open-x7');
  await settle();
  expect(textOf(page, '#message')).toBe('链接已过期，请下拉刷新后再打开');
  expect(fake.wx.openDocument).not.toHaveBeenCalled();
});

test('a resident has nothing to export', async () => {
  installFakeWx({ handlers: { 'account.me': () => RESIDENT_ME } });
  const page = await openPage(EXPORT);
  expect(textOf(page, '#none')).toBe('楼栋长、小区书记和社区及以上工作人员可以导出台账');
});

test('opened from a dashboard at a node below the caller’s own, the node is named as the server names it and exported there', async () => {
  const fake = installFakeWx({
    handlers: {
      'account.me': () => STAFF_ME,
      'export.list': (req) => ({ items: [], kinds: KINDS, ...(req.orgId === 'p-wns' ? { org: { id: 'p-wns', name: '威尼斯水城' } } : {}) }),
      'export.create': (req) => made(req),
    },
  });
  const page = await openPage(EXPORT, { orgId: 'p-wns' });
  await settle();
  expect(textOf(page, '#node-value')).toBe('威尼斯水城');
  tap(page, '#create');
  await settle();
  expect(fake.calls.filter((c) => c.action === 'export.create').map((c) => c.data)).toMatchObject([{ orgId: 'p-wns' }]);
});

test('重试 after a failed load opens at the node the dashboard named again', async () => {
  let fails = 1;
  const fake = installFakeWx({
    handlers: {
      'account.me': () => {
        if (fails-- > 0) throw failure('INTERNAL', '服务暂时不可用，请稍后重试');
        return STAFF_ME;
      },
      'export.list': (req) => ({ items: [], kinds: KINDS, ...(req.orgId === 'p-wns' ? { org: { id: 'p-wns', name: '威尼斯水城' } } : {}) }),
      'export.create': (req) => made(req),
    },
  });
  const page = await openPage(EXPORT, { orgId: 'p-wns' });
  await settle();
  expect(textOf(page, '#load-error')).toBe('服务暂时不可用，请稍后重试');
  tap(page, '#retry');
  await settle();
  expect(textOf(page, '#node-value')).toBe('威尼斯水城');
  expect(fake.calls.filter((c) => c.action === 'export.list').map((c) => c.data)).toEqual([{ orgId: 'p-wns' }]);
});
