/**
 * 本楼居民 (a building's leader; secretaries and staff arrive here from 健康与摸底 with the
 * building named): the census of the building — every room known, vacant or not yet visited, and
 * how complete it is — today's health reports with who has not reported (names as the server
 * masks them), 提醒未上报 (once per building per day: the page says when it was sent) and the
 * way to the building's cases.
 */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { pageState } from '../../../utils/page-state';
import { ROUTES } from '../../../utils/routes';
import type { MissingRow, RoomRow } from './building-view';
import { canRemind, censusLine, leaderBuilding, missingRows, peopleLine, remindedText, reportLine, roomRows } from './building-view';
import { reloads } from '../../../utils/reloads';

type Status = 'loading' | 'error' | 'none' | 'ready';

const runtimeOf = pageState<{ buildingId: string; busy: boolean }>(() => ({ buildingId: '', busy: false }));

Component({
  behaviors: [reloads],

  data: {
    status: 'loading' as Status,
    loadError: '',
    name: '',
    censusText: '',
    peopleText: '',
    rooms: [] as RoomRow[],
    day: '',
    reportText: '',
    missing: [] as MissingRow[],
    canRemind: false,
    remindedText: '',
    remindError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      runtimeOf(this).buildingId = query.buildingId ? decodeURIComponent(query.buildingId) : '';
      void this.load();
    },

    async load() {
      const rt = runtimeOf(this);
      if (!this.data.name) this.setData({ status: 'loading', loadError: '' });
      try {
        const me = await call('account.me', {});
        rt.buildingId ||= leaderBuilding(me.grants) ?? '';
        if (!rt.buildingId) {
          this.setData({ status: 'none' });
          return;
        }
        const [census, missing] = await Promise.all([
          call('census.building', { buildingId: rt.buildingId }),
          call('health.missing', { buildingId: rt.buildingId }),
        ]);
        this.setData({
          status: 'ready',
          name: census.name,
          censusText: censusLine(census.totals),
          peopleText: peopleLine(census.totals),
          rooms: roomRows(census.rooms),
          day: missing.day,
          reportText: reportLine(missing),
          missing: missingRows(missing),
          canRemind: canRemind(me.grants),
          remindedText: remindedText(missing.remindedAt),
          remindError: '',
        });
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    async onRemind() {
      const rt = runtimeOf(this);
      if (rt.busy || this.data.remindedText) return;
      rt.busy = true;
      this.setData({ remindError: '' });
      try {
        const res = await call('health.remind', { buildingId: rt.buildingId });
        if (res.alreadySent) {
          const again = await call('health.missing', { buildingId: rt.buildingId });
          this.setData({ remindedText: remindedText(again.remindedAt) || '今天已提醒过，每天只能提醒一次' });
        } else {
          this.setData({ remindedText: '今天已提醒过，每天只能提醒一次' });
          wx.showToast({ title: res.queued ? `已提醒 ${res.queued} 人` : '已提醒（暂无可推送的住户）', icon: 'none' });
        }
      } catch (err) {
        this.setData({ remindError: toCallError(err).message });
      } finally {
        rt.busy = false;
      }
    },

    onCases() {
      wx.navigateTo({ url: ROUTES.cases });
    },
  },
});
