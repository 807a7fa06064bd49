/** message.*: what the user answered to wx.requestSubscribeMessage, and the pushes it leaves them. */
import * as z from 'zod/mini';
import type { ConsentAnswer, TemplateName } from '../../typings/messages';
import { matching } from '../core/validate';
import { action } from '../runtime/action';
import { CONSENTS, recordConsent, summarize } from '../messaging/consent';
import { TEMPLATE_NAMES } from '../core/config';

const ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const satisfies readonly ConsentAnswer[];
const answer = z.optional(z.enum(ANSWERS, { error: '订阅结果应为 accept、reject、ban 或 filter' }));

const subscribedSchema = z.strictObject({
  /** Made by the client once per wx.requestSubscribeMessage result; a retry sends the same id. */
  requestId: matching(/^[A-Za-z0-9_-]{8,64}$/, '请求编号应为 8–64 位字母、数字、下划线或连字符'),
  answers: z.strictObject(Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, answer])) as Record<TemplateName, typeof answer>),
});

const LABELS: Record<string, string> = {
  requestId: '请求编号',
  answers: '订阅结果',
  'answers.passDecision': '出入证审核结果订阅',
  'answers.alert': '防控预警订阅',
  'answers.notice': '社区通知订阅',
  'answers.shiftReminder': '值班提醒订阅',
};

export const messageActions = [
  /**
   * Records the answers (one grant per 'accept' of a one-time template; a flag for a long-term
   * one) and returns the one-time grants left per template and the long-term templates that are on.
   * Replaying a requestId changes nothing.
   */
  action('message.subscribed', {
    roles: 'anyone',
    scope: 'none',
    limit: { per: 'minute', max: 30 },
    schema: subscribedSchema,
    labels: LABELS,
    handle: async (req, ctx) => recordConsent(ctx.store, ctx.caller.openid, req.requestId, req.answers, ctx.config.templates, ctx.clock.now()),
  }),

  /** The caller's own pushes left: one-time grants per template and the long-term templates on. One read. */
  action('message.quota', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({}),
    handle: async (_req, ctx) => summarize(await ctx.store.get(CONSENTS, ctx.caller.openid), ctx.config.templates),
  }),
];
