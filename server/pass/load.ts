/** Loading a pass the caller may act on, and pass states in Chinese. */
import type { PassCredential } from '../../typings/pass';
import { maskName } from '../core/mask';
import { matching } from '../core/validate';
import { found } from '../runtime/found';
import type { ActionContext } from '../runtime/action';
import { passNode, type PassDoc } from './model';

export const PASS_ID = matching(/^[a-z0-9]{10}$/, '出入证编号格式不正确');

/**
 * A pass the caller may act on: with `holder` only their own; else one in the rule's reach;
 * with 'either', their own or one in reach. Anything else answers as a missing pass.
 */
export async function loadPass(ctx: ActionContext, passId: string, holder: boolean | 'either' = false): Promise<PassDoc> {
  const pass = await ctx.store.get('passes', passId);
  const own = (p: PassDoc) => p.holder === ctx.caller.openid;
  const mayAct = (p: PassDoc) => (holder === true ? own(p) : holder === 'either' ? own(p) || ctx.reaches(passNode(p)) : ctx.reaches(passNode(p)));
  return found(pass, mayAct, '出入证', 'data.passId');
}

export function statusText(s: string): string {
  return { pending: '在审核中', approved: '已通过', rejected: '已被拒绝', revoked: '已注销', expired: '已过期' }[s] ?? s;
}

/** The credential fields both formats sign for a pass, valid `from`–`until` (unix ms). */
export function credentialFields(pass: PassDoc, kid: string, from: number, until: number): Omit<PassCredential, 'dpk'> {
  const [nbf, exp] = [Math.floor(from / 1000), Math.floor(until / 1000)];
  return { v: 1, kid, pid: pass._id, cid: pass.compoundId, hh: pass.household, nm: maskName(pass.name), nbf, exp };
}
