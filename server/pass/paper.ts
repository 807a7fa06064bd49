/**
 * pass.paper: the printable paper code (离线出入证, LFP1 in typings/pass.ts) for a person without
 * a phone, issued by the compound's secretary or by the pass's holder (代办). Printing again
 * answers the very same code; a lost card is replaced by naming the serial it replaces, which
 * raises the serial and puts the pass in the trust bundle's `paperSerials`, so the old card is
 * refused (REPLACED) at every gate once phones refresh.
 */
import * as z from 'zod/mini';
import type { PaperCredential } from '../../typings/pass';
import { asciiBytes, b64urlEncode } from '../../miniprogram/shared/pass/bytes';
import { ID_TAIL, composePaperQr, encodePaperCredential } from '../../miniprogram/shared/pass/codec';
import { conflict, invalid, precondition } from '../core/errors';
import { DAY } from '../core/time';
import { intRange, matching } from '../core/validate';
import { replacePaper } from '../gate/compound-gate';
import { action } from '../runtime/action';
import { activeSigner } from './keys';
import { PASS_ID, credentialFields, loadPass, statusText } from './load';
import { statusAt, toPassView, type PassDoc } from './model';

/** A paper code is valid at most this long, and never past its pass. */
export const PAPER_MAX_MS = 180 * DAY;

type Paper = NonNullable<PassDoc['paper']>;

export const paperAction = action('pass.paper', {
  roles: ['resident', 'secretary'],
  scope: 'subtree',
  limit: { per: 'hour', max: 10 },
  schema: z.strictObject({
    passId: PASS_ID,
    idTail: matching(ID_TAIL, '请填写身份证号码的最后 4 位（数字，末位可为 X）'),
    replaces: z.optional(intRange(1, 1_000_000)),
  }),
  labels: { passId: '出入证', idTail: '身份证尾号', replaces: '作废的离线码序号' },
  handle: async (req, ctx) => {
    const pass = await loadPass(ctx, req.passId, 'either');
    const now = ctx.clock.now();
    const status = statusAt(pass, now);
    if (status !== 'approved') throw precondition(`出入证${statusText(status)}，不能打印离线码`);
    const fresh = (serial: number): Paper => ({
      serial,
      idTail: req.idTail,
      issuedAt: now,
      validFrom: now,
      validUntil: Math.min(pass.validUntil!, now + PAPER_MAX_MS),
      issuedBy: ctx.caller.openid,
    });
    const key = await activeSigner(ctx.store, now, ctx.config.passKeks);

    const paper = await ctx.store.transaction(async (tx) => {
      const current = (await tx.get('passes', pass._id))!;
      const had = current.paper;
      let next: Paper;
      if (req.replaces === undefined) {
        if (!had) next = fresh(1);
        else if (had.idTail === req.idTail)
          return had; // printed again, or a retry: the same code
        else throw conflict(`已有离线码（身份证尾号 ${had.idTail}），如尾号有误或卡片遗失，请选择补办新码`);
      } else {
        if (!had || req.replaces > had.serial) throw invalid('data.replaces', '没有这张离线码，请刷新后重试');
        if (req.replaces < had.serial) {
          // A retry of a replacement already made (the same tail), or a stale screen.
          if (had.idTail === req.idTail) return had;
          throw conflict('离线码已补办过，请刷新后重试');
        }
        next = fresh(had.serial + 1);
      }
      if (!(await tx.update('passes', pass._id, { paper: next }, { version: current._v }))) throw conflict('数据已被修改，请重试');
      // A replaced card goes onto every gate phone's list (its serial is now below the pass's).
      if (next.serial > 1) await replacePaper(tx, current.compoundId, pass._id, next.serial, next.validUntil, now);
      return next;
    });

    const credential: PaperCredential = {
      ...credentialFields(pass, key.kid, paper.validFrom, paper.validUntil),
      paper: 1,
      ps: paper.serial,
      idt: paper.idTail,
    };
    const credText = encodePaperCredential(credential);
    const code = composePaperQr(`${credText}.${b64urlEncode(key.sign(asciiBytes(credText)))}`);
    return { code, credential, pass: toPassView({ ...pass, paper }, now) };
  },
});
