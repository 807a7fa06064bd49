/**
 * The server's side of the pass, in miniature but cryptographically real: an Ed25519 server key,
 * the resident's passes, and `pass.mine` / `pass.credential` / `pass.apply` handlers. Credentials
 * are signed exactly as typings/pass.ts specifies, so what the page draws verifies with the
 * volunteer's verifier against `trust()`.
 */
import type { ActionRequest, ActionResponse } from '../../../typings/api';
import type { PassCredential, PassView } from '../../../typings/pass';
import { asciiBytes, b64urlEncode } from '../../../miniprogram/shared/pass/bytes';
import { encodeCredential } from '../../../miniprogram/shared/pass/codec';
import type { Trust } from '../../../miniprogram/shared/pass/verify';
import { prepareTrust } from '../../../miniprogram/shared/pass/verify';
import { ed25519 } from '../../../miniprogram/vendor/ed25519';
import type { Handlers } from './fake-wx';

export const COMPOUND_ID = 'p-xingfu';
export const OTHER_COMPOUND_ID = 'p-hexie';
export const DAY_MS = 24 * 3600 * 1000;

/** 2022-01-05 07:00:10 +08:00: ten seconds into a 30-second slot, a cold morning at the gate. */
export const GATE_MORNING = Date.UTC(2022, 0, 4, 23, 0, 10);

let seq = 0;

/** A pass as pass.mine lists it: approved by default, valid from a day before `now` for 30 days. */
export function passView(now: number, overrides: Partial<PassView> = {}): PassView {
  seq += 1;
  return {
    id: `pass${seq}`,
    compoundId: COMPOUND_ID,
    compoundName: '幸福小区',
    buildingId: 'b-xingfu-3',
    household: '3号楼2单元502',
    nameMasked: '王*兰',
    relation: 'self',
    reason: '居家生活',
    status: 'approved',
    validFrom: now - DAY_MS,
    validUntil: now + 30 * DAY_MS,
    createdAt: now - 2 * DAY_MS,
    reviewedAt: now - DAY_MS,
    ...overrides,
  };
}

export class PassServer {
  readonly kid = 'k1';
  private readonly secret = ed25519.utils.randomSecretKey();
  readonly publicKey = b64urlEncode(ed25519.getPublicKey(this.secret));
  passes: PassView[];
  /** What pass.apply makes, for the next pass.mine. */
  applied: PassView[] = [];

  constructor(passes: PassView[] = []) {
    this.passes = passes;
  }

  /** The volunteer's trust bundle: this server's key, nothing revoked. */
  trust(revoked: string[] = []): Trust {
    return prepareTrust({ keys: [{ kid: this.kid, publicKey: this.publicKey }], revoked });
  }

  sign(pass: PassView, devicePublicKey: string): ActionResponse<'pass.credential'> {
    const credential: PassCredential = {
      v: 1,
      kid: this.kid,
      pid: pass.id,
      cid: pass.compoundId,
      hh: pass.household,
      nm: pass.nameMasked,
      nbf: Math.floor((pass.validFrom ?? 0) / 1000),
      exp: Math.floor((pass.validUntil ?? 0) / 1000),
      dpk: devicePublicKey,
    };
    const cred = encodeCredential(credential);
    return { credential, signed: `${cred}.${b64urlEncode(ed25519.sign(asciiBytes(cred), this.secret))}` };
  }

  handlers(): Handlers {
    return {
      'pass.mine': () => ({ items: [...this.passes, ...this.applied] }),
      'pass.credential': ({ passId, devicePublicKey }: ActionRequest<'pass.credential'>) => {
        const pass = this.passes.find((p) => p.id === passId);
        if (!pass || pass.status !== 'approved') throw new Error(`no approved pass ${passId}`);
        return this.sign(pass, devicePublicKey);
      },
      'pass.apply': (req: ActionRequest<'pass.apply'>) => {
        const now = Date.now();
        const view = passView(now, { relation: req.relation, reason: req.reason, status: 'pending', createdAt: now });
        delete view.validFrom;
        delete view.validUntil;
        delete view.reviewedAt;
        this.applied.push(view);
        return view;
      },
    };
  }
}
