import type { ActionResponse } from '../../typings/api';
import { deferred, failure, installFakeWx } from './support/fake-wx';
import type { FakeWx, Handlers } from './support/fake-wx';
import { BUILDING_ID, DIRECTORY, RESIDENT_ME, directory } from './support/fixtures';
import type { Page } from './support/mp';
import { choose, find, isDisabled, isShown, openPage, settle, tap, textOf, textsOf, typeInto } from './support/mp';
import { SUBMIT_NOTICE, noticeOpensContract } from './support/privacy';

const REGISTER = 'resident/pages/register/register';

type Profile = ActionResponse<'account.register'>;

function serve(handlers: Handlers = {}): FakeWx {
  return installFakeWx({ handlers: { 'org.directory': directory, 'account.register': () => RESIDENT_ME, ...handlers } });
}

const submitDisabled = (page: Page) => isDisabled(find(page, '#submit'));

/** Street → community → compound → building, picking the i-th option at each step. */
async function chooseBuilding(page: Page, [street, community, compound, building] = [0, 0, 0, 1]): Promise<void> {
  await choose(page, ['#building', '#bp-row-1'], street);
  await choose(page, ['#building', '#bp-row-2'], community);
  await choose(page, ['#building', '#bp-row-3'], compound);
  await choose(page, ['#building', '#bp-row-4'], building);
}

async function fillIn(page: Page): Promise<void> {
  await typeInto(page, '#name', '  王秀兰 ');
  await typeInto(page, '#phone', '13912342468');
  await chooseBuilding(page);
  await typeInto(page, '#unit', ' 2 ');
  await typeInto(page, '#room', '502 ');
}

describe('resident registration', () => {
  it('starts at the street, the only district chosen without asking', async () => {
    const server = serve();
    const page = await openPage(REGISTER);

    expect(textsOf(page, '#building', '.bp-level')).toEqual(['街道']);
    expect(textsOf(page, '#building', '.bp-placeholder')).toEqual(['请选择街道']);
    expect(server.callsOf('org.directory')).toEqual([{}, { parentId: DIRECTORY[''][0].id }]);
  });

  it('says above the button that submitting agrees to the privacy guide, which opens from there', async () => {
    const server = serve();
    const page = await openPage(REGISTER);
    expect(textOf(page, '#privacy-notice')).toBe(SUBMIT_NOTICE);
    expect(await noticeOpensContract(page, server)).toBe(true);
  });

  it('walks down to the building, one list at a time', async () => {
    const server = serve();
    const page = await openPage(REGISTER);
    await chooseBuilding(page);

    expect(textsOf(page, '#building', '.bp-chosen')).toEqual(['城关街道', '东关社区', '幸福小区', '3号楼']);
    expect(server.callsOf('org.directory')).toHaveLength(5);
  });

  it('explains a bad phone number or name under the field once it is left', async () => {
    serve();
    const page = await openPage(REGISTER);

    await typeInto(page, '#phone', '1381234', { leave: false });
    expect(isShown(page, '#phone-error')).toBe(false);
    await typeInto(page, '#phone', '1381234');
    expect(textOf(page, '#phone-error')).toBe('手机号应为 11 位数字');

    await typeInto(page, '#phone', '12812345678');
    expect(textOf(page, '#phone-error')).toBe('请填写正确的手机号（1 开头）');

    await typeInto(page, '#name', '王');
    expect(textOf(page, '#name-error')).toBe('姓名应为 2–20 个字');

    // Corrected while typing: the message goes as soon as the value is right.
    await typeInto(page, '#phone', '13812345678', { leave: false });
    await typeInto(page, '#name', '王芳', { leave: false });
    expect(isShown(page, '#phone-error')).toBe(false);
    expect(isShown(page, '#name-error')).toBe(false);
  });

  it('keeps submit disabled until everything is filled in and valid', async () => {
    const server = serve();
    const page = await openPage(REGISTER);

    expect(submitDisabled(page)).toBe(true);
    expect(textOf(page, '#submit-hint')).toBe('请把以上内容填写完整');
    expect(await tap(page, '#submit')).toBe(false);

    await typeInto(page, '#name', '王秀兰');
    await typeInto(page, '#phone', '13912342468');
    await typeInto(page, '#unit', '2');
    await typeInto(page, '#room', '502');
    expect(submitDisabled(page)).toBe(true);

    await chooseBuilding(page);
    expect(submitDisabled(page)).toBe(false);
    expect(isShown(page, '#submit-hint')).toBe(false);

    await typeInto(page, '#room', '');
    expect(submitDisabled(page)).toBe(true);
    expect(textOf(page, '#room-error')).toBe('请填写房号');
    expect(server.callsOf('account.register')).toEqual([]);
  });

  it('submits once, trimmed, then goes back home', async () => {
    const reply = deferred<Profile>();
    const server = serve({ 'account.register': () => reply.promise });
    const page = await openPage(REGISTER);
    await fillIn(page);

    expect(await tap(page, '#submit')).toBe(true);
    expect(submitDisabled(page)).toBe(true);
    expect(textOf(page, '#submit')).toBe('正在提交…');
    expect(await tap(page, '#submit')).toBe(false);

    reply.resolve(RESIDENT_ME);
    await settle();

    expect(server.callsOf('account.register')).toEqual([{ name: '王秀兰', phone: '13912342468', buildingId: BUILDING_ID, unit: '2', room: '502' }]);
    expect(server.wx.showToast).toHaveBeenCalledWith({ title: '登记成功', icon: 'success' });
    expect(server.wx.navigateBack).toHaveBeenCalledTimes(1);
  });

  it('sends one request for a double tap that lands before the button re-renders', async () => {
    // On a phone setData reaches the view asynchronously, so two taps can both fire.
    const server = serve();
    const page = await openPage(REGISTER);
    await fillIn(page);

    const instance = page.instance as unknown as { onSubmit(): Promise<void> };
    await Promise.all([instance.onSubmit(), instance.onSubmit()]);
    expect(server.callsOf('account.register')).toHaveLength(1);
  });

  it('opens home afresh when there is no page to go back to', async () => {
    const server = serve();
    server.wx.navigateBack.mockImplementation((opts) => opts?.fail?.({ errMsg: 'navigateBack:fail cannot navigate back at first page.' }));
    const page = await openPage(REGISTER);
    await fillIn(page);
    await tap(page, '#submit');
    expect(server.wx.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/home' });
  });

  it('shows the server’s complaint about the phone under the phone field', async () => {
    const server = serve({
      'account.register': () => {
        throw failure('INVALID_ARGUMENT', '该手机号已被其他住户登记', { field: 'data.phone' });
      },
    });
    const page = await openPage(REGISTER);
    await fillIn(page);
    await tap(page, '#submit');

    expect(textOf(page, '#phone-error')).toBe('该手机号已被其他住户登记');
    expect(isShown(page, '#form-error')).toBe(false);
    expect(isShown(page, '#name-error')).toBe(false);
    expect(submitDisabled(page)).toBe(true);
    expect(server.wx.navigateBack).not.toHaveBeenCalled();

    await typeInto(page, '#phone', '13912342469', { leave: false });
    expect(isShown(page, '#phone-error')).toBe(false);
    expect(submitDisabled(page)).toBe(false);
  });

  it('shows an error that names no field above the button', async () => {
    serve({
      'account.register': () => {
        throw failure('FAILED_PRECONDITION', '该楼栋暂未开放登记，请联系社区');
      },
    });
    const page = await openPage(REGISTER);
    await fillIn(page);
    await tap(page, '#submit');

    expect(textOf(page, '#form-error')).toBe('该楼栋暂未开放登记，请联系社区');
    expect(submitDisabled(page)).toBe(false);
  });

  it('says when a street has no buildings yet, and changing a step asks for the building again', async () => {
    serve();
    const page = await openPage(REGISTER);
    await chooseBuilding(page);
    await typeInto(page, '#name', '王秀兰');
    await typeInto(page, '#phone', '13912342468');
    await typeInto(page, '#unit', '2');
    await typeInto(page, '#room', '502');
    expect(submitDisabled(page)).toBe(false);

    await choose(page, ['#building', '#bp-row-1'], 1);
    expect(textOf(page, '#building', '#bp-empty')).toBe('该街道下暂无楼栋信息，请联系社区工作人员');
    expect(textsOf(page, '#building', '.bp-level')).toEqual(['街道']);
    expect(submitDisabled(page)).toBe(true);
  });

  it('ignores a slow list for a street the resident has moved away from', async () => {
    const slow = deferred<ActionResponse<'org.directory'>>();
    const streetId = DIRECTORY[DIRECTORY[''][0].id][0].id;
    serve({ 'org.directory': (req) => (req.parentId === streetId ? slow.promise : directory(req)) });
    const page = await openPage(REGISTER);

    await choose(page, ['#building', '#bp-row-1'], 0); // 城关街道: its communities are slow to come
    await choose(page, ['#building', '#bp-row-1'], 1); // 大赵峪街道: nothing under it
    slow.resolve(directory({ parentId: streetId }));
    await settle();

    expect(textsOf(page, '#building', '.bp-level')).toEqual(['街道']);
    expect(textsOf(page, '#building', '.bp-chosen')).toEqual(['大赵峪街道']);
    expect(textOf(page, '#building', '#bp-empty')).toBe('该街道下暂无楼栋信息，请联系社区工作人员');
  });

  it('lets the resident retry when a list fails to load', async () => {
    const server = serve();
    server.offline = true;
    const page = await openPage(REGISTER);
    expect(textOf(page, '#building', '#bp-error')).toBe('无法连接服务器，请检查网络后重试');

    server.offline = false;
    await tap(page, '#building', '#bp-retry');
    expect(isShown(page, '#building', '#bp-error')).toBe(false);
    expect(textsOf(page, '#building', '.bp-level')).toEqual(['街道']);
  });

  describe('opened from a building’s poster (楼栋海报码)', () => {
    // Org ids grow from their parent's (server/org/tree.ts), as the poster's scene relies on.
    const node = (id: string, name: string, level: 'district' | 'street' | 'community' | 'compound' | 'building', childCount = 1) => ({
      id,
      name,
      level,
      childCount,
    });
    const TREE: Record<string, ActionResponse<'org.directory'>['items']> = {
      '': [node('sz', '商州区', 'district')],
      sz: [node('sz-s1', '城关街道', 'street'), node('sz-s2', '大赵峪街道', 'street')],
      'sz-s1': [node('sz-s1-c01', '东店社区', 'community')],
      'sz-s1-c01': [node('sz-s1-c01-x01', '威尼斯水城', 'compound', 2)],
      'sz-s1-c01-x01': [node('sz-s1-c01-x01-b01', '1号楼', 'building', 0), node('sz-s1-c01-x01-b02', '2号楼', 'building', 0)],
    };
    const tree = ({ parentId }: { parentId?: string }) => ({ items: TREE[parentId ?? ''] ?? [] });

    it('chooses the compound and building the scene names; the resident fills in the rest', async () => {
      const server = serve({ 'org.directory': tree });
      const page = await openPage(REGISTER, { scene: encodeURIComponent('sz-s1-c01-x01-b02') });
      expect(textsOf(page, '#building', '.bp-chosen')).toEqual(['城关街道', '东店社区', '威尼斯水城', '2号楼']);
      expect(isShown(page, '#scene-error')).toBe(false);
      await typeInto(page, '#name', '王秀兰');
      await typeInto(page, '#phone', '13912342468');
      await typeInto(page, '#unit', '2');
      await typeInto(page, '#room', '502');
      await tap(page, '#submit');
      expect(server.callsOf('account.register')).toEqual([expect.objectContaining({ buildingId: 'sz-s1-c01-x01-b02' })]);
    });

    it('says in Chinese when the building is not there, and leaves the choice to the resident', async () => {
      serve({ 'org.directory': tree });
      const page = await openPage(REGISTER, { scene: 'sz-s1-c01-x01-b09' });
      expect(textOf(page, '#scene-error')).toBe('海报码上的楼栋没有找到（可能已调整），请在下面自己选择所住楼栋');
      expect(textsOf(page, '#building', '.bp-chosen')).toEqual(['城关街道', '东店社区', '威尼斯水城']);
      await choose(page, ['#building', '#bp-row-4'], 0);
      expect(textsOf(page, '#building', '.bp-chosen')).toEqual(['城关街道', '东店社区', '威尼斯水城', '1号楼']);
    });

    it('says in Chinese when the code cannot be read, and starts at the street', async () => {
      serve({ 'org.directory': tree });
      const page = await openPage(REGISTER, { scene: encodeURIComponent('楼栋?x=1') });
      expect(textOf(page, '#scene-error')).toBe('没能识别海报上的小程序码，请在下面自己选择所住楼栋');
      expect(textsOf(page, '#building', '.bp-placeholder')).toEqual(['请选择街道']);
    });
  });
});
