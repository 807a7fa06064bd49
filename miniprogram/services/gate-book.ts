/**
 * The volunteer phone's gate book: everything the gate needs to work with no network.
 *
 *  - Trust cache: `pass.trust` per compound, kept in wx storage (with the server's `issuedAt`),
 *    refreshed whenever the network allows; decisions are made from the cache only.
 *  - Decisions: `decideGate` (shared with the server) on the cached bundle, nothing else.
 *  - Event queue: every decision becomes a GateEventInput with a phone-made uuid, written to
 *    storage at once (one key per event, so a long offline morning never hits the 1 MB per-key
 *    limit), then sent with `gate.sync` in batches of ≤ 200, oldest first, with the phone's
 *    (corrected) time of sending, so the server can tell how far the phone's clock is off. An
 *    event leaves the queue only when the server has acknowledged its id; a failed or partial
 *    sync keeps the rest.
 *  - Local log: the last decisions of this phone, masked (no QR text, no full phone number),
 *    with the server's verdict beside the phone's once it is known.
 *
 * Also the gate's display helpers (Asia/Shanghai times, labels, row formatting) that the
 * volunteer and secretary subpackages both use; they can share only main-package code.
 */
import type { GateDecision } from '../../typings/api';
import type { GrantView, Role } from '../../typings/domain';
import type { Direction, GateDenyReason, GateEventInput, GateEventKind, GateEventView, TrustBundle, Verdict, VerifyReason } from '../../typings/pass';
import type { GateContext, GateOutcome } from '../shared/gate/decide';
import { GATE_REASON_TEXT, decideGate } from '../shared/gate/decide';
import { VERIFY_REASON_TEXT, prepareTrust } from '../shared/pass/verify';
import { maskName, maskPhone } from '../shared/mask';
import { isPlate, normalizePlate } from '../shared/plate';
import { call } from './api';
import * as clock from './clock';
import { agoText, HOUR, MINUTE, shanghaiClock, shanghaiDate, shanghaiDateTime, startOfShanghaiDay, updatedAtText } from '../shared/time';
import { fieldPatch } from '../utils/form';

export { agoText, fieldPatch, shanghaiClock, shanghaiDate, shanghaiDateTime, startOfShanghaiDay };

export { maskName, maskPhone };
import type { ApiCallError } from './errors';
import { toCallError } from './errors';

export { watchNetwork } from './network';

/* time helpers live in shared/time.ts (the server and other subpackages use them too) */

/* ───────────── labels and masking ───────────── */

export const KIND_LABELS: Record<GateEventKind, string> = { resident: '居民', visitor: '访客', courier: '快递外卖', vehicle: '车辆' };
export const DIRECTION_LABELS: Record<Direction, string> = { in: '进', out: '出' };
export const VERDICT_LABELS: Record<Verdict, string> = { allow: '放行', deny: '禁止通行' };
export const COURIER_KIND_LABELS = { courier: '快递', delivery: '外卖' } as const;
export type CourierKind = keyof typeof COURIER_KIND_LABELS;

/** Why a decision denied, in plain Chinese ('' for none). */
export function reasonText(reason?: GateDenyReason): string {
  if (!reason) return '';
  return (VERIFY_REASON_TEXT as Record<string, string>)[reason as VerifyReason] ?? GATE_REASON_TEXT[reason as keyof typeof GATE_REASON_TEXT] ?? reason;
}

/** The message under a plate field ('' when it is a plate). */
export function plateError(raw: string): string {
  if (!raw.trim()) return '请填写车牌号';
  return isPlate(raw) ? '' : '车牌号不正确，例如 陕H12345 或 陕HD12345';
}

/* ───────────── the caller's compounds ───────────── */

export interface CompoundChoice {
  id: string;
  name: string;
}

/** The compounds where the caller holds one of `roles` (grants at a compound), first grant first. */
export function compoundsOf(grants: readonly GrantView[], roles: readonly Role[]): CompoundChoice[] {
  const seen = new Set<string>();
  const out: CompoundChoice[] = [];
  for (const g of grants) {
    if (!roles.includes(g.role) || g.orgLevel !== 'compound' || seen.has(g.orgId)) continue;
    seen.add(g.orgId);
    out.push({ id: g.orgId, name: g.orgName });
  }
  return out;
}

/* ───────────── trust cache ───────────── */

export const TRUST_REFRESH_MS = 5 * MINUTE;
/** Older than this, the page warns: revocations and policy changes may be missing. */
export const TRUST_STALE_MS = 12 * HOUR;

export const STORAGE = {
  trust: (compoundId: string) => `lf.gate.trust.${compoundId}`,
  /** The volunteer's chosen gate. */
  post: 'lf.gate.post',
  /** Pending event ids, oldest first. */
  queue: 'lf.gate.queue',
  event: (id: string) => `lf.gate.event.${id}`,
  /** LogRow[], newest first. */
  log: 'lf.gate.log',
} as const;

/** The gate a volunteer stands at, remembered across launches. */
export interface Post {
  compoundId: string;
  compoundName: string;
  gateId: string;
  gateName: string;
}

export function savedPost(): Post | null {
  const value = wx.getStorageSync(STORAGE.post) as Post | '';
  return value && typeof value === 'object' && value.gateId && value.compoundId ? value : null;
}

export function savePost(post: Post): void {
  wx.setStorageSync(STORAGE.post, post);
}

function isBundle(value: unknown): value is TrustBundle {
  const b = value as Partial<TrustBundle> | null;
  return typeof b === 'object' && b !== null && Array.isArray(b.keys) && Array.isArray(b.revoked) && typeof b.issuedAt === 'number';
}

export function cachedTrust(compoundId: string): TrustBundle | null {
  const value: unknown = wx.getStorageSync(STORAGE.trust(compoundId));
  return isBundle(value) && value.compoundId === compoundId ? value : null;
}

/** Fetches and caches the compound's bundle; rejects (cache untouched) when the server cannot be reached. */
export async function refreshTrust(compoundId: string): Promise<TrustBundle> {
  const bundle = await call('pass.trust', { compoundId });
  const held = cachedTrust(compoundId);
  // An older reply (a slow request overtaken by a newer one) never replaces a newer bundle.
  if (!held || bundle.issuedAt >= held.issuedAt) wx.setStorageSync(STORAGE.trust(compoundId), bundle);
  return cachedTrust(compoundId) ?? bundle;
}

export interface TrustStatus {
  /** No bundle yet: nothing can be verified. */
  missing: boolean;
  /** Older than 12 hours. */
  stale: boolean;
  /** "核验数据更新于 07:05（3 分钟前）" */
  label: string;
}

export function trustStatus(bundle: TrustBundle | null, now: number): TrustStatus {
  if (!bundle) return { missing: true, stale: true, label: '尚无核验数据，请连接网络后重试' };
  return { missing: false, stale: now - bundle.issuedAt > TRUST_STALE_MS, label: `核验数据更新于 ${updatedAtText(bundle.issuedAt, now)}` };
}

let prepared: { key: string; ctx: GateContext } | null = null;

function contextOf(bundle: TrustBundle): GateContext {
  const key = `${bundle.compoundId}|${bundle.version}|${bundle.issuedAt}`;
  if (prepared?.key !== key) {
    const ctx = { trust: prepareTrust(bundle), compoundId: bundle.compoundId, visitorsAllowed: bundle.visitorsAllowed, plates: new Set(bundle.plates.map(normalizePlate)) };
    prepared = { key, ctx };
  }
  return prepared.ctx;
}

/* ───────────── decisions ───────────── */

/** What the volunteer scanned or typed in. */
export interface GateSubject {
  kind: GateEventKind;
  direction: Direction;
  qr?: string;
  temperature?: number;
  plate?: string;
  person?: GateEventInput['person'];
}

/** The decision the phone makes from the cached bundle, exactly as the server will re-make it. */
export function decide(subject: GateSubject, at: number, bundle: TrustBundle): GateOutcome {
  return decideGate({ kind: subject.kind, direction: subject.direction, at, qr: subject.qr, temperature: subject.temperature, plate: subject.plate }, contextOf(bundle));
}

/* ───────────── event ids ───────────── */

const ID_BYTES = 16;
let pool: number[] = [];
let refilling = false;
let counter = 0;

/** Asks for random bytes ahead of time, so recording a decision never waits. */
export function primeIds(): void {
  if (refilling || pool.length >= ID_BYTES * 16 || typeof wx.getRandomValues !== 'function') return;
  refilling = true;
  try {
    wx.getRandomValues({
      length: ID_BYTES * 64,
      success: (res) => {
        pool = pool.concat(Array.from(new Uint8Array(res.randomValues)));
      },
      complete: () => {
        refilling = false;
      },
    });
  } catch {
    refilling = false;
  }
}

/** Time, a counter and Math.random: unique enough on one phone when no secure bytes are at hand. */
function fallbackBytes(): number[] {
  const bytes: number[] = [];
  let t = Date.now();
  for (let i = 0; i < 6; i++) {
    bytes.unshift(t % 256);
    t = Math.floor(t / 256);
  }
  counter = (counter + 1) % 65536;
  bytes.push(counter >> 8, counter & 255);
  for (let i = 0; i < 8; i++) bytes.push(Math.floor(Math.random() * 256));
  return bytes;
}

/** A uuid v4 from wx.getRandomValues, or of the same shape from the fallback. */
export function newEventId(): string {
  const bytes = pool.length >= ID_BYTES ? pool.splice(0, ID_BYTES) : fallbackBytes();
  if (pool.length < ID_BYTES * 8) primeIds();
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/* ───────────── the book: queue and local log ───────────── */

export const SYNC_BATCH = 200;
export const LOG_SIZE = 50;

/** One decision of this phone as its log keeps it: masked, with the server's verdict once known. */
export interface LogRow extends Omit<GateEventView, 'verdict' | 'reason' | 'volunteer'> {
  /** The server acknowledged it. */
  synced: boolean;
  /** The server's verdict, once synced. */
  verdict?: Verdict;
  reason?: GateDenyReason;
  /** The server refused the event itself (e.g. a phone clock far off): why. It left the queue. */
  rejected?: string;
}

interface StoredEvent {
  gateId: string;
  event: GateEventInput;
}

const readList = <T>(key: string): T[] => {
  const value: unknown = wx.getStorageSync(key);
  return Array.isArray(value) ? (value as T[]) : [];
};

const readQueue = () => readList<string>(STORAGE.queue);
export const readLog = () => readList<LogRow>(STORAGE.log);
export const pendingCount = () => readQueue().length;
export const isPending = (id: string) => readQueue().includes(id);

function readEvent(id: string): StoredEvent | null {
  const value = wx.getStorageSync(STORAGE.event(id)) as StoredEvent | '';
  return value && typeof value === 'object' && value.event?.id === id ? value : null;
}

/**
 * The credential to show a name from: none when its signature was never checked (an unknown
 * key) — a forged code must not put a name on screen or in the log.
 */
export const shownCredential = (outcome: GateOutcome) => (outcome.reason === 'UNKNOWN_KEY' ? undefined : outcome.cred);

function logRowOf(gateId: string, event: GateEventInput, outcome: GateOutcome): LogRow {
  const person = event.person;
  const cred = shownCredential(outcome);
  return {
    id: event.id,
    gateId,
    at: event.at,
    kind: event.kind,
    direction: event.direction,
    who: cred?.nm ?? (person?.name ? maskName(person.name) : undefined),
    household: cred?.hh,
    company: person?.company,
    phoneMasked: person?.phone ? maskPhone(person.phone) : undefined,
    plate: event.plate,
    temperature: event.temperature,
    phoneVerdict: event.verdict,
    phoneReason: event.reason,
    mismatch: false,
    synced: false,
  };
}

export interface Recorded {
  event: GateEventInput;
  row: LogRow;
  /** False when the phone's storage refused the write (full): the decision stands, the record is lost. */
  stored: boolean;
}

/** Keeps a decision: the event goes to storage at once and joins the queue; the log gets its row. */
export function record(gateId: string, subject: GateSubject, at: number, outcome: GateOutcome): Recorded {
  const event: GateEventInput = { id: newEventId(), at, kind: subject.kind, direction: subject.direction, verdict: outcome.verdict };
  if (subject.qr !== undefined) event.qr = subject.qr;
  if (subject.temperature !== undefined) event.temperature = subject.temperature;
  if (subject.plate !== undefined) event.plate = normalizePlate(subject.plate);
  if (subject.person) event.person = subject.person;
  if (outcome.reason) event.reason = outcome.reason;
  const row = logRowOf(gateId, event, outcome);
  let stored = true;
  try {
    wx.setStorageSync(STORAGE.event(event.id), { gateId, event } satisfies StoredEvent);
    wx.setStorageSync(STORAGE.queue, [...readQueue(), event.id]);
  } catch {
    stored = false;
  }
  try {
    wx.setStorageSync(STORAGE.log, [row, ...readLog()].slice(0, LOG_SIZE));
  } catch {
    // The log is for display only; the queue above is what matters.
  }
  return { event, row, stored };
}

/** The oldest pending event's gate, with up to SYNC_BATCH of that gate's events, oldest first. */
function nextBatch(): { gateId: string; events: GateEventInput[] } | null {
  const queue = readQueue();
  const events: GateEventInput[] = [];
  const orphans: string[] = [];
  let gateId = '';
  for (const id of queue) {
    const stored = readEvent(id);
    if (!stored) {
      orphans.push(id);
      continue;
    }
    gateId ||= stored.gateId;
    if (stored.gateId === gateId) events.push(stored.event);
    if (events.length === SYNC_BATCH) break;
  }
  if (orphans.length) wx.setStorageSync(STORAGE.queue, queue.filter((id) => !orphans.includes(id)));
  return events.length ? { gateId, events } : null;
}

/** Takes events out of the queue (and their stored copies), and updates their log rows. */
function retire(ids: ReadonlySet<string>, update: (row: LogRow) => LogRow): void {
  for (const id of ids) wx.removeStorageSync(STORAGE.event(id));
  wx.setStorageSync(STORAGE.queue, readQueue().filter((id) => !ids.has(id)));
  wx.setStorageSync(STORAGE.log, readLog().map((row) => (ids.has(row.id) ? update(row) : row)));
}

/** Drops the acknowledged events from the queue and writes the server's verdicts into the log. */
function acknowledge(results: readonly GateDecision[]): number {
  const queue = new Set(readQueue());
  const byId = new Map(results.filter((r) => queue.has(r.id)).map((r) => [r.id, r]));
  if (byId.size) {
    retire(new Set(byId.keys()), (row) => {
      const r = byId.get(row.id) as GateDecision;
      return { ...row, synced: true, verdict: r.verdict, reason: r.reason, mismatch: r.mismatch || r.verdict !== row.phoneVerdict };
    });
  }
  return byId.size;
}

/**
 * The server refuses a whole batch for one bad event and names it (`data.events.<i>…`), e.g.
 * one stamped by a phone whose clock was far off. Resending it can never succeed and would hold
 * up every later event, so it leaves the queue with the server's reason in the log. Returns
 * whether an event was set aside.
 */
function setAsideRefused(err: ApiCallError, events: readonly GateEventInput[]): boolean {
  const index = err.code === 'INVALID_ARGUMENT' ? /^data\.events\.(\d+)(\.|$)/.exec(err.field ?? '')?.[1] : undefined;
  const event = index === undefined ? undefined : events[Number(index)];
  if (!event) return false;
  retire(new Set([event.id]), (row) => ({ ...row, rejected: err.message }));
  return true;
}

export interface SyncResult {
  /** Events the server acknowledged in this run. */
  acknowledged: number;
  /** Still waiting. */
  pending: number;
  /** Why the run stopped early ('' when the queue is empty). */
  error: string;
}

let running: Promise<SyncResult> | null = null;

async function runSync(): Promise<SyncResult> {
  let acknowledged = 0;
  for (let batch = nextBatch(); batch; batch = nextBatch()) {
    let reply;
    try {
      reply = await call('gate.sync', { ...batch, sentAt: clock.now() });
    } catch (err) {
      const error = toCallError(err);
      if (setAsideRefused(error, batch.events)) continue;
      return { acknowledged, pending: pendingCount(), error: error.message };
    }
    const n = acknowledge(reply.results);
    acknowledged += n;
    // Nothing of the batch acknowledged: sending it again now would loop.
    if (!n) return { acknowledged, pending: pendingCount(), error: '服务器未确认这批记录，稍后自动重试' };
  }
  return { acknowledged, pending: 0, error: '' };
}

/** Sends the queue, oldest first; one run at a time (a second call joins the running one). */
export function syncQueue(): Promise<SyncResult> {
  running ??= runSync().finally(() => {
    running = null;
  });
  return running;
}

/* ───────────── one event, as a row on screen (the phone's log and the secretary's) ───────────── */

export interface EventRowView {
  id: string;
  time: string;
  kind: string;
  direction: string;
  /** "张* · 3号楼2单元301", "快递 · 顺丰 · 138****5678", "陕H12345" */
  who: string;
  temperature: string;
  verdict: Verdict;
  verdictText: string;
  reasonText: string;
  /** Waiting to sync (the phone's log only). */
  pending: boolean;
  /** The server refused the record (the phone's log only): why. */
  rejected: string;
  mismatch: boolean;
  /** What the other side said, when they disagreed. */
  mismatchText: string;
  /** The server doubts the gate phone's time for this event (secretary's log): "手机时间异常（手机记为 07:21）". */
  clockText: string;
}

type RowSource = Pick<GateEventView, 'id' | 'at' | 'kind' | 'direction' | 'who' | 'household' | 'company' | 'phoneMasked' | 'plate' | 'temperature' | 'phoneVerdict' | 'phoneReason' | 'mismatch' | 'clockFlag' | 'phoneAt'> & {
  verdict?: Verdict;
  reason?: GateDenyReason;
  synced?: boolean;
  rejected?: string;
};

const verdictLine = (verdict: Verdict, reason?: GateDenyReason) => [VERDICT_LABELS[verdict], reasonText(reason)].filter(Boolean).join(' · ');

/** What the gate phone's clock said, on the day of `at` as a time, else with its date. */
function clockLine(row: RowSource): string {
  if (!row.clockFlag) return '';
  if (row.phoneAt === undefined) return '手机时间异常';
  const claimed = shanghaiDate(row.phoneAt) === shanghaiDate(row.at) ? shanghaiClock(row.phoneAt) : shanghaiDateTime(row.phoneAt);
  return `手机时间异常（手机记为 ${claimed}）`;
}

/**
 * `side` is whose verdict the row leads with: the phone's own (volunteer log) or the server's
 * (secretary log); a disagreement names the other one.
 */
export function eventRowView(row: RowSource, side: 'phone' | 'server'): EventRowView {
  const server = row.verdict ? { verdict: row.verdict, reason: row.reason } : null;
  const phone = { verdict: row.phoneVerdict, reason: row.phoneReason };
  const lead = side === 'server' && server ? server : phone;
  const other = side === 'server' ? phone : server;
  const mismatch = Boolean(other && row.mismatch);
  return {
    id: row.id,
    time: shanghaiClock(row.at),
    kind: KIND_LABELS[row.kind],
    direction: DIRECTION_LABELS[row.direction],
    who: [row.plate, row.who, row.household, row.company, row.phoneMasked].filter(Boolean).join(' · '),
    temperature: row.temperature === undefined ? '' : `${row.temperature.toFixed(1)} ℃`,
    verdict: lead.verdict,
    verdictText: VERDICT_LABELS[lead.verdict],
    reasonText: reasonText(lead.reason),
    pending: row.synced === false && !row.rejected,
    rejected: row.rejected ?? '',
    mismatch,
    mismatchText: mismatch && other ? `${side === 'phone' ? '服务器核验' : '门岗手机判定'}：${verdictLine(other.verdict, other.reason)}` : '',
    clockText: clockLine(row),
  };
}
