/**
 * The post's printed check-in code, format LFD1 (typings/duty.ts): signed with the server's
 * pass keys (server/pass/keys.ts, Node's crypto), verified with the shared strict verifier
 * the phone uses for passes (miniprogram/shared/pass/verify.ts).
 */
import { asciiBytes, b64urlDecode, b64urlEncode, utf8Decode, utf8Encode } from '../../miniprogram/shared/pass/bytes';
import { verifySignature } from '../../miniprogram/shared/pass/verify';
import type { PassSigner } from '../pass/keys';

export const CODE_PREFIX = 'LFD1';
/** Longer texts are refused before decoding. */
export const MAX_CODE_LENGTH = 400;

export interface PostCodeBody {
  v: 1;
  kid: string;
  post: string;
  cid: string;
  /** unix seconds */
  iat: number;
  exp: number;
}

export type CodeCheck = { ok: true; body: PostCodeBody } | { ok: false; reason: 'BAD_CODE' | 'OTHER_POST' | 'CODE_EXPIRED' };

const signedPart = (body: string) => asciiBytes(`${CODE_PREFIX}.${body}`);

export function signPostCode(key: PassSigner, c: Omit<PostCodeBody, 'v' | 'kid'>): string {
  const json = JSON.stringify({ v: 1, kid: key.kid, post: c.post, cid: c.cid, iat: c.iat, exp: c.exp });
  const body = b64urlEncode(utf8Encode(json));
  return `${CODE_PREFIX}.${body}.${b64urlEncode(key.sign(signedPart(body)))}`;
}

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e11;

function parseBody(text: string): PostCodeBody | null {
  const bytes = b64urlDecode(text);
  const json = bytes && utf8Decode(bytes);
  if (!json) return null;
  try {
    const c = JSON.parse(json) as Record<string, unknown>;
    if (typeof c !== 'object' || c === null || c.v !== 1) return null;
    if (!isStr(c.kid, 16) || !isStr(c.post, 64) || !isStr(c.cid, 64) || !isTime(c.iat) || !isTime(c.exp)) return null;
    return c as unknown as PostCodeBody;
  } catch {
    return null;
  }
}

/** Checks a scanned code against the trusted keys, the post it is shown at, and the time. */
export function verifyPostCode(text: string, opts: { keys: Array<{ kid: string; publicKey: string }>; postId: string; nowMs: number }): CodeCheck {
  const parts = text.length <= MAX_CODE_LENGTH ? text.split('.') : [];
  if (parts.length !== 3 || parts[0] !== CODE_PREFIX) return { ok: false, reason: 'BAD_CODE' };
  const body = parseBody(parts[1]);
  const sig = b64urlDecode(parts[2]);
  const key = body && opts.keys.find((k) => k.kid === body.kid);
  const pub = key && b64urlDecode(key.publicKey);
  if (!body || sig?.length !== 64 || pub?.length !== 32 || !verifySignature(sig, signedPart(parts[1]), pub)) return { ok: false, reason: 'BAD_CODE' };
  if (body.post !== opts.postId) return { ok: false, reason: 'OTHER_POST' };
  if (Math.floor(opts.nowMs / 1000) > body.exp) return { ok: false, reason: 'CODE_EXPIRED' };
  return { ok: true, body };
}
