/**
 * The notice form: where it goes (a node where the caller publishes, or one below it), title,
 * body, level, audience, whether readers must acknowledge it, and an optional last day. Pure: no
 * wx here. The checks mirror the server's (title 2–40, body 2–2000 characters); the server decides.
 */
import type { ActionRequest } from '../../../../typings/api';
import type { GrantView, OrgLevel, Role } from '../../../../typings/domain';
import type { NoticeAudience, NoticeLevel } from '../../../../typings/messages';
import { LEVEL_LABELS, orgPathLabel } from '../../../utils/roles';
import { optionsOf, serverFieldOf } from '../../../utils/form';
import { lengthRule } from '../../../utils/validate';
import { DAY, shanghaiDayStart } from '../../../shared/time';

export const NOTICE_LEVEL_LABELS: Record<NoticeLevel, string> = { normal: '普通', important: '重要', urgent: '紧急' };
export const AUDIENCE_LABELS: Record<NoticeAudience, string> = { all: '全体', residents: '居民', volunteers: '志愿者', staff: '工作人员' };

export const NOTICE_LEVELS = optionsOf(NOTICE_LEVEL_LABELS);
export const AUDIENCES = optionsOf(AUDIENCE_LABELS);

/** Who may publish: the server allows secretaries, staff and admins, within their subtree. */
export const PUBLISHER_ROLES: readonly Role[] = ['staff', 'admin', 'secretary'];

/** A node the notice can go to. */
export interface ScopeNode {
  id: string;
  name: string;
  level: OrgLevel;
  levelText: string;
  /** Direct children ('' unknown: a grant's node). */
  childCount: number | '';
}

/** A node where the caller publishes, with its full path for the picker ("商州区 / 城关街道"). */
export interface ScopeRoot extends ScopeNode {
  path: string;
}

export const scopeNode = (n: { id: string; name: string; level: OrgLevel; childCount?: number }): ScopeNode => ({
  id: n.id,
  name: n.name,
  level: n.level,
  levelText: LEVEL_LABELS[n.level] ?? n.level,
  childCount: n.childCount ?? '',
});

/** The distinct nodes where the caller holds a publishing role, in grant order. */
export function publishRoots(grants: readonly GrantView[]): ScopeRoot[] {
  const seen = new Set<string>();
  const roots: ScopeRoot[] = [];
  for (const g of grants) {
    if (!PUBLISHER_ROLES.includes(g.role) || seen.has(g.orgId)) continue;
    seen.add(g.orgId);
    roots.push({ ...scopeNode({ id: g.orgId, name: g.orgName, level: g.orgLevel }), path: orgPathLabel(g) });
  }
  return roots;
}

export const TITLE_MAX = 40;
export const BODY_MAX = 2000;
export const TEXT_VALIDATORS = { title: lengthRule('标题', 2, TITLE_MAX), body: lengthRule('正文', 2, BODY_MAX) };
export type TextField = keyof typeof TEXT_VALIDATORS;

export interface PublishForm {
  title: string;
  body: string;
  level: NoticeLevel;
  audience: NoticeAudience;
  requireAck: boolean;
  /** The last day it is shown, "2024-03-31" in Shanghai; '' for no end. */
  expiry: string;
}

export const EMPTY_FORM: PublishForm = { title: '', body: '', level: 'normal', audience: 'all', requireAck: false, expiry: '' };

export type PublishField = 'scope' | 'title' | 'body' | 'level' | 'audience' | 'expiry';
export type PublishErrors = Record<PublishField, string>;
export const NO_ERRORS: PublishErrors = { scope: '', title: '', body: '', level: '', audience: '', expiry: '' };

/** The end of that day in Shanghai (23:59:59), unix ms; NaN for anything but "YYYY-MM-DD". */
export const expiresAtOf = (date: string): number => shanghaiDayStart(date) + DAY - 1000;

/** Every field's message ('' when fine). */
export function publishErrors(form: PublishForm, scopeId: string, now: number): PublishErrors {
  const expiresAt = form.expiry ? expiresAtOf(form.expiry) : 0;
  return {
    ...NO_ERRORS,
    scope: scopeId ? '' : '请选择发布范围',
    title: TEXT_VALIDATORS.title(form.title),
    body: TEXT_VALIDATORS.body(form.body),
    expiry: !form.expiry ? '' : Number.isNaN(expiresAt) ? '请重新选择截止日期' : expiresAt <= now ? '截止日期不能早于今天' : '',
  };
}

/** What is sent: text trimmed, the expiry as an instant. */
export function publishRequest(form: PublishForm, scopeOrgId: string): ActionRequest<'notice.publish'> {
  const req: ActionRequest<'notice.publish'> = {
    scopeOrgId,
    title: form.title.trim(),
    body: form.body.trim(),
    level: form.level,
    audience: form.audience,
    requireAck: form.requireAck,
  };
  if (form.expiry) req.expiresAt = expiresAtOf(form.expiry);
  return req;
}

/** The form field a server error points at ("data.title" → "title"), if the form shows it. */
export const publishFieldOf = serverFieldOf<PublishField>({
  'data.scopeOrgId': 'scope',
  'data.title': 'title',
  'data.body': 'body',
  'data.level': 'level',
  'data.audience': 'audience',
  'data.expiresAt': 'expiry',
});

/** "将向「城关街道」的全体人员发布一条紧急通知，发布后无法撤回。" */
export function confirmText(scopeName: string, form: PublishForm): string {
  const who = form.audience === 'all' ? '全体人员' : AUDIENCE_LABELS[form.audience];
  return `将向「${scopeName}」的${who}发布一条${NOTICE_LEVEL_LABELS[form.level]}通知${form.requireAck ? '（需确认）' : ''}，发布后无法撤回。`;
}
