/**
 * Choose one's building step by step: street → community → compound → building, each list
 * loaded with `org.directory`. A single district is chosen silently. Fires `buildingchange` with
 * `{ buildingId }` when a building is chosen and `{ buildingId: '' }` when an earlier step changes.
 */
import type { ActionResponse } from '../../../typings/api';
import type { OrgLevel } from '../../../typings/domain';
import { call } from '../../services/api';
import { toCallError } from '../../services/errors';
import { pageState } from '../../utils/page-state';
import { LEVEL_LABELS } from '../../utils/roles';

/** One node of `org.directory`. */
export type DirectoryItem = ActionResponse<'org.directory'>['items'][number];

export interface BuildingChange {
  /** '' while no building is chosen. */
  buildingId: string;
}

interface Row {
  depth: number;
  label: string;
  placeholder: string;
  items: DirectoryItem[];
  names: string[];
  /** -1 until chosen. */
  index: number;
  hidden: boolean;
}

function rowOf(depth: number, items: DirectoryItem[]): Row {
  const level: OrgLevel = items[0]?.level ?? 'building';
  const label = LEVEL_LABELS[level];
  // The one district of a deployment is chosen silently (only ever at the top).
  const only = depth === 0 && level === 'district' && items.length === 1;
  return { depth, label, placeholder: `请选择${label}`, items, names: items.map((i) => i.name), index: only ? 0 : -1, hidden: only };
}

/** What a picker keeps outside `data`: the list that failed to load, for retry. */
const runtimeOf = pageState(() => ({ retryDepth: 0, retryParentId: '', preset: '' }));

/** Whether `id` is the preset building or one of its ancestors (org ids grow from their parent's: server/org/tree.ts). */
const leadsTo = (id: string, preset: string) => preset === id || preset.startsWith(`${id}-`);

Component({
  properties: {
    /** A building to choose by itself, step by step (a poster's code); `presetmissing` fires when it is not there. */
    preset: { type: String, value: '' },
  },

  observers: {
    preset(value: string) {
      runtimeOf(this).preset = value;
    },
  },

  data: {
    rows: [] as Row[],
    loading: false,
    error: '',
    /** Shown when a chosen node has nothing under it. */
    emptyHint: '',
  },

  lifetimes: {
    attached() {
      void this.loadLevel(0, '');
    },
  },

  methods: {
    /** Whether the list under `parentId` at `depth` is still the one the resident is waiting for. */
    isWanted(depth: number, parentId: string): boolean {
      const { rows } = this.data;
      if (rows.length !== depth) return false;
      const parent = rows[depth - 1];
      return depth === 0 || parent.items[parent.index]?.id === parentId;
    },

    async loadLevel(depth: number, parentId: string) {
      Object.assign(runtimeOf(this), { retryDepth: depth, retryParentId: parentId });
      this.setData({ loading: true, error: '', emptyHint: '' });
      try {
        const { items } = await call('org.directory', parentId ? { parentId } : {});
        // A reply for a step the resident has since changed is dropped.
        if (!this.isWanted(depth, parentId)) return;
        const row = rowOf(depth, items);
        this.setData({ loading: false, rows: [...this.data.rows, row] });
        if (!items.length) this.setData({ emptyHint: '暂无可选的地址，请联系社区工作人员' });
        else if (row.hidden) void this.loadLevel(depth + 1, items[0].id);
        else this.followPreset(depth, items);
      } catch (err) {
        if (this.isWanted(depth, parentId)) this.setData({ loading: false, error: toCallError(err).message });
      }
    },

    onRetry() {
      const { retryDepth, retryParentId } = runtimeOf(this);
      void this.loadLevel(retryDepth, retryParentId);
    },

    /** Chooses the step towards the preset building, or gives up on it (the resident chooses). */
    followPreset(depth: number, items: DirectoryItem[]) {
      const preset = runtimeOf(this).preset;
      if (!preset) return;
      const index = items.findIndex((i) => leadsTo(i.id, preset));
      const item = items[index];
      if (item && (item.level === 'building') === (item.id === preset)) {
        if (item.level === 'building') runtimeOf(this).preset = '';
        this.pick(depth, index);
        return;
      }
      runtimeOf(this).preset = '';
      this.triggerEvent('presetmissing', {});
    },

    onPick(e: WechatMiniprogram.PickerChange<Record<string, never>, { depth: number }>) {
      // The resident's own choice ends any preset.
      runtimeOf(this).preset = '';
      this.pick(Number(e.currentTarget.dataset.depth), Number(e.detail.value));
    },

    pick(depth: number, index: number) {
      const row = this.data.rows[depth];
      const item = row?.items[index];
      if (!item) return;
      const rows = [...this.data.rows.slice(0, depth), { ...row, index }];
      this.setData({ rows, emptyHint: '', error: '' });
      const building = item.level === 'building';
      const change: BuildingChange = { buildingId: building ? item.id : '' };
      this.triggerEvent('buildingchange', change);
      if (building) return;
      if (item.childCount > 0) void this.loadLevel(depth + 1, item.id);
      else this.setData({ emptyHint: `该${LEVEL_LABELS[item.level]}下暂无楼栋信息，请联系社区工作人员` });
    },
  },
});
