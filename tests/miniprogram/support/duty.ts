/**
 * Volunteers on duty in tests: the compound's posts, shifts and a volunteer's duties as the
 * server describes them (times on 2024-03-05 in Shanghai, the day of MORNING), a small stateful
 * fake of the volunteer's duty actions, coverage reports for the secretary, and the wx APIs the duty pages use on top of the fake in
 * fake-wx.ts: the camera (scanCode), the location (getLocation, behind WeChat's privacy check) and
 * confirmation dialogs.
 */
import type { CoverageReport, CrewView, DutyView, HoursRow, PostCoverage, PostView, ShiftView, Suggestion, VolunteerView } from '../../../typings/duty';
import type { FakeWx, Handlers } from './fake-wx';
import { failure, installFakeWx } from './fake-wx';
import { VOLUNTEER_RESIDENT_ME } from './fixtures';
import { COMPOUND_ID, COMPOUND_NAME, HOUR } from './gate';
import type { MessageWx } from './messages';
import { addMessageWx } from './messages';

export { COMPOUND_ID, COMPOUND_NAME };

export const TODAY = '2024-03-05';
export const TOMORROW = '2024-03-06';
const MIDNIGHT = Date.UTC(2024, 2, 4, 16, 0, 0);

/** "08:00" on 2024-03-05 (or `days` later) in Shanghai, unix ms. */
export function at(hhmm: string, days = 0): number {
  const [h, m] = hhmm.split(':').map(Number);
  return MIDNIGHT + days * 24 * HOUR + h * HOUR + m * 60_000;
}

const dayOf = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

/* ───────────── posts, shifts, duties ───────────── */

/** The east gate: around the clock, 2–3 heads, check-in by the printed code only. */
export const GATE_POST: PostView = {
  id: 'post-east',
  compoundId: COMPOUND_ID,
  kind: 'gate',
  name: '东门执勤岗',
  gateId: 'g-xingfu-east',
  requiredSkills: [],
  preferredSkills: ['security'],
  minHeads: 2,
  maxHeads: 3,
  checkInBy: 'code',
  alwaysOn: true,
  active: true,
};

/** Disinfection: needs the skill, check-in by location within 100 m. */
export const CLEAN_POST: PostView = {
  id: 'post-clean',
  compoundId: COMPOUND_ID,
  kind: 'disinfection',
  name: '环境消毒岗',
  requiredSkills: ['disinfection'],
  preferredSkills: [],
  minHeads: 1,
  maxHeads: 2,
  location: { lat: 33.8701, lng: 109.9402, radius: 100 },
  checkInBy: 'location',
  alwaysOn: false,
  active: true,
};

/** Care for the elderly living alone: either way of checking in. */
export const CARE_POST: PostView = {
  id: 'post-care',
  compoundId: COMPOUND_ID,
  kind: 'care',
  name: '独居老人关爱岗',
  requiredSkills: [],
  preferredSkills: ['medical'],
  minHeads: 1,
  maxHeads: 1,
  checkInBy: 'either',
  alwaysOn: false,
  active: true,
};

export const POSTS = [GATE_POST, CLEAN_POST, CARE_POST];

export const crew = (openid: string, name: string, over: Partial<CrewView> = {}): CrewView => ({ openid, name, status: 'assigned', by: 'self', ...over });

/** A shift of `post` from `start` to `end` (as `at` gives them), nobody on it yet, not started at MORNING. */
export function shiftView(post: PostView, start: number, end: number, over: Partial<ShiftView> = {}): ShiftView {
  return {
    id: `${post.id}-${dayOf(start)}-${new Date(start + 8 * HOUR).toISOString().slice(11, 16)}`,
    postId: post.id,
    postName: post.name,
    kind: post.kind,
    compoundId: post.compoundId,
    day: dayOf(start),
    start,
    end,
    minHeads: post.minHeads,
    maxHeads: post.maxHeads,
    requiredSkills: post.requiredSkills,
    crew: [],
    full: false,
    started: false,
    flagged: false,
    backfill: false,
    ...over,
  };
}

/** The caller's duty on a shift: signed up, not yet checked in. */
export function dutyOf(shift: ShiftView, over: Partial<DutyView> = {}): DutyView {
  return {
    shiftId: shift.id,
    postId: shift.postId,
    postName: shift.postName,
    kind: shift.kind,
    compoundId: shift.compoundId,
    compoundName: COMPOUND_NAME,
    day: shift.day,
    start: shift.start,
    end: shift.end,
    status: 'assigned',
    ...over,
  };
}

export function volunteerView(openid: string, over: Partial<VolunteerView> = {}): VolunteerView {
  return {
    openid,
    compoundId: COMPOUND_ID,
    name: '赵志强',
    phoneMasked: '139****2468',
    skills: ['medical', 'driving'],
    partyMember: true,
    unitId: 'u-group-3',
    unitName: '3号楼党小组',
    unitKind: 'group',
    status: 'pending',
    appliedAt: at('06:00', -1),
    ...over,
  };
}

export function suggestion(openid: string, name: string, over: Partial<Suggestion> = {}): Suggestion {
  return { openid, name, skills: ['security'], partyMember: true, fit: 1, weekMinutes: 0, dayMinutes: 0, ...over };
}

/* ───────────── the volunteer's side of the server ───────────── */

/** What the fake server holds for one volunteer ("me", shown to others as 赵*强). */
export interface DutyWorld {
  posts: PostView[];
  shifts: ShiftView[];
  mine: DutyView[];
  week: HoursRow & { week: string };
}

export const ME = 'o-volunteer-zhao';

export function dutyWorld(over: Partial<DutyWorld> = {}): DutyWorld {
  return { posts: POSTS, shifts: [], mine: [], week: { week: '2024-03-04', minutes: 0, shifts: 0 }, ...over };
}

function duty(world: DutyWorld, shiftId: string): DutyView {
  const found = world.mine.find((d) => d.shiftId === shiftId);
  if (!found) throw failure('FAILED_PRECONDITION', '您没有报名这个班次', { reason: 'NOT_ASSIGNED' });
  return found;
}

function updateDuty(world: DutyWorld, next: DutyView): DutyView {
  world.mine = world.mine.map((d) => (d.shiftId === next.shiftId ? next : d));
  return next;
}

/** duty.* as the server answers one volunteer, over `world` (sign-up takes any open shift). */
export function volunteerHandlers(world: DutyWorld): Handlers {
  return {
    'account.me': () => VOLUNTEER_RESIDENT_ME,
    'duty.mine': () => ({ items: [...world.mine].sort((a, b) => a.start - b.start), week: world.week }),
    'duty.posts': ({ compoundId }) => ({ items: world.posts.filter((p) => p.compoundId === compoundId) }),
    'duty.shifts': ({ compoundId }) => ({ items: world.shifts.filter((s) => s.compoundId === compoundId) }),
    'duty.signup': ({ shiftId }) => {
      const shift = world.shifts.find((s) => s.id === shiftId);
      if (!shift) throw failure('NOT_FOUND', '班次不存在');
      const next = { ...shift, crew: [...shift.crew, crew(ME, '赵*强')] };
      next.full = next.crew.length >= next.maxHeads;
      world.shifts = world.shifts.map((s) => (s.id === shiftId ? next : s));
      world.mine = [...world.mine, dutyOf(next)];
      return next;
    },
    'duty.withdraw': ({ shiftId }) => {
      duty(world, shiftId);
      world.mine = world.mine.filter((d) => d.shiftId !== shiftId);
      const shift = world.shifts.find((s) => s.id === shiftId);
      const next = shift ? { ...shift, crew: shift.crew.filter((c) => c.openid !== ME), full: false } : undefined;
      if (next) world.shifts = world.shifts.map((s) => (s.id === shiftId ? next : s));
      return next ?? shiftView(GATE_POST, 0, 0, { id: shiftId });
    },
    'duty.checkIn': ({ shiftId }) => updateDuty(world, { ...duty(world, shiftId), status: 'on', checkInAt: Date.now() }),
    'duty.checkOut': ({ shiftId }) => {
      const current = duty(world, shiftId);
      const minutes = Math.round((Date.now() - (current.checkInAt ?? Date.now())) / 60_000);
      return updateDuty(world, { ...current, status: 'done', checkOutAt: Date.now(), minutes });
    },
  };
}

/* ───────────── wx: camera, location, dialogs ───────────── */

export interface DutyWx extends MessageWx {
  /** What the camera reads next, in order; when empty, the user cancels. */
  scans: string[];
  scanCode: jest.Mock<void, [WechatMiniprogram.ScanCodeOption]>;
  /** Where the phone is (gcj02), or why getLocation fails. */
  location: { latitude: number; longitude: number; accuracy: number } | { errMsg: string };
  getLocation: jest.Mock<void, [WechatMiniprogram.GetLocationOption]>;
}

/** Near the disinfection post, 30 m accurate. */
export const HERE = { latitude: 33.87012, longitude: 109.94025, accuracy: 30 };

/** Adds scanCode, getLocation and the dialogs to an installed fake. */
export function addDutyWx(fake: FakeWx): DutyWx {
  const api = addMessageWx(fake) as DutyWx;
  api.scans = [];
  api.location = HERE;
  api.scanCode = jest.fn((opts: WechatMiniprogram.ScanCodeOption) => {
    const result = api.scans.shift();
    void Promise.resolve().then(() => {
      if (result === undefined) opts.fail?.({ errMsg: 'scanCode:fail cancel' });
      else opts.success?.({ result, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' });
    });
  });
  // A privacy API: it waits for WeChat's privacy check, and fails as WeChat fails it when refused.
  api.getLocation = jest.fn((opts: WechatMiniprogram.GetLocationOption) => {
    void fake.privacy.check('getLocation').then(
      () => {
        const where = api.location;
        if ('errMsg' in where) opts.fail?.({ errMsg: where.errMsg });
        else
          opts.success?.({
            ...where,
            altitude: 0,
            horizontalAccuracy: where.accuracy,
            verticalAccuracy: 0,
            speed: 0,
            errMsg: 'getLocation:ok',
          } as WechatMiniprogram.GetLocationSuccessCallbackResult);
      },
      (refused: WechatMiniprogram.GeneralCallbackResult) => opts.fail?.(refused),
    );
  });
  Object.assign(fake.wx as unknown as Record<string, unknown>, { scanCode: api.scanCode, getLocation: api.getLocation });
  return api;
}

/** A volunteer's phone talking to `world`, with extra handlers (or overrides) if a test needs them. */
export function volunteerPhone(world: DutyWorld, handlers: Handlers = {}): FakeWx & { duty: DutyWx } {
  const fake = installFakeWx({ handlers: { ...volunteerHandlers(world), ...handlers } });
  return Object.assign(fake, { duty: addDutyWx(fake) });
}

/* ───────────── the secretary's side ───────────── */

/** Coverage of one post: `now` required/present and the day's gap. */
export function postCoverage(post: PostView, now: { required: number; present: number }, dayGap = 0): PostCoverage {
  return {
    postId: post.id,
    name: post.name,
    kind: post.kind,
    compoundId: post.compoundId,
    compoundName: COMPOUND_NAME,
    now: { ...now, gap: Math.max(0, now.required - now.present) },
    day: { shifts: 3, required: 6, assigned: 6 - dayGap, checkedIn: now.present, gap: dayGap },
  };
}

/** duty.coverage at the compound over these posts (in the order given), as of now. */
export function coverageReport(posts: PostCoverage[]): CoverageReport {
  const sum = (f: (p: PostCoverage) => number) => posts.reduce((n, p) => n + f(p), 0);
  const now = { required: sum((p) => p.now.required), present: sum((p) => p.now.present), gap: sum((p) => p.now.gap) };
  const day = {
    shifts: sum((p) => p.day.shifts),
    required: sum((p) => p.day.required),
    assigned: sum((p) => p.day.assigned),
    checkedIn: sum((p) => p.day.checkedIn),
    gap: sum((p) => p.day.gap),
  };
  return {
    orgId: COMPOUND_ID,
    orgName: COMPOUND_NAME,
    level: 'compound',
    day: dayOf(Date.now()),
    at: Date.now(),
    total: { posts: posts.length, postsWithGap: posts.filter((p) => p.now.gap > 0).length, now, day },
    posts,
    children: [],
  };
}
