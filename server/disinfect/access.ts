/**
 * Who may log a disinfection in a compound: its secretary, and volunteers on a 环境消毒岗 shift
 * there today (server/duty: a post of kind `disinfection`; a property company's cleaners are
 * volunteers of the compound placed on that rota). A no-show on the shift does not count.
 */
import type { NodeRef } from '../auth/nodes';
import { DAY, dayOf } from '../core/time';
import { dayStart } from '../duty/time';
import type { ActionContext } from '../runtime/action';

export type LogRight = { ok: true; role: 'volunteer' | 'secretary' } | { ok: false; reason: string };

export async function logRight(ctx: ActionContext, compound: NodeRef, now: number): Promise<LogRight> {
  if (ctx.caller.covering(compound, ['secretary']).length) return { ok: true, role: 'secretary' };
  if (!ctx.caller.covering(compound, ['volunteer']).length) return { ok: false, reason: '只有本小区的书记和环境消毒岗志愿者可以登记消毒' };
  const from = dayStart(dayOf(now));
  const mine = await ctx.store.query('duties', {
    where: { openid: ctx.caller.openid, start: { $gte: from, $lt: from + DAY } },
    orderBy: [{ field: 'start' }],
    limit: 50,
  });
  const onPost = mine.items.some((d) => d.kind === 'disinfection' && d.compoundId === compound._id && d.status !== 'noshow');
  return onPost ? { ok: true, role: 'volunteer' } : { ok: false, reason: '您今天没有排在本小区的环境消毒岗，请先在排班中报名' };
}
