/**
 * Choosing the gate on the scan page (a behavior): the compounds where the caller keeps a gate
 * (volunteer or secretary), then one of its gates; the choice is remembered on the phone and
 * handed to the page's `usePost`.
 */
import type { GateView } from '../../../../typings/pass';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import type { Post } from '../../../services/gate-post';
import { savePost } from '../../../services/gate-post';
import type { CompoundChoice } from '../../../utils/roles';
import { compoundsOf } from '../../../utils/roles';

/** What the page that uses this behavior provides. */
interface PostUser {
  usePost(post: Post): void;
}

export const gatePicking = Behavior({
  data: {
    status: 'loading' as 'loading' | 'choose' | 'ready' | 'error',
    errorMessage: '',
    post: null as Post | null,
    compounds: [] as CompoundChoice[],
    compoundNames: [] as string[],
    compoundIndex: -1,
    gates: [] as GateView[],
    gateNames: [] as string[],
    chooseLoading: false,
    chooseError: '',
  },

  methods: {
    async loadChoices() {
      this.setData({ status: this.data.post ? 'choose' : 'loading', chooseLoading: true, chooseError: '' });
      try {
        const me = await call('account.me', {});
        const compounds = compoundsOf(me.grants, ['volunteer', 'secretary']);
        if (!compounds.length) {
          this.setData({ status: 'error', errorMessage: '您还没有门岗值守的权限，请联系小区书记', chooseLoading: false });
          return;
        }
        this.setData({ status: 'choose', compounds, compoundNames: compounds.map((c) => c.name) });
        const current = compounds.findIndex((c) => c.id === this.data.post?.compoundId);
        await this.loadGates(current >= 0 ? current : compounds.length === 1 ? 0 : -1);
      } catch (err) {
        this.setData({ status: 'choose', chooseLoading: false, chooseError: toCallError(err).message });
      }
    },

    async loadGates(index: number) {
      const compound = this.data.compounds[index];
      this.setData({ compoundIndex: index, gates: [], gateNames: [], chooseLoading: Boolean(compound), chooseError: '' });
      if (!compound) return;
      try {
        const { items } = await call('gate.list', { compoundId: compound.id });
        if (this.data.compoundIndex !== index) return;
        this.setData({ chooseLoading: false, gates: items, gateNames: items.map((g) => g.name) });
        if (!items.length) this.setData({ chooseError: '该小区还没有设置门岗，请联系小区书记' });
        else if (items.length === 1 && !this.data.post) this.choosePost(compound, items[0]);
      } catch (err) {
        if (this.data.compoundIndex === index) this.setData({ chooseLoading: false, chooseError: toCallError(err).message });
      }
    },

    onCompoundPick(e: WechatMiniprogram.PickerChange) {
      void this.loadGates(Number(e.detail.value));
    },

    onGatePick(e: WechatMiniprogram.PickerChange) {
      const gate = this.data.gates[Number(e.detail.value)];
      const compound = this.data.compounds[this.data.compoundIndex];
      if (gate && compound) this.choosePost(compound, gate);
    },

    choosePost(compound: CompoundChoice, gate: GateView) {
      const post: Post = { compoundId: compound.id, compoundName: compound.name, gateId: gate.id, gateName: gate.name };
      savePost(post);
      (this as unknown as PostUser).usePost(post);
    },

    onChangePost() {
      void this.loadChoices();
    },

    onCancelChoose() {
      if (this.data.post) this.setData({ status: 'ready' });
    },

    onRetryChoose() {
      if (this.data.compounds.length && this.data.compoundIndex >= 0) void this.loadGates(this.data.compoundIndex);
      else void this.loadChoices();
    },
  },
});
