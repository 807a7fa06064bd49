/**
 * The post editor for `duty.savePost`: kind, name, the gate (gate duty), head-count, required
 * skills, how volunteers check in, where the post is, around the clock or not, in use or not.
 * Pure: no wx here. The checks mirror the server's; the server decides.
 */
import type { ActionRequest } from '../../../../typings/api';
import type { CheckInBy, GeoPoint, PostKind, PostView, Skill } from '../../../../typings/duty';
import { serverFieldOf } from '../../../utils/form';
import { lengthRule } from '../../../utils/validate';

export const MAX_HEADS = 20;
export const DEFAULT_RADIUS = 100;

export interface PostForm {
  kind: PostKind;
  name: string;
  gateId: string;
  minHeads: string;
  maxHeads: string;
  requiredSkills: Skill[];
  /** Kept as they were: the editor does not change them. */
  preferredSkills: Skill[];
  checkInBy: CheckInBy;
  /** null: not set. */
  location: GeoPoint | null;
  radius: string;
  alwaysOn: boolean;
  active: boolean;
}

export const NEW_POST: PostForm = {
  kind: 'gate',
  name: '',
  gateId: '',
  minHeads: '1',
  maxHeads: '2',
  requiredSkills: [],
  preferredSkills: [],
  checkInBy: 'code',
  location: null,
  radius: String(DEFAULT_RADIUS),
  alwaysOn: true,
  active: true,
};

export function formOfPost(p: PostView): PostForm {
  return {
    kind: p.kind,
    name: p.name,
    gateId: p.gateId ?? '',
    minHeads: String(p.minHeads),
    maxHeads: String(p.maxHeads),
    requiredSkills: p.requiredSkills,
    preferredSkills: p.preferredSkills,
    checkInBy: p.checkInBy,
    location: p.location ? { lat: p.location.lat, lng: p.location.lng } : null,
    radius: String(p.location?.radius ?? DEFAULT_RADIUS),
    alwaysOn: p.alwaysOn,
    active: p.active,
  };
}

export type PostField = 'name' | 'gate' | 'heads' | 'location';
export type PostErrors = Record<PostField, string>;
export const NO_POST_ERRORS: PostErrors = { name: '', gate: '', heads: '', location: '' };

export const postNameError = lengthRule('岗位名称', 2, 20);

const count = (raw: string) => (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN);

export function headsError(form: Pick<PostForm, 'minHeads' | 'maxHeads'>): string {
  const [min, max] = [count(form.minHeads), count(form.maxHeads)];
  if (!(min >= 1 && min <= MAX_HEADS) || !(max >= 1 && max <= MAX_HEADS)) return `人数应为 1–${MAX_HEADS} 的整数`;
  return max < min ? '最多人数不能少于最少人数' : '';
}

export function postErrors(form: PostForm): PostErrors {
  const radius = count(form.radius);
  const needsPlace = form.checkInBy === 'location' || form.checkInBy === 'both';
  return {
    name: postNameError(form.name),
    gate: form.kind === 'gate' && !form.gateId ? '执勤岗请选择所在门岗' : '',
    heads: headsError(form),
    location: needsPlace && !form.location ? '按位置签到须先设置岗位位置' : form.location && !(radius >= 10 && radius <= 2000) ? '签到范围应为 10–2000 米' : '',
  };
}

export function postRequest(form: PostForm, compoundId: string, postId: string): ActionRequest<'duty.savePost'> {
  const req: ActionRequest<'duty.savePost'> = {
    compoundId,
    kind: form.kind,
    name: form.name.trim(),
    requiredSkills: form.requiredSkills,
    preferredSkills: form.preferredSkills,
    minHeads: count(form.minHeads),
    maxHeads: count(form.maxHeads),
    checkInBy: form.checkInBy,
    alwaysOn: form.alwaysOn,
    active: form.active,
  };
  if (postId) req.postId = postId;
  if (form.kind === 'gate') req.gateId = form.gateId;
  if (form.location) req.location = { ...form.location, radius: count(form.radius) };
  return req;
}

/** The form field a server error points at, if the form shows it. */
export const postFieldOf = serverFieldOf<PostField>({
  'data.name': 'name',
  'data.gateId': 'gate',
  'data.minHeads': 'heads',
  'data.maxHeads': 'heads',
  'data.location': 'location',
  'data.location.radius': 'location',
});
