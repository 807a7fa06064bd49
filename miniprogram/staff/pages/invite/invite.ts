/**
 * 邀请成员 (staff, admins): choose a node by drilling down from one's own (`org.tree { parentId }`,
 * a breadcrumb back up, 选择此处), then a role it may be given there, and get a one-time code
 * (`account.invite`) to hand to the person, who types it on the 激活码 page. The code shows large,
 * in groups of five, with what it makes its holder, when it stops working and how to use it.
 *
 * One invitation keeps one request id: a tap retried after a lost reply reuses it, so the server
 * makes the same invitation (with a fresh code: the one never seen stops working); another node,
 * another role or 再邀请一位 is another invitation with a new id.
 */
import type { PageResult } from '../../../../typings/api';
import type { GrantView, OrgNode } from '../../../../typings/domain';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { privacyRefusal } from '../../../services/privacy';
import type { ApiFailure } from '../../../services/privacy';
import { newRequestId } from '../../../services/subscribe';
import type { Tap } from '../../../utils/events';
import type { PagedData } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { pageState } from '../../../utils/page-state';
import type { PickNode, RoleChoice } from './invite-view';
import { REDEEM_STEPS, codeGroups, expiryText, inviteFieldOf, inviteRoots, inviteTitle, pickNode, roleChoices } from './invite-view';

type Status = 'loading' | 'error' | 'none' | 'ready';
type Step = 'node' | 'role' | 'done';

/** What a page instance keeps outside `data`: the caller's grants, and the invitation being made. */
const runtimeOf = pageState<{ grants: GrantView[]; pending?: { key: string; requestId: string } }>(() => ({ grants: [] }));

const CHILDREN_PAGE = 50;
const NO_ERRORS = { node: '', role: '' };

Component({
  data: {
    status: 'loading' as Status,
    loadError: '',
    step: 'node' as Step,
    /** The nodes where the caller invites; with more than one, the breadcrumb starts at 全部. */
    roots: [] as PickNode[],
    /** From a root down to the node looked at (empty: choosing among several roots). */
    trail: [] as PickNode[],
    children: emptyPage<PickNode>() as PagedData<PickNode>,
    /** The roles the node looked at may be given by the caller. */
    hereRoles: [] as RoleChoice[],
    /** The node chosen with 选择此处, and its path ("东关社区 / 幸福小区"). */
    chosen: null as PickNode | null,
    chosenPath: '',
    roles: [] as RoleChoice[],
    role: '',
    errors: NO_ERRORS,
    /** A failure that names neither the node nor the role: no network, the server in trouble. */
    formError: '',
    busy: false,
    steps: REDEEM_STEPS,
    code: '',
    codeGroups: [] as string[],
    title: '',
    expiry: '',
    copyError: '',
  },

  methods: {
    onLoad() {
      void this.loadRoots();
    },

    async loadRoots() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const me = await call('account.me', {});
        runtimeOf(this).grants = me.grants;
        const roots = inviteRoots(me.grants);
        if (!roots.length) {
          this.setData({ status: 'none' });
          return;
        }
        this.setData({ status: 'ready', roots });
        this.setTrail(roots.length === 1 ? roots : []);
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    onRetry() {
      void this.loadRoots();
    },

    /* ───────────── choosing the node ───────────── */

    setTrail(trail: PickNode[]) {
      const here = trail[trail.length - 1];
      this.setData({ trail, hereRoles: here ? roleChoices(runtimeOf(this).grants, here) : [] });
      void this.loadChildren(here);
    },

    /** The children of `parent`, or the roots with none (a reply for a node left meanwhile is dropped). */
    loadChildren(parent: PickNode | undefined, more = false) {
      const fetch = (cursor?: string): Promise<PageResult<PickNode | OrgNode>> => {
        if (!parent) return Promise.resolve({ items: this.data.roots });
        if (parent.childCount === 0) return Promise.resolve({ items: [] });
        return call('org.tree', { parentId: parent.id, limit: CHILDREN_PAGE, ...(cursor ? { cursor } : {}) });
      };
      return loadPage(this, { key: 'children', view: pickNode, fetch }, more);
    },

    onChild(e: Tap<{ id: string }>) {
      const node = this.data.children.items.find((n) => n.id === e.currentTarget.dataset.id);
      if (node) this.setTrail([...this.data.trail, node]);
    },

    /** A breadcrumb: back up to that node (-1: the list of roots). */
    onCrumb(e: Tap<{ index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      if (index < this.data.trail.length - 1) this.setTrail(this.data.trail.slice(0, index + 1));
    },

    onMoreChildren() {
      const { trail } = this.data;
      if (trail.length) void this.loadChildren(trail[trail.length - 1], true);
    },

    onRetryChildren() {
      this.setTrail(this.data.trail);
    },

    onChooseHere() {
      const { trail, hereRoles } = this.data;
      const here = trail[trail.length - 1];
      if (!here || !hereRoles.length) return;
      const only = hereRoles.length === 1 ? hereRoles[0].role : '';
      this.setData({
        step: 'role',
        chosen: here,
        chosenPath: trail.map((n) => n.name).join(' / '),
        roles: hereRoles,
        role: only,
        errors: NO_ERRORS,
        formError: '',
      });
    },

    onChangeNode() {
      if (this.data.busy) return;
      this.setData({ step: 'node', errors: NO_ERRORS, formError: '' });
    },

    /* ───────────── the role, and the code ───────────── */

    onRole(e: Tap<{ role: string }>) {
      if (this.data.busy) return;
      this.setData({ role: e.currentTarget.dataset.role, 'errors.role': '', formError: '' });
    },

    async onGenerate() {
      const { chosen, role, busy } = this.data;
      if (busy || !chosen) return;
      const choice = this.data.roles.find((r) => r.role === role);
      if (!choice) {
        this.setData({ 'errors.role': '请选择要邀请的角色' });
        return;
      }
      this.setData({ busy: true, errors: NO_ERRORS, formError: '' });
      try {
        const invite = await call('account.invite', { role: choice.role, orgId: chosen.id, requestId: this.requestIdFor(`${choice.role}@${chosen.id}`) });
        this.setData({
          busy: false,
          step: 'done',
          code: invite.code,
          codeGroups: codeGroups(invite.code),
          title: inviteTitle(invite.orgName, invite.role),
          expiry: expiryText(invite.expiresAt),
          copyError: '',
        });
      } catch (err) {
        const error = toCallError(err);
        const field = inviteFieldOf(error.field);
        const message = error.code === 'NETWORK' ? '无法连接服务器，邀请码还没有生成。请检查网络后再点「生成邀请码」' : error.message;
        this.setData({ busy: false, ...(field ? { [`errors.${field}`]: message } : { formError: message }) });
      }
    },

    /** The request id of the invitation for `key` (role@node): the same until another is begun. */
    requestIdFor(key: string): string {
      const rt = runtimeOf(this);
      if (rt.pending?.key !== key) rt.pending = { key, requestId: newRequestId() };
      return rt.pending.requestId;
    },

    onCopy() {
      this.setData({ copyError: '' });
      wx.setClipboardData({
        data: this.data.code,
        // WeChat itself says 内容已复制.
        fail: (err: ApiFailure) => {
          const refused = privacyRefusal(err);
          const why = refused === 'not-agreed' ? '未同意隐私保护指引，无法复制' : '复制没有成功';
          this.setData({ copyError: `${why}，请把上面的邀请码抄给对方` });
        },
      });
    },

    /** Another invitation: a new request id, back to the node last looked at. */
    onAgain() {
      runtimeOf(this).pending = undefined;
      this.setData({ step: 'node', role: '', chosen: null, code: '', codeGroups: [], title: '', expiry: '', copyError: '', errors: NO_ERRORS, formError: '' });
    },
  },
});
