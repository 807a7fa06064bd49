/**
 * Notices, alerts and subscription consent in tests: the people who publish and act (a street
 * staffer, a compound secretary, a building leader), notices and alerts as the server describes
 * them, and the wx APIs these pages use on top of the fake in fake-wx.ts —
 * requestSubscribeMessage (answering as the test says), showModal, redirectTo — plus a way to
 * open a page with an opener (the page that navigated to it) listening.
 */
import type { ActionRequest, ActionResponse } from '../../../typings/api';
import type { GrantView, OrgRef } from '../../../typings/domain';
import type { AlertView, ConsentAnswer, NoticeView, TemplateName } from '../../../typings/messages';
import type { FakeWx } from './fake-wx';
import { RESIDENT_GRANT, STAFF_GRANT, STAFF_ME, VOLUNTEER_GRANT } from './fixtures';
import { HOUR, MORNING } from './gate';
import type { Page } from './mp';
import { mount, settle } from './mp';

type Me = ActionResponse<'account.me'>;

export const MINUTE = 60_000;

/* ───────────── people and places ───────────── */

const [DISTRICT, STREET, COMMUNITY, COMPOUND, BUILDING] = RESIDENT_GRANT.orgPath as [OrgRef, OrgRef, OrgRef, OrgRef, OrgRef];
export { BUILDING, COMMUNITY, COMPOUND, DISTRICT, STREET };

export const SECRETARY_GRANT: GrantView = { ...VOLUNTEER_GRANT, role: 'secretary' };
export const LEADER_GRANT: GrantView = { ...RESIDENT_GRANT, role: 'leader' };
export const ADMIN_GRANT: GrantView = { role: 'admin', orgId: DISTRICT.id, orgName: DISTRICT.name, orgLevel: DISTRICT.level, orgPath: [DISTRICT] };

export { STAFF_GRANT, STAFF_ME };
export const SECRETARY_ME: Me = { name: '周书记', phoneMasked: '137****0001', household: null, grants: [SECRETARY_GRANT], registered: false };
export const LEADER_ME: Me = { name: '刘楼长', phoneMasked: '136****0002', household: null, grants: [RESIDENT_GRANT, LEADER_GRANT], registered: true };

/* ───────────── notices and alerts ───────────── */

/** A notice from 东关社区 to everyone, published an hour before MORNING, unread. */
export function noticeView(id: string, over: Partial<NoticeView> = {}): NoticeView {
  return {
    id,
    scopeOrgId: COMMUNITY.id,
    scopeName: COMMUNITY.name,
    scopeLevel: COMMUNITY.level,
    title: `通知 ${id}`,
    body: '各位居民：\n本周六上午在小区广场进行核酸检测，请携带身份证。',
    level: 'normal',
    audience: 'all',
    requireAck: false,
    publishedAt: MORNING - HOUR,
    publisherName: '李建国',
    ...over,
  };
}

/** An open fever alert at the compound, raised at MORNING, for its secretary to acknowledge within 30 minutes. */
export function alertView(id: string, over: Partial<AlertView> = {}): AlertView {
  return {
    id,
    kind: 'gate.fever',
    severity: 'high',
    title: '东门体温异常 37.8 ℃',
    orgId: COMPOUND.id,
    orgName: COMPOUND.name,
    assigneeOrgId: COMPOUND.id,
    assigneeRole: 'secretary',
    status: 'open',
    createdAt: MORNING,
    ackDeadline: MORNING + 30 * MINUTE,
    data: {},
    steps: [{ at: MORNING, kind: 'raised', orgId: COMPOUND.id, role: 'secretary' }],
    ...over,
  };
}

/** What message.subscribed answers for a first report of these answers: one grant per accept. */
export function consentSummary(answers: ActionRequest<'message.subscribed'>['answers']): ActionResponse<'message.subscribed'> {
  const granted: ActionResponse<'message.subscribed'>['granted'] = { passDecision: 0, alert: 0, notice: 0, shiftReminder: 0, healthReminder: 0 };
  for (const [name, answer] of Object.entries(answers) as Array<[TemplateName, ConsentAnswer]>) if (answer === 'accept') granted[name] = 1;
  return { granted, longTerm: [] };
}

/* ───────────── wx: consent, confirmations, redirects ───────────── */

export type ConsentBehaviour =
  /** The user answers every template so (or per template id). */
  | { answer: ConsentAnswer | Record<string, ConsentAnswer> }
  /** WeChat fails the request (e.g. 20004: the user switched subscription messages off). */
  | { fail: { errCode: number; errMsg: string } }
  /** The call itself throws (an old base library, or a call outside a tap on some clients). */
  | { throws: string }
  /** The dialog stays up: no answer yet. */
  | { pending: true };

export interface MessageWx {
  requestSubscribeMessage: jest.Mock<void, [WechatMiniprogram.RequestSubscribeMessageOption]>;
  showModal: jest.Mock<void, [WechatMiniprogram.ShowModalOption]>;
  redirectTo: jest.Mock<void, [WechatMiniprogram.RedirectToOption]>;
  /** What the next consent request does (default: every template accepted). */
  consent: ConsentBehaviour;
  /** Whether the next confirmation dialog is confirmed (default true). */
  confirms: boolean;
}

/** Adds the consent dialog, showModal and redirectTo to an installed fake. */
export function addMessageWx(fake: FakeWx): MessageWx {
  const api: MessageWx = {
    consent: { answer: 'accept' },
    confirms: true,
    requestSubscribeMessage: jest.fn((opts: WechatMiniprogram.RequestSubscribeMessageOption) => {
      const behaviour = api.consent;
      if ('throws' in behaviour) throw new Error(behaviour.throws);
      if ('pending' in behaviour) return;
      void Promise.resolve().then(() => {
        if ('fail' in behaviour) {
          opts.fail?.(behaviour.fail);
          return;
        }
        const result: WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult = { errMsg: 'requestSubscribeMessage:ok' };
        for (const id of opts.tmplIds as string[]) result[id] = typeof behaviour.answer === 'string' ? behaviour.answer : (behaviour.answer[id] ?? 'reject');
        opts.success?.(result);
      });
    }),
    showModal: jest.fn((opts: WechatMiniprogram.ShowModalOption) => {
      void Promise.resolve().then(() => opts.success?.({ confirm: api.confirms, cancel: !api.confirms, content: '', errMsg: 'showModal:ok' }));
    }),
    redirectTo: jest.fn(),
  };
  Object.assign(fake.wx as unknown as Record<string, unknown>, {
    requestSubscribeMessage: api.requestSubscribeMessage,
    showModal: api.showModal,
    redirectTo: api.redirectTo,
  });
  return api;
}

/* ───────────── pages opened by another page ───────────── */

export interface Opener {
  /** Everything the opened page sent back: [event, data]. */
  heard: Array<[string, unknown]>;
}

/** Opens a page as `openPage` does, with an opener listening on its event channel. */
export async function openPageFromOpener(pagePath: string, query: Record<string, string>): Promise<{ page: Page; opener: Opener }> {
  const page = mount(pagePath);
  const opener: Opener = { heard: [] };
  const channel = { emit: (event: string, data: unknown) => opener.heard.push([event, data]) };
  const instance = page.instance as unknown as {
    getOpenerEventChannel?: () => typeof channel;
    onLoad?(q: Record<string, string>): void;
    onShow?(): void;
  };
  instance.getOpenerEventChannel = () => channel;
  instance.onLoad?.(query);
  instance.onShow?.();
  await settle();
  return { page, opener };
}

/** The options a page last navigated with (its url, and the events it listens to). */
export function lastNavigation(fake: FakeWx): WechatMiniprogram.NavigateToOption {
  const calls = fake.wx.navigateTo.mock.calls;
  if (!calls.length) throw new Error('the page did not navigate');
  return calls[calls.length - 1][0];
}
