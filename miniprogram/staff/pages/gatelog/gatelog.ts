/**
 * Secretary: the compound's gate log (`gate.log`), newest first: today's allowed/denied counts and
 * residents let through by hand (人工登记), filters by kind, verdict, method and time (today in Shanghai / the last 24 hours), and each event with
 * the server's verdict, its reason, a mark where the gate phone had decided otherwise, and a
 * small note where the server doubts the gate phone's time for the event.
 */
import type { ActionResponse } from '../../../../typings/api';
import type { GateEventKind, GateEventView, Verdict } from '../../../../typings/pass';
import type { CompoundChange } from '../../../components/compound-picker/compound-picker';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import type { EventRowView } from '../../../services/gate-event-row';
import { eventRowView } from '../../../services/gate-event-row';
import { KIND_LABELS, VERDICT_LABELS } from '../../../services/gate-labels';
import { startOfShanghaiDay } from '../../../shared/time';
import type { Tap } from '../../../utils/events';
import type { PagedData, PagedSource } from '../../../utils/paged-list';
import { emptyPage, loadPage } from '../../../utils/paged-list';
import { reloads } from '../../../utils/reloads';

const PAGE_SIZE = 30;
const HOURS_24 = 24 * 60 * 60 * 1000;

type Range = 'today' | '24h';

interface Filter<K extends string> {
  key: K | '';
  label: string;
}

const any = <K extends string>(labels: Record<K, string>): Array<Filter<K>> => [
  { key: '', label: '全部' },
  ...(Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] })),
];

const FILTERS = {
  kind: any<GateEventKind>(KIND_LABELS),
  verdict: any<Verdict>(VERDICT_LABELS),
  method: [
    { key: '', label: '全部方式' },
    { key: 'manual', label: '人工登记' },
  ] as Array<Filter<'manual'>>,
  range: [
    { key: 'today', label: '今天' },
    { key: '24h', label: '近 24 小时' },
  ] as Array<Filter<Range>>,
};

type FilterName = keyof typeof FILTERS;

Component({
  behaviors: [reloads],

  data: {
    compoundId: '',
    filters: FILTERS,
    kind: '' as GateEventKind | '',
    verdict: '' as Verdict | '',
    method: '' as 'manual' | '',
    range: 'today' as Range,
    today: { allow: 0, deny: 0, manual: 0 },
    log: emptyPage<EventRowView>() as PagedData<EventRowView>,
  },

  methods: {
    onCompound(e: WechatMiniprogram.CustomEvent<CompoundChange>) {
      this.setData({ compoundId: e.detail.compoundId });
      void this.load();
    },

    onFilter(e: Tap<{ name: FilterName; value: string }>) {
      const { name, value } = e.currentTarget.dataset;
      this.setData({ [name]: value });
      void this.load();
    },

    source(): PagedSource<GateEventView, EventRowView, ActionResponse<'gate.log'>> {
      const { compoundId, kind, verdict, method, range } = this.data;
      const now = clock.now();
      const from = range === 'today' ? startOfShanghaiDay(now) : now - HOURS_24;
      return {
        key: 'log',
        view: (event) => eventRowView(event, 'server'),
        fetch: (cursor) =>
          call('gate.log', {
            compoundId,
            from,
            limit: PAGE_SIZE,
            ...(kind ? { kind } : {}),
            ...(verdict ? { verdict } : {}),
            ...(method ? { method } : {}),
            ...(cursor ? { cursor } : {}),
          }),
        onFirst: (reply) => this.setData({ today: reply.today }),
      };
    },

    async load() {
      if (this.data.compoundId) await loadPage(this, this.source());
    },

    onMore() {
      void loadPage(this, this.source(), true);
    },
  },
});
