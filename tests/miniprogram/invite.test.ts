/**
 * 邀请成员: staff drill down from their own node to where the invitee belongs, pick a role that
 * fits there, and get a one-time code to hand over. One invitation keeps one request id.
 */
import type { ActionRequest, ActionResponse } from '../../typings/api';
import type { GrantView, OrgNode, OrgRef, Role } from '../../typings/domain';
import { codeGroups, expiryText, inviteRoots, rankOver, roleChoices } from '../../miniprogram/staff/pages/invite/invite-view';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { FakeWx, Handlers } from './support/fake-wx';
import { STAFF_ME } from './support/fixtures';
import type { Page } from './support/mp';
import { find, findAll, isDisabled, isShown, openPage, settle, tap, textOf, textsOf } from './support/mp';

const INVITE = 'staff/pages/invite/invite';
const HOME = 'pages/home/home';

type Me = ActionResponse<'account.me'>;
type Invited = ActionResponse<'account.invite'>;

const DISTRICT: OrgRef = { id: 'd-shangzhou', name: '商州区', level: 'district' };
const STREET: OrgRef = { id: 's-chengguan', name: '城关街道', level: 'street' };
const STREET_2: OrgRef = { id: 's-dazhaoyu', name: '大赵峪街道', level: 'street' };
const COMMUNITY: OrgRef = { id: 'c-dongguan', name: '东关社区', level: 'community' };
const COMPOUND: OrgRef = { id: 'p-dangui', name: '丹桂小区', level: 'compound' };
const BUILDING: OrgRef = { id: 'b-dangui-3', name: '3号楼', level: 'building' };

/** The tree below the district, parent id → children. */
const TREE: Record<string, Array<{ ref: OrgRef; children: number }>> = {
  [DISTRICT.id]: [
    { ref: STREET, children: 1 },
    { ref: STREET_2, children: 0 },
  ],
  [STREET.id]: [{ ref: COMMUNITY, children: 1 }],
  [COMMUNITY.id]: [{ ref: COMPOUND, children: 1 }],
  [COMPOUND.id]: [{ ref: BUILDING, children: 0 }],
};
const PATHS: Record<string, string[]> = {
  [DISTRICT.id]: [],
  [STREET.id]: [DISTRICT.id],
  [STREET_2.id]: [DISTRICT.id],
  [COMMUNITY.id]: [DISTRICT.id, STREET.id],
  [COMPOUND.id]: [DISTRICT.id, STREET.id, COMMUNITY.id],
  [BUILDING.id]: [DISTRICT.id, STREET.id, COMMUNITY.id, COMPOUND.id],
};
const REFS = Object.fromEntries([DISTRICT, STREET, STREET_2, COMMUNITY, COMPOUND, BUILDING].map((r) => [r.id, r]));

function tree({ parentId }: ActionRequest<'org.tree'>): ActionResponse<'org.tree'> {
  const items = (TREE[parentId ?? ''] ?? []).map(({ ref, children }): OrgNode => ({
    ...ref,
    parentId: parentId ?? null,
    path: PATHS[ref.id],
    childCount: children,
  }));
  return { items };
}

function grant(role: Role, ref: OrgRef): GrantView {
  const orgPath = [...PATHS[ref.id].map((id) => REFS[id]), ref];
  return { role, orgId: ref.id, orgName: ref.name, orgLevel: ref.level, orgPath };
}

const meWith = (...grants: GrantView[]): Me => ({ ...STAFF_ME, grants });

/** 2024-12-06 20:15 in Shanghai. */
const EXPIRES = Date.UTC(2024, 11, 6, 12, 15);
const CODE = '7K3QD-M9XWA-2B8ZR-FT4HC';

/** The server: invitations answer for whichever role and node were asked. */
function serve(me: Me = STAFF_ME, handlers: Handlers = {}): FakeWx {
  return installFakeWx({
    handlers: {
      'account.me': () => me,
      'org.tree': tree,
      'account.invite': ({ role, orgId }) => ({ code: CODE, role, orgId, orgName: REFS[orgId].name, expiresAt: EXPIRES }),
      ...handlers,
    },
  });
}

/** Every account.invite the phone sent, whether or not it reached the server. */
const inviteAttempts = (server: FakeWx) =>
  server.wx.cloud.callFunction.mock.calls
    .map(([param]) => param.data as { action: string; data: ActionRequest<'account.invite'> })
    .filter((body) => body.action === 'account.invite')
    .map((body) => body.data);

const crumbs = (page: Page) => textsOf(page, '.iv-crumb');
const children = (page: Page) => textsOf(page, '.iv-child-name');
const roleButtons = (page: Page) => textsOf(page, '.iv-role');

/** Drills from the first root through the named children, then taps 选择此处. */
async function chooseNode(page: Page, ...ids: string[]): Promise<void> {
  for (const id of ids) expect(await tap(page, `#child-${id}`)).toBe(true);
  expect(await tap(page, '#choose-here')).toBe(true);
}

/** A street staff member's compound secretary, all the way to the code. */
async function generate(): Promise<Page> {
  const page = await openPage(INVITE);
  await chooseNode(page, COMMUNITY.id, COMPOUND.id);
  await tap(page, '#role-secretary');
  await tap(page, '#generate');
  return page;
}

describe('invite view', () => {
  it('roots are the staff and admin nodes not under another; resident grants do not count', () => {
    const grants = [grant('resident', BUILDING), grant('staff', COMMUNITY), grant('staff', STREET), grant('staff', STREET_2)];
    expect(inviteRoots(grants).map((r) => r.name)).toEqual(['城关街道', '大赵峪街道']);
    expect(inviteRoots([grant('secretary', COMPOUND)])).toEqual([]);
  });

  it('the rank over a node comes from grants there or above it', () => {
    const grants = [grant('volunteer', COMPOUND), grant('staff', COMMUNITY)];
    expect(rankOver(grants, { id: BUILDING.id, path: PATHS[BUILDING.id] })).toBe(4);
    expect(rankOver(grants, { id: STREET.id, path: PATHS[STREET.id] })).toBe(-1);
  });

  it('offers the roles of the level, none above the caller, highest first', () => {
    const at = (ref: OrgRef) => ({ id: ref.id, path: PATHS[ref.id], level: ref.level });
    const labels = (grants: GrantView[], ref: OrgRef) => roleChoices(grants, at(ref)).map((c) => c.label);
    expect(labels([grant('staff', COMMUNITY)], COMMUNITY)).toEqual(['工作人员']);
    expect(labels([grant('staff', COMMUNITY)], COMPOUND)).toEqual(['小区书记', '志愿者']);
    expect(labels([grant('staff', COMMUNITY)], BUILDING)).toEqual(['楼栋长', '居民']);
    expect(labels([grant('staff', DISTRICT)], DISTRICT)).toEqual(['工作人员']);
    expect(labels([grant('admin', DISTRICT)], DISTRICT)).toEqual(['管理员', '工作人员']);
    expect(labels([grant('staff', COMMUNITY)], STREET)).toEqual([]);
  });

  it('writes the code in groups of five and the expiry in Shanghai time', () => {
    expect(codeGroups(CODE)).toEqual(['7K3QD', 'M9XWA', '2B8ZR', 'FT4HC']);
    expect(expiryText(EXPIRES)).toBe('12月6日 20:15 前有效');
    // 23:59 UTC is already the next morning in Shanghai.
    expect(expiryText(Date.UTC(2024, 11, 31, 23, 59))).toBe('1月1日 07:59 前有效');
  });
});

describe('invite page', () => {
  it('starts at the caller’s own node and drills down to a building, with the roles each level may be given', async () => {
    const server = serve();
    const page = await openPage(INVITE);

    expect(crumbs(page)).toEqual([]);
    expect(textOf(page, '#here-name')).toBe('城关街道街道');
    expect(textOf(page, '#here-roles')).toBe('可邀请：工作人员');
    expect(children(page)).toEqual(['东关社区']);

    await tap(page, `#child-${COMMUNITY.id}`);
    expect(crumbs(page)).toEqual(['城关街道', '›东关社区']);
    expect(textOf(page, '#here-roles')).toBe('可邀请：工作人员');

    await tap(page, `#child-${COMPOUND.id}`);
    expect(textOf(page, '#here-roles')).toBe('可邀请：小区书记、志愿者');

    await tap(page, `#child-${BUILDING.id}`);
    expect(crumbs(page)).toEqual(['城关街道', '›东关社区', '›丹桂小区', '›3号楼']);
    expect(textOf(page, '#here-roles')).toBe('可邀请：楼栋长、居民');
    expect(textOf(page, '#children-none')).toBe('没有下级了');
    // A building has no children: they are not asked for.
    expect(server.callsOf('org.tree')).toEqual([
      { parentId: STREET.id, limit: 50 },
      { parentId: COMMUNITY.id, limit: 50 },
      { parentId: COMPOUND.id, limit: 50 },
    ]);

    // The breadcrumb goes back up.
    await tap(page, '#crumb-1');
    expect(crumbs(page)).toEqual(['城关街道', '›东关社区']);
    expect(children(page)).toEqual(['丹桂小区']);
    await tap(page, '#crumb-0');
    expect(crumbs(page)).toEqual([]);
    expect(textOf(page, '#here-name')).toBe('城关街道街道');
  });

  it('with several nodes of their own, starts from 全部', async () => {
    serve(meWith(grant('staff', STREET), grant('staff', STREET_2)));
    const page = await openPage(INVITE);

    expect(crumbs(page)).toEqual(['全部']);
    expect(isShown(page, '#here')).toBe(false);
    expect(children(page)).toEqual(['城关街道', '大赵峪街道']);

    await tap(page, `#child-${STREET_2.id}`);
    expect(crumbs(page)).toEqual(['全部', '›大赵峪街道']);
    expect(textOf(page, '#children-none')).toBe('没有下级了');
    await tap(page, '#crumb-all');
    expect(children(page)).toEqual(['城关街道', '大赵峪街道']);
  });

  it('offers an admin 管理员 at the district, and a district staff member only 工作人员', async () => {
    serve(meWith(grant('admin', DISTRICT)));
    let page = await openPage(INVITE);
    await chooseNode(page);
    expect(roleButtons(page)).toEqual(['管理员', '工作人员']);

    serve(meWith(grant('staff', DISTRICT)));
    page = await openPage(INVITE);
    await chooseNode(page);
    expect(roleButtons(page)).toEqual(['工作人员']);
    // The one role there is already chosen.
    expect(isDisabled(find(page, '#generate'))).toBe(false);
  });

  it('says so to someone who holds no staff or admin role', async () => {
    const server = serve(meWith(grant('secretary', COMPOUND)));
    const page = await openPage(INVITE);
    expect(textOf(page, '#none')).toBe('只有工作人员和管理员可以邀请成员');
    expect(server.callsOf('org.tree')).toEqual([]);
  });

  it('generates a code for the chosen role and node, and shows it large with what it makes, until when, and how to use it', async () => {
    const reply = deferred<Invited>();
    const server = serve(STAFF_ME, { 'account.invite': () => reply.promise });
    const page = await openPage(INVITE);
    await chooseNode(page, COMMUNITY.id, COMPOUND.id);

    expect(textOf(page, '#chosen')).toBe('丹桂小区小区');
    expect(textOf(page, '#chosen-path')).toBe('城关街道 / 东关社区 / 丹桂小区');
    expect(roleButtons(page)).toEqual(['小区书记', '志愿者']);
    expect(isDisabled(find(page, '#generate'))).toBe(true);

    await tap(page, '#role-secretary');
    expect(find(page, '#role-secretary').dom?.className).toContain('iv-role-on');
    expect(await tap(page, '#generate')).toBe(true);
    expect(textOf(page, '#generate')).toBe('正在生成…');
    expect(await tap(page, '#generate')).toBe(false);

    reply.resolve({ code: CODE, role: 'secretary', orgId: COMPOUND.id, orgName: '丹桂小区', expiresAt: EXPIRES });
    await settle();

    const [sent] = server.callsOf('account.invite');
    expect(server.callsOf('account.invite')).toHaveLength(1);
    expect(sent).toEqual({ role: 'secretary', orgId: COMPOUND.id, requestId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/) });
    expect(textOf(page, '#done-title')).toBe('「丹桂小区」小区书记');
    expect(textsOf(page, '.iv-code-group')).toEqual(['7K3QD', 'M9XWA', '2B8ZR', 'FT4HC']);
    expect(textOf(page, '#expiry')).toBe('12月6日 20:15 前有效，只能使用一次');
    expect(textsOf(page, '.iv-how-text')).toEqual(['请对方打开「联防」小程序', '在「登记为居民」页底部点「有邀请码或激活码？」', '输入此邀请码，点「激活」']);
  });

  it('copies the code; a refused privacy check says to write it down instead', async () => {
    const server = serve();
    const page = await generate();

    await tap(page, '#copy');
    expect(server.wx.setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: CODE }));
    expect(server.clipboard).toBe(CODE);
    expect(isShown(page, '#copy-error')).toBe(false);

    server.clipboard = '';
    server.privacy.agreed = false;
    await tap(page, '#copy');
    expect(isShown(page, '#privacy-sheet', '#privacy-consent')).toBe(true);
    await tap(page, '#privacy-sheet', '#privacy-disagree');
    expect(server.clipboard).toBe('');
    expect(textOf(page, '#copy-error')).toBe('未同意隐私保护指引，无法复制，请把上面的邀请码抄给对方');
  });

  it('a tap retried after a network failure is the same invitation; another role or 再邀请一位 is a new one', async () => {
    const server = serve();
    const page = await openPage(INVITE);
    await chooseNode(page, COMMUNITY.id, COMPOUND.id);
    await tap(page, '#role-secretary');

    server.offline = true;
    await tap(page, '#generate');
    expect(textOf(page, '#form-error')).toBe('无法连接服务器，邀请码还没有生成。请检查网络后再点「生成邀请码」');
    expect(isShown(page, '#done')).toBe(false);
    await tap(page, '#generate');

    server.offline = false;
    await tap(page, '#role-volunteer');
    expect(isShown(page, '#form-error')).toBe(false);
    await tap(page, '#generate');
    const ids = inviteAttempts(server).map((c) => c.requestId);
    expect(ids).toHaveLength(3);
    expect(server.callsOf('account.invite')).toHaveLength(1);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(textOf(page, '#done-title')).toBe('「丹桂小区」志愿者');

    // 再邀请一位: back to where the last one was chosen, the same choices again make a new invitation.
    await tap(page, '#again');
    expect(crumbs(page)).toEqual(['城关街道', '›东关社区', '›丹桂小区']);
    expect(isShown(page, '#done')).toBe(false);
    await tap(page, '#choose-here');
    expect(isDisabled(find(page, '#generate'))).toBe(true);
    await tap(page, '#role-volunteer');
    await tap(page, '#generate');
    const last = inviteAttempts(server)[3];
    expect(last.requestId).not.toBe(ids[2]);
    expect(last).toMatchObject({ role: 'volunteer', orgId: COMPOUND.id });
  });

  it.each([
    ['the node', 'INVALID_ARGUMENT', '「小区书记」只能授予在小区一级', { field: 'data.orgId' }, '#node-error'],
    ['the role', 'INVALID_ARGUMENT', '角色格式不正确', { field: 'data.role' }, '#role-error'],
    ['neither', 'FORBIDDEN', '不能授予高于自己的角色「小区书记」', undefined, '#form-error'],
  ] as const)('shows the server’s message beside %s', async (_where, code, message, details, where) => {
    serve(STAFF_ME, {
      'account.invite': () => {
        throw failure(code, message, details);
      },
    });
    const page = await openPage(INVITE);
    await chooseNode(page, COMMUNITY.id, COMPOUND.id);
    await tap(page, '#role-secretary');
    await tap(page, '#generate');

    expect(textOf(page, where)).toBe(message);
    for (const other of ['#node-error', '#role-error', '#form-error'].filter((s) => s !== where)) expect(isShown(page, other)).toBe(false);
    expect(isShown(page, '#done')).toBe(false);
    expect(isDisabled(find(page, '#generate'))).toBe(false);
  });

  it('says so when it cannot load with no network, and loads on 重试', async () => {
    const server = serve();
    server.offline = true;
    const page = await openPage(INVITE);
    expect(textOf(page, '#load-error')).toBe('无法连接服务器，请检查网络后重试');

    server.offline = false;
    await tap(page, '#retry');
    expect(textOf(page, '#here-name')).toBe('城关街道街道');
  });

  it('a drill-down that fails offline can be retried in place', async () => {
    const server = serve();
    const page = await openPage(INVITE);
    server.offline = true;
    await tap(page, `#child-${COMMUNITY.id}`);
    expect(textOf(page, '#children-error')).toContain('无法连接服务器');

    server.offline = false;
    await tap(page, '#children-retry');
    expect(children(page)).toEqual(['丹桂小区']);
  });

  it('is a tile on home for staff and admins, leading here', async () => {
    const server = serve();
    let home = await openPage(HOME);
    const titles = textsOf(home, '#section-staff .home-tile-title');
    expect(titles).toContain('邀请成员');
    findAll(home, '#section-staff .home-tile')[titles.indexOf('邀请成员')].dispatchEvent('tap');
    await settle();
    expect(server.wx.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/invite/invite' });

    serve(meWith(grant('admin', DISTRICT)));
    home = await openPage(HOME);
    expect(textsOf(home, '#section-admin .home-tile-title')).toEqual(['防控看板', '邀请成员', '健康与摸底', '导出台账', '组织与授权']);
    expect(textsOf(home, '#section-admin .home-tile-hint')).toEqual([
      '全区情况，逐级查看',
      '生成邀请码，授予角色',
      '全区摸底与今日上报',
      '全区各类记录导出为表格',
      '即将上线',
    ]);
  });
});
