/**
 * 新增岗位 / 编辑 on the rota page (a behavior): a simple post editor (`duty.savePost`). A post's
 * place is taken from the phone (a privacy API: the page hosts the consent sheet, and a refused
 * location says why).
 */
import type { Skill } from '../../../../typings/duty';
import type { GateView } from '../../../../typings/pass';
import { call } from '../../../services/api';
import { CHECK_IN_BY_LABELS, POST_KIND_LABELS, skillOptions } from '../../../services/duty-labels';
import { toCallError } from '../../../services/errors';
import { locate, locationText } from '../../../services/location';
import type { Tap } from '../../../utils/events';
import { followShown, optionsOf } from '../../../utils/form';
import { dayRota, runtimeOf } from './day-rota';
import type { PostErrors, PostForm } from './post-form';
import { NEW_POST, NO_POST_ERRORS, formOfPost, postErrors, postFieldOf, postRequest } from './post-form';

export const postEditor = Behavior({
  behaviors: [dayRota],

  data: {
    postId: '',
    post: NEW_POST as PostForm,
    postErrors: NO_POST_ERRORS as PostErrors,
    postBusy: false,
    postError: '',
    kinds: optionsOf(POST_KIND_LABELS),
    checkInWays: optionsOf(CHECK_IN_BY_LABELS),
    skillChoices: skillOptions([]),
    /** The compound's gates, for a gate post. */
    gates: [] as GateView[],
  },

  methods: {
    openPost(postId: string, form: PostForm) {
      this.setData({ mode: 'post', postId, post: form, postErrors: NO_POST_ERRORS, postError: '', skillChoices: skillOptions(form.requiredSkills) });
      if (!this.data.gates.length) void this.loadGates();
    },

    onNewPost() {
      this.openPost('', NEW_POST);
    },

    onEditPost(e: Tap<{ id: string }>) {
      const post = runtimeOf(this).posts.find((p) => p.id === e.currentTarget.dataset.id);
      if (post) this.openPost(post.id, formOfPost(post));
    },

    async loadGates() {
      const compoundId = this.data.compoundId;
      try {
        const { items } = await call('gate.list', { compoundId });
        if (compoundId === this.data.compoundId) this.setData({ gates: items });
      } catch {
        // Shown as 没有门岗 in the editor; saving a gate post then says what is missing.
      }
    },

    /** The post form changed: messages already shown follow it. */
    setPost(post: PostForm) {
      this.setData({ post, postErrors: followShown(this.data.postErrors, postErrors(post)), postError: '' });
    },

    onPostKind(e: Tap<{ key: PostForm['kind'] }>) {
      const kind = e.currentTarget.dataset.key;
      this.setPost({ ...this.data.post, kind, gateId: kind === 'gate' ? this.data.post.gateId : '' });
    },

    onPostGate(e: Tap<{ id: string }>) {
      this.setPost({ ...this.data.post, gateId: e.currentTarget.dataset.id });
    },

    onPostText(e: WechatMiniprogram.Input<Record<string, never>, { field: 'name' | 'minHeads' | 'maxHeads' | 'radius' }>) {
      const field = e.currentTarget.dataset.field;
      const post = { ...this.data.post, [field]: e.detail.value };
      this.setPost(post);
      if (e.type === 'blur' && e.detail.value) {
        const key = field === 'name' ? 'name' : field === 'radius' ? 'location' : 'heads';
        this.setData({ [`postErrors.${key}`]: postErrors(post)[key] });
      }
    },

    onPostSkills(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const skills = e.detail.value as Skill[];
      this.setPost({ ...this.data.post, requiredSkills: skills });
      this.setData({ skillChoices: skillOptions(skills) });
    },

    onPostCheckIn(e: Tap<{ key: PostForm['checkInBy'] }>) {
      this.setPost({ ...this.data.post, checkInBy: e.currentTarget.dataset.key });
    },

    onPostSwitch(e: WechatMiniprogram.SwitchChange<Record<string, never>, { field: 'alwaysOn' | 'active' }>) {
      this.setPost({ ...this.data.post, [e.currentTarget.dataset.field]: Boolean(e.detail.value) });
    },

    /** The post's place is where the secretary stands now. */
    async onPostLocate() {
      const here = await locate();
      if ('point' in here) this.setPost({ ...this.data.post, location: { lat: here.point.lat, lng: here.point.lng } });
      else this.setData({ 'postErrors.location': locationText(here.failure, '设置岗位位置') });
    },

    async onPostSave() {
      const { post, postId, compoundId, postBusy } = this.data;
      if (postBusy) return;
      const errors = postErrors(post);
      // A gate has one gate post: saving another there would change that one.
      const holder = post.kind === 'gate' && runtimeOf(this).posts.find((p) => p.gateId === post.gateId && p.id !== postId);
      if (holder && !errors.gate) errors.gate = `该门岗已有「${holder.name}」，请直接编辑它`;
      this.setData({ postErrors: errors, postError: '' });
      if (Object.values(errors).some(Boolean)) return;
      this.setData({ postBusy: true });
      try {
        const saved = await call('duty.savePost', postRequest(post, compoundId, postId));
        const rt = runtimeOf(this);
        rt.posts = rt.posts.some((p) => p.id === saved.id) ? rt.posts.map((p) => (p.id === saved.id ? saved : p)) : [...rt.posts, saved];
        this.setData({ postBusy: false, mode: 'rota' });
        this.render();
        wx.showToast({ title: '岗位已保存', icon: 'success' });
      } catch (err) {
        const error = toCallError(err);
        const field = postFieldOf(error.field);
        this.setData({ postBusy: false, ...(field ? { [`postErrors.${field}`]: error.message } : { postError: error.message }) });
      }
    },
  },
});
