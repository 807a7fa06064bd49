/**
 * What the rota page and its editors share (a behavior): the compound, which view is up, one
 * day's posts and shifts as blocks, coverage now — loaded, kept and rendered here.
 */
import type { PostView, ShiftView } from '../../../../typings/duty';
import { call } from '../../../services/api';
import * as clock from '../../../services/clock';
import { allShifts } from '../../../services/duty-shifts';
import { toCallError } from '../../../services/errors';
import { pageState } from '../../../utils/page-state';
import type { CoverageSummary, DayChip, PostBlock, SuggestionRow } from './rota-view';
import { coverageSummary, postBlocks } from './rota-view';

/** The rota itself, 生成排班, or the post editor. */
export type Mode = 'rota' | 'generate' | 'post';

/** What a page instance keeps outside `data`: the server's views the blocks are made from. */
interface Runtime {
  posts: PostView[];
  /** The shifts of the day shown. */
  shifts: ShiftView[];
  /** Replies for a day or compound left meanwhile are dropped. */
  seq: number;
  /** One change to a shift's crew at a time. */
  acting: boolean;
}

export const runtimeOf = pageState<Runtime>(() => ({ posts: [], shifts: [], seq: 0, acting: false }));

export const CLOSED_SUGGEST = { shiftId: '', loading: false, error: '', items: [] as SuggestionRow[], busy: '' };

export const dayRota = Behavior({
  data: {
    compoundId: '',
    mode: 'rota' as Mode,
    /** Today in Shanghai, when the page opened. */
    today: '',
    days: [] as DayChip[],
    day: '',
    blocks: [] as PostBlock[],
    rotaLoading: false,
    rotaError: '',
    coverage: null as CoverageSummary | null,
    coverageError: '',
    /** After a generation: what it did. */
    info: '',
    /** The suggestions for staffing one shift (closed: no shiftId). */
    suggest: CLOSED_SUGGEST,
  },

  methods: {
    async loadCoverage() {
      const compoundId = this.data.compoundId;
      if (!compoundId) return;
      try {
        const report = await call('duty.coverage', { orgId: compoundId });
        if (compoundId === this.data.compoundId) this.setData({ coverage: coverageSummary(report), coverageError: '' });
      } catch (err) {
        if (compoundId === this.data.compoundId) this.setData({ coverageError: toCallError(err).message });
      }
    },

    /** The posts (once per compound, or again when asked) and the day's shifts. */
    async loadDay(withPosts = false) {
      const { compoundId, day } = this.data;
      if (!compoundId) return;
      const rt = runtimeOf(this);
      const seq = ++rt.seq;
      this.setData({ rotaLoading: true, rotaError: '', suggest: CLOSED_SUGGEST });
      try {
        const [posts, shifts] = await Promise.all([
          withPosts || !rt.posts.length ? call('duty.posts', { compoundId }).then((r) => r.items) : Promise.resolve(rt.posts),
          allShifts({ compoundId, day, days: 1 }),
        ]);
        if (seq !== rt.seq) return;
        rt.posts = posts;
        rt.shifts = shifts;
        this.setData({ rotaLoading: false });
        this.render();
      } catch (err) {
        if (seq === rt.seq) this.setData({ rotaLoading: false, rotaError: toCallError(err).message });
      }
    },

    render() {
      const rt = runtimeOf(this);
      this.setData({ blocks: postBlocks(rt.posts, rt.shifts, clock.now()) });
    },

    /** A shift changed on the server: shown at once, coverage asked again. */
    shiftChanged(shift: ShiftView) {
      const rt = runtimeOf(this);
      rt.shifts = rt.shifts.map((s) => (s.id === shift.id ? shift : s));
      this.render();
      void this.loadCoverage();
    },
  },
});
