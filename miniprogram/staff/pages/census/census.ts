/**
 * 健康与摸底 (secretary, staff, admin): where the caller works — or the node a tap brought them
 * to — its census completeness and today's reported / expected / abnormal, then each child the
 * same way; a tap on a child goes one level down, and a building opens 本楼居民.
 */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { NodeRow } from './census-view';
import { nodeRows, startNode, totalLines } from './census-view';
import { reloads } from '../../../utils/reloads';

type Status = 'loading' | 'error' | 'none' | 'ready';

const runtimeOf = pageState<{ orgId: string }>(() => ({ orgId: '' }));

Component({
  behaviors: [reloads],

  data: {
    status: 'loading' as Status,
    loadError: '',
    name: '',
    day: '',
    total: { census: '', health: '', abnormal: '' },
    rows: [] as NodeRow[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      runtimeOf(this).orgId = query.orgId ? decodeURIComponent(query.orgId) : '';
      void this.load();
    },

    async load() {
      const rt = runtimeOf(this);
      if (!this.data.name) this.setData({ status: 'loading', loadError: '' });
      try {
        if (!rt.orgId) {
          const me = await call('account.me', {});
          rt.orgId = startNode(me.grants) ?? '';
          if (!rt.orgId) {
            this.setData({ status: 'none' });
            return;
          }
        }
        const [census, health] = await Promise.all([call('census.summary', { orgId: rt.orgId }), call('health.summary', { orgId: rt.orgId })]);
        this.setData({ status: 'ready', name: census.total.name, day: health.day, total: totalLines(census, health), rows: nodeRows(census, health) });
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    onOpen(e: Tap<{ url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
  },
});
