/**
 * Publishing a notice (staff, admins, secretaries). The scope is a node where the caller
 * publishes (from `account.me`) or, drilling down with `org.tree { parentId }`, one below it.
 * Title, body, level (普通/重要/紧急), audience (全体/居民/志愿者/工作人员), 需要确认 and an
 * optional last day. Each text field is checked once left and re-checked while corrected; 发布
 * checks everything, asks for confirmation (a notice reaches many people and cannot be taken
 * back) and sends one `notice.publish`; sending the same notice again (a lost reply) reuses its
 * request id, so the server makes it once. The server's complaint about a field appears under
 * it; on success the page is replaced by the notice's progress.
 */
import type { ActionRequest, PageResult } from '../../../../typings/api';
import type { OrgNode } from '../../../../typings/domain';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { shanghaiDate } from '../../../shared/time';
import { confirmDialog } from '../../../utils/dialog';
import type { Tap } from '../../../utils/events';
import { fieldPatch } from '../../../utils/form';
import { newRequestId } from '../../../services/subscribe';
import { ROUTES } from '../../../utils/routes';
import type { PagedData } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { pageState } from '../../../utils/page-state';
import { progressUrl } from '../progress/progress-view';
import type { PublishErrors, PublishForm, ScopeNode, ScopeRoot, TextField } from './publish-form';
import {
  AUDIENCES,
  EMPTY_FORM,
  NOTICE_LEVELS,
  NO_ERRORS,
  TEXT_VALIDATORS,
  confirmText,
  publishErrors,
  publishFieldOf,
  publishRequest,
  publishRoots,
  scopeNode,
} from './publish-form';

type Status = 'loading' | 'error' | 'none' | 'ready';

/** What a page instance keeps outside `data`: the last request sent, and its id. */
const runtimeOf = pageState<{ last?: { key: string; requestId: string } }>(() => ({}));

const CHILDREN_PAGE = 50;

Component({
  data: {
    status: 'loading' as Status,
    loadError: '',
    roots: [] as ScopeRoot[],
    rootNames: [] as string[],
    rootIndex: 0,
    /** From the chosen root down to the scope: the last node is where the notice goes. */
    trail: [] as ScopeNode[],
    scopeLabel: '',
    picking: false,
    children: emptyPage<ScopeNode>() as PagedData<ScopeNode>,
    levels: NOTICE_LEVELS,
    audiences: AUDIENCES,
    form: EMPTY_FORM as PublishForm,
    errors: NO_ERRORS as PublishErrors,
    /** The first day that can be chosen as the last one: today in Shanghai. */
    today: '',
    busy: false,
    /** A server error that names no field shown here. */
    formError: '',
  },

  methods: {
    onLoad() {
      this.setData({ today: shanghaiDate(clock.now()) });
      void this.loadRoots();
    },

    async loadRoots() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const me = await call('account.me', {});
        const roots = publishRoots(me.grants);
        if (!roots.length) {
          this.setData({ status: 'none' });
          return;
        }
        this.setData({ status: 'ready', roots, rootNames: roots.map((r) => r.path), rootIndex: 0 });
        this.setTrail([roots[0]]);
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    /* ───────────── scope ───────────── */

    setTrail(trail: ScopeNode[]) {
      const last = trail[trail.length - 1];
      this.setData({ trail, scopeLabel: trail.map((n) => n.name).join(' / '), 'errors.scope': '' });
      if (this.data.picking) void this.loadChildren(last);
    },

    /** The children of `parent` (not asked for when it has none; a reply for a node left meanwhile is dropped). */
    loadChildren(parent: ScopeNode, more = false) {
      const fetch = (cursor?: string): Promise<PageResult<OrgNode>> =>
        parent.childCount === 0
          ? Promise.resolve({ items: [] })
          : call('org.tree', { parentId: parent.id, limit: CHILDREN_PAGE, ...(cursor ? { cursor } : {}) });
      return loadPage(this, { key: 'children', view: scopeNode, fetch }, more);
    },

    onRoot(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      const root = this.data.roots[index];
      if (!root || index === this.data.rootIndex) return;
      this.setData({ rootIndex: index });
      this.setTrail([root]);
    },

    onPickScope() {
      this.setData({ picking: !this.data.picking });
      if (this.data.picking) this.setTrail(this.data.trail);
    },

    onChildScope(e: Tap<{ id: string }>) {
      const node = this.data.children.items.find((n) => n.id === e.currentTarget.dataset.id);
      if (node) this.setTrail([...this.data.trail, node]);
    },

    onScopeUp() {
      if (this.data.trail.length > 1) this.setTrail(this.data.trail.slice(0, -1));
    },

    onMoreChildren() {
      const trail = this.data.trail;
      void this.loadChildren(trail[trail.length - 1], true);
    },

    /* ───────────── the form ───────────── */

    /** Typing into or leaving the title or the body. */
    onText(e: WechatMiniprogram.Input<Record<string, never>, { field: TextField }>) {
      this.setData({ ...fieldPatch({ form: 'form', errors: 'errors' }, TEXT_VALIDATORS, this.data.errors, e.currentTarget.dataset.field, e), formError: '' });
    },

    onLevel(e: Tap<{ key: PublishForm['level'] }>) {
      this.setData({ 'form.level': e.currentTarget.dataset.key, 'errors.level': '' });
    },

    onAudience(e: Tap<{ key: PublishForm['audience'] }>) {
      this.setData({ 'form.audience': e.currentTarget.dataset.key, 'errors.audience': '' });
    },

    onRequireAck(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'form.requireAck': Boolean(e.detail.value) });
    },

    onExpiry(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.expiry': String(e.detail.value), 'errors.expiry': '' });
    },

    onNoExpiry() {
      this.setData({ 'form.expiry': '', 'errors.expiry': '' });
    },

    async onSubmit() {
      if (this.data.busy || this.data.status !== 'ready') return;
      const { form, trail } = this.data;
      const scope = trail[trail.length - 1];
      const errors = publishErrors(form, scope?.id ?? '', clock.now());
      this.setData({ errors, formError: '' });
      if (Object.values(errors).some(Boolean)) return;
      this.setData({ busy: true });
      if (!(await confirmDialog('确认发布', confirmText(scope.name, form), '发布', '再看看'))) {
        this.setData({ busy: false });
        return;
      }
      try {
        const notice = await call('notice.publish', this.withRequestId(publishRequest(form, scope.id)));
        this.setData({ busy: false });
        wx.showToast({ title: '已发布', icon: 'success' });
        wx.redirectTo({ url: progressUrl(notice, notice.scopeOrgId) });
      } catch (err) {
        const error = toCallError(err);
        const field = publishFieldOf(error.field);
        this.setData({ busy: false, ...(field ? { [`errors.${field}`]: error.message } : { formError: error.message }) });
      }
    },

    /**
     * The same notice sent again (its reply lost, the network down) carries the same request id,
     * so the server makes it once; anything changed makes it another notice.
     */
    withRequestId(req: ActionRequest<'notice.publish'>): ActionRequest<'notice.publish'> {
      const rt = runtimeOf(this);
      const key = JSON.stringify(req);
      if (rt.last?.key !== key) rt.last = { key, requestId: newRequestId() };
      return { ...req, requestId: rt.last.requestId };
    },

    onRetry() {
      void this.loadRoots();
    },

    onSent() {
      wx.navigateTo({ url: ROUTES.noticeProgress });
    },
  },
});
