/**
 * A resident without a code (手机没电, 老人不会用手机 …): the volunteer picks the building, types unit
 * and room, and gets the household's approved passes with masked names (`gate.lookup`); they check
 * the person, pick who it is and why there is no code. Fires `lookuppick` with a LookupPick and
 * `lookupcancel`. Needs the network: the lookup is the server's (a cached household list would
 * hold names on every gate phone).
 */
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { RELATION_LABELS } from '../../../shared/labels';
import type { Tap } from '../../../utils/events';
import { validateRoom, validateUnit } from '../../../utils/validate';
import type { ManualHit, ManualState } from './gate-lookup-view';
import { EMPTY_MANUAL, MANUAL_REASONS, OTHER_REASON, manualReasonOf } from './gate-lookup-view';

export interface LookupPick {
  passId: string;
  who: string;
  household: string;
  validUntil: number;
  reason: string;
}

type Field = 'unit' | 'room' | 'otherReason';

Component({
  properties: {
    compoundId: { type: String, value: '' },
    /** "进" / "出", on the confirm button. */
    directionLabel: { type: String, value: '进' },
  },

  data: {
    ...EMPTY_MANUAL,
    reasons: MANUAL_REASONS as readonly string[],
    otherReasonKey: OTHER_REASON,
    relationLabels: RELATION_LABELS as Record<string, string>,
  } as ManualState & { reasons: readonly string[]; otherReasonKey: string; relationLabels: Record<string, string> },

  lifetimes: {
    attached() {
      void this.loadBuildings();
    },
  },

  methods: {
    async loadBuildings() {
      this.setData({ loading: true, error: '' });
      try {
        const { items } = await call('org.directory', { parentId: this.data.compoundId });
        const buildings = items.filter((i) => i.level === 'building').map((i) => ({ id: i.id, name: i.name }));
        this.setData({ loading: false, buildings, buildingNames: buildings.map((b) => b.name) });
      } catch (err) {
        this.setData({ loading: false, error: this.lookupError(err) });
      }
    },

    lookupError(err: unknown): string {
      const e = toCallError(err);
      return e.code === 'NETWORK' ? '人工登记需要联网查询住户，请检查网络后重试' : e.message;
    },

    onBuilding(e: WechatMiniprogram.PickerChange) {
      this.setData({ buildingIndex: Number(e.detail.value), household: '', hits: [], passId: '', error: '' });
    },

    onField(e: WechatMiniprogram.Input<Record<string, never>, { field: Field }>) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: e.detail.value, ...(field === 'otherReason' ? {} : { household: '', hits: [], passId: '' }), error: '' });
    },

    async onLookup() {
      const building = this.data.buildings[this.data.buildingIndex];
      const error = (building ? '' : '请选择楼栋') || validateUnit(this.data.unit) || validateRoom(this.data.room);
      if (error) {
        this.setData({ error });
        return;
      }
      this.setData({ loading: true, error: '', hits: [], passId: '' });
      try {
        const req = { compoundId: this.data.compoundId, buildingId: building.id, unit: this.data.unit.trim(), room: this.data.room.trim() };
        const { household, items } = await call('gate.lookup', req);
        const hits: ManualHit[] = items.map((i) => ({ passId: i.passId, nameMasked: i.nameMasked, relation: i.relation, validUntil: i.validUntil }));
        this.setData({ loading: false, household, hits, passId: hits.length === 1 ? hits[0].passId : '' });
        if (!hits.length) this.setData({ error: `${household} 没有有效的出入证，不能人工放行` });
      } catch (err) {
        this.setData({ loading: false, error: this.lookupError(err) });
      }
    },

    onPick(e: Tap<{ id: string }>) {
      this.setData({ passId: e.currentTarget.dataset.id, error: '' });
    },

    onReason(e: Tap<{ reason: string }>) {
      this.setData({ reason: e.currentTarget.dataset.reason, error: '' });
    },

    onConfirm() {
      const picked = manualReasonOf(this.data);
      const hit = this.data.hits.find((h) => h.passId === this.data.passId);
      if ('error' in picked || !hit) {
        this.setData({ error: 'error' in picked ? picked.error : '请选择要登记的人' });
        return;
      }
      const detail: LookupPick = { passId: hit.passId, who: hit.nameMasked, household: this.data.household, validUntil: hit.validUntil, reason: picked.reason };
      this.triggerEvent('lookuppick', detail);
    },

    onCancel() {
      this.triggerEvent('lookupcancel', {});
    },
  },
});
