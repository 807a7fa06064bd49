/**
 * The gate in tests: real pass QR codes (a server key and a device key made with the vendored
 * ed25519, the credential signed exactly as the server signs it, the rotating code made by the
 * resident-side `currentQr`), the wx APIs a gate phone uses on top of the fake wx (camera,
 * secure random, haptics), and a fake gate server that re-decides synced
 * events with the shared `decideGate` and remembers them by id.
 */
import { randomBytes } from 'crypto';
import type { GateDecision } from '../../../typings/api';
import type { GateEventInput, GateView, PaperCredential, PassCredential, PassRelation, TrustBundle } from '../../../typings/pass';
import { decideGate } from '../../../miniprogram/shared/gate/decide';
import { asciiBytes, b64urlEncode } from '../../../miniprogram/shared/pass/bytes';
import { composePaperQr, encodeCredential, encodePaperCredential } from '../../../miniprogram/shared/pass/codec';
import type { DeviceKey } from '../../../miniprogram/shared/pass/device';
import { currentQr, deviceKeyFromSeed } from '../../../miniprogram/shared/pass/device';
import { prepareTrust } from '../../../miniprogram/shared/pass/verify';
import { normalizePlate } from '../../../miniprogram/shared/plate';
import { ed25519 } from '../../../miniprogram/vendor/ed25519';
import type { FakeWx, FakeWxOptions, Handlers } from './fake-wx';
import { failure, installFakeWx } from './fake-wx';
import { VOLUNTEER_GRANT, VOLUNTEER_RESIDENT_ME } from './fixtures';

export const COMPOUND_ID = VOLUNTEER_GRANT.orgId;
export const COMPOUND_NAME = VOLUNTEER_GRANT.orgName;
export const EAST_GATE: GateView = { id: 'g-xingfu-east', compoundId: COMPOUND_ID, name: '东门' };
export const NORTH_GATE: GateView = { id: 'g-xingfu-north', compoundId: COMPOUND_ID, name: '北门' };
export const REGISTERED_PLATE = '陕H12345';

/** 2024-03-05 07:00 in Shanghai: a cold morning at the gate. */
export const MORNING = Date.UTC(2024, 2, 4, 23, 0, 0);
export const HOUR = 3600_000;
const DAY_S = 86400;

/* ───────────── keys and passes ───────────── */

export interface ServerKey {
  kid: string;
  secret: Uint8Array;
  publicKey: string;
}

const seed = () => new Uint8Array(randomBytes(32));

export function serverKey(kid = 'k1'): ServerKey {
  const secret = seed();
  return { kid, secret, publicKey: b64urlEncode(ed25519.getPublicKey(secret)) };
}

/** 王秀兰 (王*兰) of this compound, valid from yesterday for `days`. */
function credentialFields(key: ServerKey, days: number): Omit<PassCredential, 'dpk'> {
  const now = Math.floor(Date.now() / 1000);
  return { v: 1, kid: key.kid, pid: 'p7k2m9x4qa', cid: COMPOUND_ID, hh: '3号楼2单元502', nm: '王*兰', nbf: now - DAY_S, exp: now + days * DAY_S };
}

export interface IssuedPass {
  cred: PassCredential;
  /** "<cred>.<ssig>", what pass.credential returns. */
  signed: string;
  device: DeviceKey;
}

/**
 * A pass as the server issues it: valid from yesterday for 30 days, for 王秀兰 (王*兰) of this
 * compound; `signer` other than `key` makes a forgery carrying `key`'s kid.
 */
export function issuePass(key: ServerKey, over: Partial<PassCredential> = {}, signer: ServerKey = key): IssuedPass {
  const device = deviceKeyFromSeed(seed());
  const cred: PassCredential = { ...credentialFields(key, 30), dpk: device.publicKey, ...over };
  const credText = encodeCredential(cred);
  return { cred, signed: `${credText}.${b64urlEncode(ed25519.sign(asciiBytes(credText), signer.secret))}`, device };
}

/**
 * A printed paper code (LFP1) as the server signs it: for 王秀兰 of this compound, ID card ending
 * 123X, valid from yesterday for 90 days; `signer` other than `key` makes a forgery.
 */
export function issuePaper(key: ServerKey, over: Partial<PaperCredential> = {}, signer: ServerKey = key): { cred: PaperCredential; code: string } {
  const cred: PaperCredential = { ...credentialFields(key, 90), paper: 1, ps: 1, idt: '123X', ...over };
  const credText = encodePaperCredential(cred);
  return { cred, code: composePaperQr(`${credText}.${b64urlEncode(ed25519.sign(asciiBytes(credText), signer.secret))}`) };
}

/** The code the resident's phone shows at `nowMs`, signed by its device key (or another one). */
export const qrOf = (pass: IssuedPass, nowMs = Date.now(), deviceSecret = pass.device.secret) => currentQr(pass.signed, pass.cred.pid, deviceSecret, nowMs);

export function trustBundle(key: ServerKey, over: Partial<TrustBundle> = {}): TrustBundle {
  return {
    compoundId: COMPOUND_ID,
    keys: [{ kid: key.kid, publicKey: key.publicKey }],
    revoked: [],
    version: 1,
    issuedAt: Date.now(),
    visitorsAllowed: false,
    plates: [REGISTERED_PLATE],
    ...over,
  };
}

/* ───────────── the gate phone's wx ───────────── */

export interface GateWx extends FakeWx {
  /** What the camera reads next, in order; when empty, the volunteer cancels. */
  scans: string[];
  scanCode: jest.Mock<void, [WechatMiniprogram.ScanCodeOption]>;
  vibrateShort: jest.Mock<void, [WechatMiniprogram.VibrateShortOption]>;
  vibrateLong: jest.Mock<void, [WechatMiniprogram.VibrateLongOption]>;
  setKeepScreenOn: jest.Mock<void, [WechatMiniprogram.SetKeepScreenOnOption]>;
  setInnerAudioOption: jest.Mock<void, [WechatMiniprogram.SetInnerAudioOption]>;
  /** The clips played, in order (the player's src at each play()). */
  played: string[];
  /** Players made, and how many were destroyed. */
  audio: { created: number; destroyed: number };
  getRandomValues: jest.Mock<void, [WechatMiniprogram.GetRandomValuesOption]>;
}

export interface GateWxOptions extends FakeWxOptions {
  /** Base libraries before 2.22 have no wx.getRandomValues. */
  secureRandom?: boolean;
}

export function installGateWx({ secureRandom = true, ...options }: GateWxOptions = {}): GateWx {
  const fake = installFakeWx(options) as GateWx;
  const wx = fake.wx as unknown as Record<string, unknown>;
  fake.scans = [];
  fake.scanCode = jest.fn((opts: WechatMiniprogram.ScanCodeOption) => {
    const result = fake.scans.shift();
    void Promise.resolve().then(() => {
      if (result === undefined) opts.fail?.({ errMsg: 'scanCode:fail cancel' });
      else opts.success?.({ result, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' });
    });
  });
  fake.vibrateShort = jest.fn();
  fake.vibrateLong = jest.fn();
  fake.setKeepScreenOn = jest.fn();
  fake.setInnerAudioOption = jest.fn();
  fake.played = [];
  fake.audio = { created: 0, destroyed: 0 };
  const createInnerAudioContext = jest.fn(() => {
    fake.audio.created += 1;
    const player = {
      src: '',
      play: () => void fake.played.push(player.src),
      stop: () => undefined,
      destroy: () => void (fake.audio.destroyed += 1),
    };
    return player;
  });
  fake.getRandomValues = jest.fn((opts: WechatMiniprogram.GetRandomValuesOption) => {
    const bytes = new Uint8Array(randomBytes(opts.length));
    void Promise.resolve().then(() => {
      opts.success?.({ randomValues: bytes.buffer, errMsg: 'getRandomValues:ok' });
      opts.complete?.({ errMsg: 'getRandomValues:ok' });
    });
  });
  Object.assign(wx, {
    scanCode: fake.scanCode,
    vibrateShort: fake.vibrateShort,
    vibrateLong: fake.vibrateLong,
    setKeepScreenOn: fake.setKeepScreenOn,
    setInnerAudioOption: fake.setInnerAudioOption,
    createInnerAudioContext,
    removeStorageSync: jest.fn((key: string) => fake.storage.delete(key)),
    ...(secureRandom ? { getRandomValues: fake.getRandomValues } : {}),
  });
  return fake;
}

/* ───────────── the server's side of the gate ───────────── */

export interface GateServer {
  key: ServerKey;
  /** What pass.trust answers (with a fresh issuedAt) and what the server re-verifies with. */
  bundle: TrustBundle;
  gates: GateView[];
  /** Every event the server holds, by id, as it received it. */
  events: Map<string, { gateId: string; event: GateEventInput; decision: GateDecision }>;
  /** Ids the server leaves out of `results` (not acknowledged). */
  refuse: Set<string>;
  /** The next this many syncs are stored, but their reply never reaches the phone. */
  loseReplies: number;
  /** Households `gate.lookup` finds, with their approved passes (what a manual entry is decided from). */
  households: HouseholdFixture[];
}

export interface HouseholdFixture {
  buildingId: string;
  unit: string;
  room: string;
  household: string;
  passes: Array<{ passId: string; nameMasked: string; relation: PassRelation; validUntil: number }>;
}

/** 3号楼2单元502: 王*兰 and her mother, both with approved passes. */
export const WANG_HOUSEHOLD: HouseholdFixture = {
  buildingId: 'b-3',
  unit: '2',
  room: '502',
  household: '3号楼2单元502',
  passes: [
    { passId: 'pwanglan01', nameMasked: '王*兰', relation: 'self', validUntil: MORNING + 30 * 86_400_000 },
    { passId: 'pwangmu001', nameMasked: '李*', relation: 'family', validUntil: MORNING + 30 * 86_400_000 },
  ],
};

export function gateServer(over: Partial<GateServer> = {}): GateServer {
  const key = over.key ?? serverKey();
  return { key, bundle: trustBundle(key), gates: [EAST_GATE], events: new Map(), refuse: new Set(), loseReplies: 0, households: [WANG_HOUSEHOLD], ...over };
}

/** The server re-verifies every synced event with the shared decision. */
function redecide(server: GateServer, event: GateEventInput): GateDecision {
  const b = server.bundle;
  const ctx = { trust: prepareTrust(b), compoundId: b.compoundId, visitorsAllowed: b.visitorsAllowed, plates: new Set(b.plates.map(normalizePlate)) };
  const held = server.households.flatMap((h) => h.passes.map((p) => ({ ...p, household: h.household }))).find((p) => p.passId === event.passId);
  const pass =
    held && event.method === 'manual' ? { id: held.passId, compoundId: b.compoundId, status: 'approved' as const, validUntil: held.validUntil } : undefined;
  const outcome = decideGate(
    {
      kind: event.kind,
      direction: event.direction,
      at: event.at,
      qr: event.qr,
      temperature: event.temperature,
      idCheck: event.idCheck,
      plate: event.plate,
      method: event.method,
      pass,
    },
    ctx,
  );
  return {
    id: event.id,
    verdict: outcome.verdict,
    reason: outcome.reason,
    who: outcome.cred?.nm ?? (pass && held?.nameMasked),
    household: outcome.cred?.hh ?? (pass && held?.household),
    mismatch: outcome.verdict !== event.verdict,
  };
}

export function gateHandlers(server: GateServer): Handlers {
  return {
    'account.me': () => VOLUNTEER_RESIDENT_ME,
    'gate.list': ({ compoundId }) => ({ items: server.gates.filter((g) => g.compoundId === compoundId) }),
    'pass.trust': () => ({ ...server.bundle, issuedAt: Date.now() }),
    'org.directory': ({ parentId }) => ({
      items:
        parentId === COMPOUND_ID
          ? [...new Set(server.households.map((h) => h.buildingId))].map((id) => ({
              id,
              name: `${id.slice(2)}号楼`,
              level: 'building' as const,
              childCount: 0,
            }))
          : [],
    }),
    'gate.lookup': ({ buildingId, unit, room }) => {
      const found = server.households.find((h) => h.buildingId === buildingId && h.unit === unit && h.room === room);
      return { household: found?.household ?? `${buildingId.slice(2)}号楼${unit}单元${room}`, items: found?.passes ?? [] };
    },
    'gate.sync': ({ gateId, events }) => {
      // As the server: a whole batch is refused for one event stamped too long ago, naming it.
      const old = events.findIndex((e) => e.at < Date.now() - 7 * DAY_S * 1000);
      if (old >= 0) throw failure('INVALID_ARGUMENT', '事件时间不合理，请检查手机时间', { field: `data.events.${old}.at` });
      let accepted = 0;
      let duplicates = 0;
      const results: GateDecision[] = [];
      for (const event of events) {
        const held = server.events.get(event.id);
        if (held) duplicates += 1;
        else accepted += 1;
        const decision = held?.decision ?? redecide(server, event);
        if (!held) server.events.set(event.id, { gateId, event, decision });
        if (!server.refuse.has(event.id)) results.push(decision);
      }
      if (server.loseReplies > 0) {
        server.loseReplies -= 1;
        throw new Error('the reply was lost on the way back');
      }
      return { accepted, duplicates, results };
    },
  };
}

/** A gate phone talking to `server`, with extra handlers (or overrides) if a test needs them. */
export function gatePhone(server: GateServer, options: GateWxOptions = {}): GateWx {
  return installGateWx({ ...options, handlers: { ...gateHandlers(server), ...options.handlers } });
}

/** Modern fake timers for Date and setInterval only: replies and j-component events still flow. */
export function fakeClock(now = MORNING): void {
  jest.useFakeTimers({
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
      'performance',
      'hrtime',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
    ],
    now,
  });
}
