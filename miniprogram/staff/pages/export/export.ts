/**
 * 导出台账 (secretary, staff, admin): choose a ledger, the node (one's own by default, or `?orgId=`
 * from a dashboard) and the days (the last 7 by default), 生成 — the server writes the .xlsx and
 * answers its rows, size and a 10-minute link — then 打开 (downloaded and opened in WeChat, with its
 * menu to forward it) or 复制链接. Below: my exports still kept, each with a fresh link.
 *
 * One export keeps one request id: a tap retried after a lost reply reuses it, so the server
 * answers the same file; changing anything is another export.
 */
import type { ExportKind } from '../../../../typings/export';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { privacyRefusal } from '../../../services/privacy';
import type { ApiFailure } from '../../../services/privacy';
import { newRequestId } from '../../../services/subscribe';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { ExportItem, NodeChoice } from './export-view';
import { defaultRange, exportItem, exportNodes } from './export-view';

type Status = 'loading' | 'error' | 'none' | 'ready';
type Picked = { detail: { value: string | number } };

/** `linked`: the node the link named (a dashboard's), kept for 重试; `pending`: the export being made and its request id. */
const runtimeOf = pageState<{ linked?: string; pending?: { key: string; requestId: string } }>(() => ({}));

/** A node named by the link, until the server says what it is called. */
const LINKED = '所选组织';
Component({
  data: {
    status: 'loading' as Status,
    loadError: '',
    nodes: [] as NodeChoice[],
    nodeIndex: 0,
    kinds: [] as Array<{ kind: ExportKind; title: string }>,
    kindIndex: 0,
    from: '',
    to: '',
    busy: false,
    formError: '',
    result: null as ExportItem | null,
    items: [] as ExportItem[],
    message: '',
  },

  methods: {
    onLoad(options: { orgId?: string }) {
      runtimeOf(this).linked = options.orgId;
      void this.start();
    },

    async start() {
      const orgId = runtimeOf(this).linked;
      this.setData({ status: 'loading', loadError: '', ...defaultRange(clock.now()) });
      try {
        const me = await call('account.me', {});
        const nodes = exportNodes(me.grants);
        if (!nodes.length) {
          this.setData({ status: 'none' });
          return;
        }
        // A node named by the link (a dashboard's drill-down) comes first; the server checks it is within reach.
        const given = orgId && !nodes.some((n) => n.id === orgId) ? [{ id: orgId, label: LINKED }] : [];
        const all = [...given, ...nodes];
        this.setData({ nodes: all, nodeIndex: orgId ? all.findIndex((n) => n.id === orgId) : 0 });
        await this.loadList();
        this.setData({ status: 'ready' });
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    onRetry() {
      void this.start();
    },

    /** The kinds the caller may export at the chosen node, and their own recent exports. */
    async loadList() {
      const node = this.data.nodes[this.data.nodeIndex];
      const r = await call('export.list', { orgId: node.id });
      const kind = this.data.kinds[this.data.kindIndex]?.kind;
      const kindIndex = Math.max(
        0,
        r.kinds.findIndex((k) => k.kind === kind),
      );
      // A node the link named is labelled with its name once the server has answered for it.
      const nodes = r.org ? this.data.nodes.map((n) => (n.id === r.org!.id && n.label === LINKED ? { ...n, label: r.org!.name } : n)) : this.data.nodes;
      this.setData({ nodes, kinds: r.kinds, kindIndex, items: r.items.map(exportItem) });
    },

    onNode(e: Picked) {
      this.setData({ nodeIndex: Number(e.detail.value), result: null, formError: '' });
      void this.loadList().catch((err: unknown) => this.setData({ formError: toCallError(err).message }));
    },

    onKind(e: Picked) {
      this.setData({ kindIndex: Number(e.detail.value), result: null, formError: '' });
    },

    onFrom(e: Picked) {
      this.setData({ from: String(e.detail.value), result: null, formError: '' });
    },

    onTo(e: Picked) {
      this.setData({ to: String(e.detail.value), result: null, formError: '' });
    },

    async onCreate() {
      const { nodes, nodeIndex, kinds, kindIndex, from, to, busy } = this.data;
      const kind = kinds[kindIndex];
      if (busy || !kind) return;
      const req = { kind: kind.kind, orgId: nodes[nodeIndex].id, from, to };
      const key = JSON.stringify(req);
      const rt = runtimeOf(this);
      if (rt.pending?.key !== key) rt.pending = { key, requestId: newRequestId() };
      this.setData({ busy: true, formError: '', result: null, message: '' });
      try {
        const made = await call('export.create', { ...req, requestId: rt.pending.requestId });
        const item = exportItem(made);
        this.setData({ result: item, items: [item, ...this.data.items.filter((x) => x.id !== item.id)] });
      } catch (err) {
        this.setData({ formError: toCallError(err).message });
      } finally {
        this.setData({ busy: false });
      }
    },

    urlOf(id: string): string {
      return (this.data.result?.id === id ? this.data.result.url : '') || this.data.items.find((x) => x.id === id)?.url || '';
    },

    /** Downloads the file and opens it in WeChat's viewer, whose menu forwards or saves it. */
    onOpen(e: Tap<{ id: string }>) {
      const url = this.urlOf(e.currentTarget.dataset.id);
      if (!url) return;
      this.setData({ message: '正在下载…' });
      wx.downloadFile({
        url,
        success: (res) => {
          if (res.statusCode !== 200) {
            this.setData({ message: res.statusCode === 410 ? '链接已过期，请下拉刷新后再打开' : '下载没有成功，请稍后再试' });
            return;
          }
          this.setData({ message: '' });
          wx.openDocument({
            filePath: res.tempFilePath,
            fileType: 'xlsx',
            showMenu: true,
            fail: () => this.setData({ message: '无法打开表格，请用「复制链接」在电脑上下载' }),
          });
        },
        fail: () => this.setData({ message: '下载没有成功，请检查网络后再试' }),
      });
    },

    onCopy(e: Tap<{ id: string }>) {
      const url = this.urlOf(e.currentTarget.dataset.id);
      if (!url) return;
      this.setData({ message: '' });
      wx.setClipboardData({
        data: url,
        // WeChat itself says 内容已复制.
        success: () => this.setData({ message: '链接已复制，10 分钟内有效' }),
        fail: (err: ApiFailure) => {
          const refused = privacyRefusal(err);
          this.setData({ message: refused === 'not-agreed' ? '未同意隐私保护指引，无法复制链接' : '复制没有成功，请改用「打开」' });
        },
      });
    },

    onPullDownRefresh() {
      void this.loadList()
        .catch((err: unknown) => this.setData({ formError: toCallError(err).message }))
        .then(() => wx.stopPullDownRefresh());
    },
  },
});
