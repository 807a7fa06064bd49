/**
 * 申请成为志愿者. The caller's applications and how each stands (`volunteer.mine`), then the
 * form: the compound (the one the caller lives in or works at — chosen among them if several —
 * or, for someone from outside, found street → community → compound with `org.directory`),
 * name, phone, skills, party member or not, and the party unit they belong to (`party.list` of
 * that compound: its branch, groups and zones, and the agencies reporting in). Name and phone are
 * checked once left; 提交 checks everything and sends one `volunteer.join`. An application still
 * pending, or turned down, fills the form again and may be sent anew (it replaces the old one).
 */
import type { PartyUnitView, Skill, VolunteerView } from '../../../../typings/duty';
import type { DirectoryItem } from '../../../components/building-picker/building-picker';
import { call } from '../../../services/api';
import { toCallError } from '../../../services/errors';
import { skillOptions } from '../../../services/duty-labels';
import { fieldPatch } from '../../../utils/form';
import { pageState } from '../../../utils/page-state';
import type { CompoundChoice } from '../../../utils/roles';
import { LEVEL_LABELS } from '../../../utils/roles';
import { ROUTES } from '../../../utils/routes';
import type { ApplicationRow, JoinErrors, JoinForm, TextField } from './join-form';
import {
  EMPTY_FORM,
  NO_ERRORS,
  TEXT_VALIDATORS,
  applicationRow,
  compoundCandidates,
  formOf,
  joinErrors,
  joinFieldOf,
  joinRequest,
  unitError,
  unitLabel,
} from './join-form';

/** One step of finding a compound from the top: the choices at that level and the one taken. */
interface DirRow {
  label: string;
  items: DirectoryItem[];
  names: string[];
  index: number;
  /** The one district of a deployment: taken without asking. */
  hidden: boolean;
}

interface Runtime {
  applications: VolunteerView[];
  units: PartyUnitView[];
  /** Names of compounds met on this page, for the application list. */
  names: Map<string, string>;
}

const runtimeOf = pageState<Runtime>(() => ({ applications: [], units: [], names: new Map() }));

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'ready',
    loadError: '',
    applications: [] as ApplicationRow[],

    /** Compounds the caller belongs to; none: found through the directory. */
    candidates: [] as CompoundChoice[],
    candidateNames: [] as string[],
    candidateIndex: 0,
    dirRows: [] as DirRow[],
    dirLoading: false,
    dirError: '',
    compound: null as CompoundChoice | null,
    /** How the caller's application at the chosen compound stands ('' none). */
    standing: '' as '' | 'pending' | 'approved' | 'rejected',

    form: EMPTY_FORM as JoinForm,
    skills: skillOptions([]),
    unitNames: ['暂不选择'] as string[],
    unitIndex: 0,
    unitsLoading: false,
    errors: NO_ERRORS as JoinErrors,
    busy: false,
    formError: '',
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const [me, mine] = await Promise.all([call('account.me', {}), call('volunteer.mine', {})]);
        const rt = runtimeOf(this);
        rt.applications = mine.items;
        const candidates = compoundCandidates(me.grants);
        for (const c of candidates) rt.names.set(c.id, c.name);
        this.setData({ status: 'ready', candidates, candidateNames: candidates.map((c) => c.name), 'form.name': me.name ?? '' });
        this.showApplications();
        if (candidates.length) this.chooseCompound(candidates[0]);
        else void this.loadDirectory(0, '');
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    showApplications() {
      const rt = runtimeOf(this);
      this.setData({ applications: rt.applications.map((v) => applicationRow(v, rt.names.get(v.compoundId) ?? '所申请的小区')) });
    },

    /* ───────────── the compound ───────────── */

    onCandidate(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      const compound = this.data.candidates[index];
      if (!compound || index === this.data.candidateIndex) return;
      this.setData({ candidateIndex: index });
      this.chooseCompound(compound);
    },

    /** Someone from outside: the directory level by level down to a compound. */
    async loadDirectory(depth: number, parentId: string) {
      this.setData({ dirLoading: true, dirError: '' });
      try {
        const { items } = await call('org.directory', parentId ? { parentId } : {});
        const rows = this.data.dirRows.slice(0, depth);
        const label = LEVEL_LABELS[items[0]?.level ?? 'compound'];
        const hidden = depth === 0 && items.length === 1 && items[0].level === 'district';
        this.setData({ dirLoading: false, dirRows: [...rows, { label, items, names: items.map((i) => i.name), index: -1, hidden }] });
        if (hidden) this.pickDirectory(0, 0);
        else if (!items.length) this.setData({ dirError: '这里还没有小区，请联系社区工作人员' });
      } catch (err) {
        this.setData({ dirLoading: false, dirError: toCallError(err).message });
      }
    },

    onDirectory(e: WechatMiniprogram.PickerChange<Record<string, never>, { depth: number }>) {
      this.pickDirectory(Number(e.currentTarget.dataset.depth), Number(e.detail.value));
    },

    pickDirectory(depth: number, index: number) {
      const row = this.data.dirRows[depth];
      const item = row?.items[index];
      if (!item) return;
      this.setData({ dirRows: [...this.data.dirRows.slice(0, depth), { ...row, index }] });
      if (item.level === 'compound') {
        runtimeOf(this).names.set(item.id, item.name);
        this.showApplications();
        this.chooseCompound({ id: item.id, name: item.name });
        return;
      }
      this.setData({ compound: null, standing: '' });
      if (item.childCount > 0) void this.loadDirectory(depth + 1, item.id);
      else this.setData({ dirError: `该${LEVEL_LABELS[item.level]}下还没有小区` });
    },

    /** A compound chosen: the caller's application there fills the form; its party units load. */
    chooseCompound(compound: CompoundChoice) {
      const rt = runtimeOf(this);
      const earlier = rt.applications.find((v) => v.compoundId === compound.id);
      const form = earlier ? formOf(earlier) : { ...EMPTY_FORM, name: this.data.form.name };
      rt.units = [];
      this.setData({
        compound,
        standing: earlier?.status ?? '',
        form,
        skills: skillOptions(form.skills),
        unitNames: ['暂不选择'],
        unitIndex: 0,
        errors: NO_ERRORS,
        formError: '',
      });
      void this.loadUnits(compound.id, form.unitId);
    },

    async loadUnits(compoundId: string, unitId: string) {
      this.setData({ unitsLoading: true });
      try {
        const { items } = await call('party.list', { orgId: compoundId });
        if (this.data.compound?.id !== compoundId) return;
        runtimeOf(this).units = items;
        const index = items.findIndex((u) => u.id === unitId);
        this.setData({ unitsLoading: false, unitNames: ['暂不选择', ...items.map(unitLabel)], unitIndex: index + 1, 'form.unitId': index >= 0 ? unitId : '' });
      } catch {
        // Belonging is optional: without the list the application goes without a unit.
        if (this.data.compound?.id === compoundId) this.setData({ unitsLoading: false });
      }
    },

    /* ───────────── the form ───────────── */

    onText(e: WechatMiniprogram.Input<Record<string, never>, { field: TextField }>) {
      this.setData({ ...fieldPatch({ form: 'form', errors: 'errors' }, TEXT_VALIDATORS, this.data.errors, e.currentTarget.dataset.field, e), formError: '' });
    },

    onSkills(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const skills = e.detail.value as Skill[];
      this.setData({ 'form.skills': skills, skills: skillOptions(skills), 'errors.skills': '' });
    },

    onPartyMember(e: WechatMiniprogram.SwitchChange) {
      const form = { ...this.data.form, partyMember: Boolean(e.detail.value) };
      this.setData({ 'form.partyMember': form.partyMember, 'errors.unit': this.data.errors.unit ? unitError(form, runtimeOf(this).units) : '' });
    },

    onUnit(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      const unit = runtimeOf(this).units[index - 1];
      const form = { ...this.data.form, unitId: unit?.id ?? '' };
      this.setData({ unitIndex: unit ? index : 0, 'form.unitId': form.unitId, 'errors.unit': unitError(form, runtimeOf(this).units) });
    },

    async onSubmit() {
      const { form, compound, busy } = this.data;
      if (busy || this.data.standing === 'approved') return;
      const errors = joinErrors(form, compound?.id ?? '', runtimeOf(this).units);
      this.setData({ errors, formError: '' });
      if (!compound || Object.values(errors).some(Boolean)) return;
      this.setData({ busy: true });
      try {
        const saved = await call('volunteer.join', joinRequest(form, compound.id));
        const rt = runtimeOf(this);
        rt.applications = [saved, ...rt.applications.filter((v) => v.compoundId !== saved.compoundId)];
        this.showApplications();
        this.setData({ busy: false, standing: saved.status });
        wx.showToast({ title: '申请已提交', icon: 'success' });
      } catch (err) {
        const error = toCallError(err);
        const field = joinFieldOf(error.field);
        this.setData({ busy: false, ...(field ? { [`errors.${field}`]: error.message } : { formError: error.message }) });
      }
    },

    onRetry() {
      void this.load();
    },

    onRetryDirectory() {
      const rows = this.data.dirRows;
      const depth = rows.length && rows[rows.length - 1].index < 0 ? rows.length - 1 : rows.length;
      const parent = depth > 0 ? rows[depth - 1] : undefined;
      void this.loadDirectory(depth, parent?.items[parent.index]?.id ?? '');
    },

    onShifts() {
      wx.navigateTo({ url: ROUTES.myShifts });
    },
  },
});
