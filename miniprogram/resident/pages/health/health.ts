/**
 * 每日健康上报: today's temperature and symptoms of everyone in the household. One tap reports the
 * whole household as normal with the readings shown (36.5 ℃ unless changed with − / +); a member
 * with symptoms gets them ticked and the household sends with 提交上报. Before the cutoff a report
 * may be sent again; after it the page says so. A household not yet recorded is sent to 我的家庭.
 */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { askConsent } from '../../../services/subscribe';
import { ROUTES } from '../../../utils/routes';
import { entriesOf, stepTemperature, toRows, type Row } from './health-view';

Component({
  data: {
    status: 'loading' as 'loading' | 'ready' | 'error' | 'nohousehold',
    errorMessage: '',
    day: '',
    cutoff: '',
    open: true,
    rows: [] as Row[],
    sending: false,
    sendError: '',
    done: '',
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const today = await call('health.today', {});
        if (!today.household.members.length) return this.setData({ status: 'nohousehold' });
        this.setData({ status: 'ready', day: today.day, cutoff: today.cutoff, open: today.open, rows: toRows(today.household.members, today.reports) });
      } catch (err) {
        this.setData({ status: 'error', errorMessage: toCallError(err).message });
      }
    },

    onStep(e: WechatMiniprogram.TouchEvent) {
      const { id, delta } = e.currentTarget.dataset as { id: number; delta: number };
      const rows = this.data.rows.map((r) => (r.memberId === Number(id) ? { ...r, temperature: stepTemperature(r.temperature, Number(delta)) } : r));
      this.setData({ rows, done: '' });
    },

    onSymptom(e: WechatMiniprogram.TouchEvent) {
      const { id, key } = e.currentTarget.dataset as { id: number; key: string };
      const rows = this.data.rows.map((r) =>
        r.memberId === Number(id) ? { ...r, symptoms: r.symptoms.map((s) => (s.key === key ? { ...s, on: !s.on } : s)) } : r,
      );
      this.setData({ rows, done: '' });
    },

    onAllNormal() {
      // In the tap: tomorrow's reminder from the building leader is a message this report makes expected.
      void askConsent(['healthReminder']);
      void this.send(true);
    },

    onSubmit() {
      void askConsent(['healthReminder']);
      void this.send(false);
    },

    async send(allNormal: boolean) {
      if (this.data.sending) return;
      this.setData({ sending: true, sendError: '', done: '' });
      try {
        const r = await call('health.report', { entries: entriesOf(this.data.rows, allNormal) });
        const abnormal = r.reports.filter((x) => x.abnormal).length;
        const members = this.data.rows.map((row) => ({ id: row.memberId, name: row.name }));
        this.setData({
          sending: false,
          rows: toRows(members as never, r.reports),
          done: abnormal
            ? `已上报 ${r.reports.length} 人，其中 ${abnormal} 人异常，已通知小区书记，请留在家中等待联系`
            : `已上报 ${r.reports.length} 人，全家正常`,
        });
      } catch (err) {
        this.setData({ sending: false, sendError: toCallError(err).message });
      }
    },

    onHousehold() {
      wx.navigateTo({ url: ROUTES.household });
    },

    onRetry() {
      void this.load();
    },
  },
});
