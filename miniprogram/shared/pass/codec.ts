/**
 * The pass QR texts (formats in typings/pass.ts):
 *   LF1.<cred>.<ssig>.<slot>.<dsig>   on the resident's phone
 *   LFP1.<cred>.<ssig>                printed on paper
 * Parsing never throws: anything malformed is null (the verifier reports BAD_FORMAT).
 */
import type { PaperCredential, PassCredential } from '../../../typings/pass';
import { asciiBytes, b64urlDecode, b64urlEncode, utf8Decode, utf8Encode } from './bytes';

export const QR_PREFIX = 'LF1';
export const PAPER_PREFIX = 'LFP1';
/** The last 4 characters of a mainland ID card number: digits, the last may be X. */
export const ID_TAIL = /^[0-9]{3}[0-9X]$/;
export const SLOT_SECONDS = 30;
/** Longer texts are refused before any decoding (a valid code is ≤ 450). */
export const MAX_QR_LENGTH = 600;

export const slotOf = (unixMs: number) => Math.floor(unixMs / 1000 / SLOT_SECONDS);

/** What the device signs for a slot. */
export const deviceMessage = (pid: string, slot: number) => asciiBytes(`${QR_PREFIX}|${pid}|${slot}`);

/** base64url of the credential's UTF-8 JSON, keys in the documented order. */
export function encodeCredential(c: PassCredential): string {
  const json = JSON.stringify({ v: c.v, kid: c.kid, pid: c.pid, cid: c.cid, hh: c.hh, nm: c.nm, nbf: c.nbf, exp: c.exp, dpk: c.dpk });
  return b64urlEncode(utf8Encode(json));
}

export interface ParsedQr {
  /** The <cred> text exactly as scanned (the server signature covers these ASCII bytes). */
  credText: string;
  cred: PassCredential;
  ssig: Uint8Array;
  slot: number;
  dsig: Uint8Array;
}

/** base64url of the paper credential's UTF-8 JSON, keys in the documented order. */
export function encodePaperCredential(c: PaperCredential): string {
  const json = JSON.stringify({ v: c.v, kid: c.kid, pid: c.pid, cid: c.cid, hh: c.hh, nm: c.nm, nbf: c.nbf, exp: c.exp, paper: 1, ps: c.ps, idt: c.idt });
  return b64urlEncode(utf8Encode(json));
}

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e11;

/** The fields both credentials share, checked; null when any is missing or malformed. */
function readFields(credText: string): Record<string, unknown> | null {
  const bytes = b64urlDecode(credText);
  const json = bytes && utf8Decode(bytes);
  if (!json) return null;
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof c !== 'object' || c === null || Array.isArray(c) || c.v !== 1) return null;
  if (!isStr(c.kid, 16) || !isStr(c.pid, 32) || !isStr(c.cid, 64) || !isStr(c.hh, 40) || !isStr(c.nm, 20)) return null;
  return isTime(c.nbf) && isTime(c.exp) ? c : null;
}

function readCredential(credText: string): PassCredential | null {
  const c = readFields(credText);
  if (!c || c.paper !== undefined || !isStr(c.dpk, 43) || c.dpk.length !== 43) return null;
  return c as unknown as PassCredential;
}

function readPaperCredential(credText: string): PaperCredential | null {
  const c = readFields(credText);
  if (!c || c.paper !== 1 || c.dpk !== undefined || typeof c.idt !== 'string' || !ID_TAIL.test(c.idt)) return null;
  if (typeof c.ps !== 'number' || !Number.isInteger(c.ps) || c.ps < 1 || c.ps > 1e6) return null;
  return c as unknown as PaperCredential;
}

export function parseQr(text: string): ParsedQr | null {
  if (typeof text !== 'string' || text.length > MAX_QR_LENGTH) return null;
  const parts = text.split('.');
  if (parts.length !== 5 || parts[0] !== QR_PREFIX) return null;
  const [, credText, ssigText, slotText, dsigText] = parts;
  if (!/^(0|[1-9]\d{0,11})$/.test(slotText)) return null;
  const cred = readCredential(credText);
  const ssig = b64urlDecode(ssigText);
  const dsig = b64urlDecode(dsigText);
  if (!cred || ssig?.length !== 64 || dsig?.length !== 64) return null;
  return { credText, cred, ssig, slot: Number(slotText), dsig };
}

export interface ParsedPaperQr {
  credText: string;
  cred: PaperCredential;
  ssig: Uint8Array;
}

export const isPaperQr = (text: string) => typeof text === 'string' && text.startsWith(`${PAPER_PREFIX}.`);

export function parsePaperQr(text: string): ParsedPaperQr | null {
  if (typeof text !== 'string' || text.length > MAX_QR_LENGTH) return null;
  const parts = text.split('.');
  if (parts.length !== 3 || parts[0] !== PAPER_PREFIX) return null;
  const cred = readPaperCredential(parts[1]);
  const ssig = b64urlDecode(parts[2]);
  if (!cred || ssig?.length !== 64) return null;
  return { credText: parts[1], cred, ssig };
}

/** The full QR text from the signed part ("<cred>.<ssig>") and this slot's device signature. */
export const composeQr = (signed: string, slot: number, dsig: Uint8Array) => `${QR_PREFIX}.${signed}.${slot}.${b64urlEncode(dsig)}`;

/** The printed paper code from its signed part ("<cred>.<ssig>"). */
export const composePaperQr = (signed: string) => `${PAPER_PREFIX}.${signed}`;
