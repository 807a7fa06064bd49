/**
 * Which compound a secretary page works on: the compounds where the caller is secretary
 * (from `account.me`), a picker only when there are several. Fires `compoundchange` with
 * `{ compoundId, compoundName }` once the first is known and on every change; shows its own
 * loading, error (with retry) and "no rights" states.
 */
import { call } from '../../services/api';
import { toCallError } from '../../services/errors';
import type { CompoundChoice } from '../../utils/roles';
import { compoundsOf } from '../../utils/roles';

export interface CompoundChange {
  compoundId: string;
  compoundName: string;
}

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'none' | 'ready',
    error: '',
    compounds: [] as CompoundChoice[],
    names: [] as string[],
    index: 0,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ status: 'loading', error: '' });
      try {
        const me = await call('account.me', {});
        const compounds = compoundsOf(me.grants, ['secretary']);
        if (!compounds.length) {
          this.setData({ status: 'none' });
          return;
        }
        this.setData({ status: 'ready', compounds, names: compounds.map((c) => c.name), index: 0 });
        this.emit(0);
      } catch (err) {
        this.setData({ status: 'error', error: toCallError(err).message });
      }
    },

    emit(index: number) {
      const compound = this.data.compounds[index];
      if (!compound) return;
      const detail: CompoundChange = { compoundId: compound.id, compoundName: compound.name };
      this.triggerEvent('compoundchange', detail);
    },

    onPick(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      if (index === this.data.index || !this.data.compounds[index]) return;
      this.setData({ index });
      this.emit(index);
    },

    onRetry() {
      void this.load();
    },
  },
});
