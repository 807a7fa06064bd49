/**
 * 督导检查: street and district staff record a finding against a node (drilling down from their
 * own: 选择此处), by a category and item of the district's checklist, with a deadline; the
 * findings at or under the caller's node follow, where the node's responsible person 提交整改
 * and the inspecting level 核查通过 or 退回整改 (with a reason and 3 more days). Who may do what
 * is the server's rule; a refusal shows as it says. A finding and a rectification may carry
 * photos (camera or album), uploaded under the finding's request id or the finding's id when sent.
 * District staff edit the district's checklist here (检查清单 › 编辑).
 */
import type { ChecklistCategory } from '../../../../typings/whistle';
import type { OrgNode } from '../../../../typings/domain';
import { call } from '../../../services/api';
import { now } from '../../../services/clock';
import { toCallError } from '../../../services/errors';
import { PhotoDraft } from '../../../services/photo-draft';
import { previewPhotos } from '../../../services/photos';
import { newRequestId } from '../../../services/subscribe';
import { MAX_PHOTOS } from '../../../shared/photos';
import { DAY } from '../../../shared/time';
import type { Tap } from '../../../utils/events';
import { pageState } from '../../../utils/page-state';
import type { FindingRow } from '../whistle/whistle-view';
import { findingRow, WITHIN_CHOICES } from '../whistle/whistle-view';
import { addCategory, addItem, checkChecklist, removeItem, rename } from './checklist-form';

interface Runtime {
  orgId: string;
  districtId: string;
  uploadDir: string;
  /** The finding being recorded: its request id names its photos' folder too. */
  record: PhotoDraft;
  /** The rectification being written, when one is open. */
  rectify?: PhotoDraft;
}
const newRecord = () => new PhotoDraft('inspect', newRequestId());
const runtimeOf = pageState<Runtime>(() => ({ orgId: '', districtId: '', uploadDir: '', record: newRecord() }));
/** The photos the open form attaches. */
const draftOf = (rt: Runtime) => rt.rectify ?? rt.record;
const WITHINS = [...WITHIN_CHOICES.slice(2), { value: 7 * DAY, label: '7 天内' }];
type Place = { id: string; name: string };

Component({
  data: {
    status: 'loading' as 'loading' | 'error' | 'none' | 'ready',
    loadError: '',
    inspector: false,
    place: null as Place | null,
    children: [] as Place[],
    categories: [] as ChecklistCategory[],
    category: '',
    items: [] as ChecklistCategory['items'],
    chosenItem: '',
    description: '',
    withins: WITHINS,
    within: WITHINS[0].value,
    formError: '',
    done: '',
    findings: [] as FindingRow[],
    noteFor: '',
    noteKind: '' as '' | 'rectify' | 'reopen',
    note: '',
    actionError: '',
    busy: false,
    /** Local paths of the photos the open form attaches. */
    photos: [] as string[],
    refused: [] as string[],
    maxPhotos: MAX_PHOTOS,
    /** District staff keep the checklist; `draft` is the list being edited. */
    keepsChecklist: false,
    draft: null as ChecklistCategory[] | null,
    checklistError: '',
  },

  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading', loadError: '' });
      try {
        const me = await call('account.me', {});
        const grant = me.grants.find((g) => g.role === 'staff' || g.role === 'admin') ?? me.grants.find((g) => g.role === 'secretary' || g.role === 'leader');
        if (!grant) {
          this.setData({ status: 'none' });
          return;
        }
        runtimeOf(this).orgId = grant.orgId;
        const inspector = (grant.role === 'staff' || grant.role === 'admin') && (grant.orgLevel === 'street' || grant.orgLevel === 'district');
        const [checklist] = await Promise.all([call('inspect.checklist', { orgId: grant.orgId }), this.loadFindings()]);
        runtimeOf(this).uploadDir = checklist.uploadDir;
        runtimeOf(this).districtId = checklist.districtId;
        const keepsChecklist = inspector && grant.orgLevel === 'district';
        this.setData({ status: 'ready', inspector, keepsChecklist, categories: checklist.categories });
        if (inspector) await this.goTo({ id: grant.orgId, name: grant.orgName });
      } catch (err) {
        this.setData({ status: 'error', loadError: toCallError(err).message });
      }
    },

    async loadFindings() {
      const list = await call('inspect.list', { orgId: runtimeOf(this).orgId });
      this.setData({ findings: list.items.map(findingRow) });
    },

    onRetry() {
      void this.load();
    },

    async goTo(place: Place) {
      const tree = await call('org.tree', { parentId: place.id, limit: 100 });
      this.setData({ place, children: tree.items.map((n: OrgNode) => ({ id: n.id, name: n.name })), done: '' });
    },

    async onChild(e: Tap<{ id: string; name: string }>) {
      const { id, name } = e.currentTarget.dataset;
      try {
        await this.goTo({ id, name });
      } catch (err) {
        this.setData({ formError: toCallError(err).message });
      }
    },

    onCategory(e: Tap<{ code: string }>) {
      const cat = this.data.categories.find((c) => c.code === e.currentTarget.dataset.code);
      this.setData({ category: cat?.code ?? '', items: cat?.items ?? [], chosenItem: '', formError: '', done: '' });
    },

    onItem(e: Tap<{ code: string }>) {
      this.setData({ chosenItem: e.currentTarget.dataset.code, formError: '', done: '' });
    },

    onWithin(e: Tap<{ value: number }>) {
      this.setData({ within: Number(e.currentTarget.dataset.value) });
    },

    onDescription(e: WechatMiniprogram.Input<Record<string, never>, Record<string, never>>) {
      this.setData({ description: e.detail.value, formError: '', done: '' });
    },

    onEditChecklist() {
      this.setData({ draft: this.data.categories, checklistError: '' });
    },

    onChecklistName(e: WechatMiniprogram.Input<Record<string, never>, { ci: number; ii: number }>) {
      const { ci, ii } = e.currentTarget.dataset;
      this.setData({ draft: rename(this.data.draft ?? [], Number(ci), Number(ii), e.detail.value), checklistError: '' });
    },

    onChecklistAddItem(e: Tap<{ ci: number }>) {
      this.setData({ draft: addItem(this.data.draft ?? [], Number(e.currentTarget.dataset.ci)) });
    },

    onChecklistRemoveItem(e: Tap<{ ci: number; ii: number }>) {
      const { ci, ii } = e.currentTarget.dataset;
      this.setData({ draft: removeItem(this.data.draft ?? [], Number(ci), Number(ii)) });
    },

    onChecklistAddCategory() {
      this.setData({ draft: addCategory(this.data.draft ?? []) });
    },

    onChecklistCancel() {
      this.setData({ draft: null, checklistError: '' });
    },

    async onChecklistSave() {
      const checked = checkChecklist(this.data.draft ?? []);
      if ('error' in checked) return this.setData({ checklistError: checked.error });
      if (this.data.busy) return;
      this.setData({ busy: true, checklistError: '' });
      try {
        const saved = await call('inspect.saveChecklist', { districtId: runtimeOf(this).districtId, categories: checked.categories });
        this.setData({ busy: false, draft: null, categories: saved.categories, category: '', items: [], chosenItem: '' });
      } catch (err) {
        this.setData({ busy: false, checklistError: toCallError(err).message });
      }
    },

    async onAddPhoto() {
      if (this.data.busy) return;
      const draft = draftOf(runtimeOf(this));
      const refused = await draft.add();
      this.setData({ refused, photos: draft.paths });
    },

    onRemovePhoto(e: Tap<{ index: number }>) {
      if (this.data.busy) return;
      const draft = draftOf(runtimeOf(this));
      draft.remove(Number(e.currentTarget.dataset.index));
      this.setData({ photos: draft.paths });
    },

    onPreview(e: Tap<{ src: string; all: string[] }>) {
      previewPhotos(e.currentTarget.dataset.src, e.currentTarget.dataset.all);
    },

    async onRecord() {
      const { place, category, chosenItem: item, description, within, busy } = this.data;
      if (busy || !place) return;
      if (!category || !item) return this.setData({ formError: '请从检查清单中选择问题类别和条目' });
      if (description.trim().length < 2) return this.setData({ formError: '请描述发现的问题' });
      this.setData({ busy: true, formError: '' });
      try {
        const rt = runtimeOf(this);
        await call('inspect.record', {
          orgId: place.id,
          requestId: rt.record.key,
          category,
          item,
          description: description.trim(),
          photos: await rt.record.fileIds(rt.uploadDir),
          deadline: now() + within,
        });
        rt.record = newRecord();
        this.setData({ busy: false, description: '', chosenItem: '', photos: [], refused: [], done: `已记录，${place.name}需在时限内整改` });
        await this.loadFindings();
      } catch (err) {
        this.setData({ busy: false, formError: toCallError(err).message });
      }
    },

    onOpenNote(e: Tap<{ id: string; kind: 'rectify' | 'reopen' }>) {
      const { id, kind } = e.currentTarget.dataset;
      const rt = runtimeOf(this);
      rt.rectify = kind === 'rectify' ? new PhotoDraft('inspect', id) : undefined;
      this.setData({ noteFor: id, noteKind: kind, note: '', actionError: '', photos: draftOf(rt).paths, refused: [] });
    },

    onNote(e: WechatMiniprogram.Input<Record<string, never>, Record<string, never>>) {
      this.setData({ note: e.detail.value, actionError: '' });
    },

    async onSendNote() {
      const { noteFor, noteKind, note } = this.data;
      if (note.trim().length < 2) return this.setData({ actionError: noteKind === 'rectify' ? '请写明整改情况' : '请写明退回的原因' });
      await this.act(() =>
        noteKind === 'rectify'
          ? this.rectify(noteFor, note.trim())
          : call('inspect.verify', { findingId: noteFor, decision: 'reopen', note: note.trim(), deadline: now() + 3 * DAY }),
      );
    },

    async rectify(findingId: string, note: string) {
      const rt = runtimeOf(this);
      await call('inspect.rectify', { findingId, note, photos: rt.rectify ? await rt.rectify.fileIds(rt.uploadDir) : [] });
      rt.rectify = undefined;
    },

    async onAccept(e: Tap<{ id: string }>) {
      await this.act(() => call('inspect.verify', { findingId: e.currentTarget.dataset.id, decision: 'accept' }));
    },

    async act(run: () => Promise<unknown>) {
      if (this.data.busy) return;
      this.setData({ busy: true, actionError: '' });
      try {
        await run();
        this.setData({ busy: false, noteFor: '', noteKind: '', note: '', photos: draftOf(runtimeOf(this)).paths, refused: [] });
        await this.loadFindings();
      } catch (err) {
        this.setData({ busy: false, actionError: toCallError(err).message });
      }
    },
  },
});
