/**
 * 消毒情况 (secretary, staff, admin): today's disinfection compliance where the caller works
 * (`disinfect.compliance`): the totals, then each compound with its areas — missed first, in red —
 * so a secretary sees at a glance what is still to do. 刷新 (or pull down) asks again.
 */
import type { Role } from '../../../../typings/domain';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { pageState } from '../../../utils/page-state';
import type { CompoundBlock } from './disinfection-view';
import { blocksOf } from './disinfection-view';
import { reloads } from '../../../utils/reloads';

type Status = 'loading' | 'error' | 'none' | 'ready';

const OVERSEERS: readonly Role[] = ['secretary', 'staff', 'admin'];
const runtimeOf = pageState<{ orgId: string }>(() => ({ orgId: '' }));

Component({
  behaviors: [reloads],

  data: {
    status: 'loading' as Status,
    loadError: '',
    orgName: '',
    date: '',
    totalText: '',
    missedText: '',
    blocks: [] as CompoundBlock[],
    unset: 0,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      const rt = runtimeOf(this);
      if (!this.data.blocks.length) this.setData({ status: 'loading', loadError: '' });
      try {
        if (!rt.orgId) {
          const me = await call('account.me', {});
          const grant = me.grants.find((g) => OVERSEERS.includes(g.role) && g.orgLevel !== 'building');
          if (!grant) {
            this.setData({ status: 'none' });
            return;
          }
          rt.orgId = grant.orgId;
        }
        const report = await call('disinfect.compliance', { orgId: rt.orgId });
        this.setData({
          status: 'ready',
          orgName: report.orgName,
          date: report.date,
          totalText: `已完成 ${report.areasDone}/${report.areas} 处（${report.done}/${report.required} 次）`,
          missedText: report.missed ? `${report.missed} 处已过时限未完成` : '',
          blocks: blocksOf(report),
          unset: report.compounds.filter((c) => c.areas === 0).length,
        });
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },
  },
});
