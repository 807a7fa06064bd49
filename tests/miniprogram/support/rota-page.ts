/**
 * The secretary's rota page against a fake server: today's shifts at the east gate (the night
 * shift on duty, the day shift one short, the evening nobody yet), suggestions and post codes.
 */
import type { ShiftView } from '../../../typings/duty';
import type { FakeWx, Handlers } from './fake-wx';
import { installFakeWx } from './fake-wx';
import type { DutyWx } from './duty';
import { CARE_POST, CLEAN_POST, GATE_POST, POSTS, addDutyWx, at, coverageReport, crew, postCoverage, shiftView, suggestion } from './duty';
import { EAST_GATE, NORTH_GATE, fakeClock } from './gate';
import { SECRETARY_ME } from './messages';
import type { Page } from './mp';
import { textOf } from './mp';
import type { PassWx } from './pass-wx';
import { addPassWx } from './pass-wx';

export const ROTA = 'staff/pages/rota/rota';

/** Today at the east gate: the night shift on duty, the day shift one short, the evening nobody yet. */
export const NIGHT = shiftView(GATE_POST, at('00:00'), at('08:00'), {
  started: true,
  crew: [crew('o-li', '李明', { status: 'on', checkInAt: at('23:50', -1) }), crew('o-wu', '吴刚', { status: 'on', checkInAt: at('00:20'), late: true })],
});
export const DAY = shiftView(GATE_POST, at('08:00'), at('16:00'), { crew: [crew('o-zhao', '赵志强', { by: 'secretary' })] });
export const EVENING = shiftView(GATE_POST, at('16:00'), at('24:00'));
export const NOON = shiftView(CLEAN_POST, at('12:00'), at('14:00'), { crew: [crew('o-sun', '孙立')] });
export const TOMORROW_DAY = shiftView(GATE_POST, at('08:00', 1), at('16:00', 1));

export const SUGGESTIONS = [
  suggestion('o-qian', '钱多多', { fit: 1, weekMinutes: 0, unitName: '3号楼党小组' }),
  suggestion('o-zhou', '周平', { fit: 1, weekMinutes: 480, dayMinutes: 240, partyMember: false, skills: ['security', 'driving'] }),
  suggestion('o-zheng', '郑和', { fit: 0, weekMinutes: 60, skills: [] }),
];

export interface Rota {
  shifts: ShiftView[];
}

export type Phone = FakeWx & { duty: DutyWx; canvas: PassWx };

export function serve(handlers: Handlers = {}): Phone & { rota: Rota } {
  const rota: Rota = { shifts: [NIGHT, DAY, EVENING, NOON, TOMORROW_DAY] };
  const fake = installFakeWx({
    handlers: {
      'account.me': () => SECRETARY_ME,
      // The server's order; the page puts the gaps first.
      'duty.coverage': () =>
        coverageReport([
          postCoverage(CARE_POST, { required: 0, present: 0 }),
          postCoverage(CLEAN_POST, { required: 0, present: 0 }, 1),
          postCoverage(GATE_POST, { required: 2, present: 1 }, 3),
        ]),
      'duty.posts': () => ({ items: POSTS }),
      'duty.shifts': ({ day }) => ({ items: rota.shifts.filter((s) => s.day === day) }),
      'duty.suggest': () => ({ items: SUGGESTIONS }),
      'duty.assign': ({ shiftId, openid }) => {
        const name = SUGGESTIONS.find((s) => s.openid === openid)?.name ?? openid;
        rota.shifts = rota.shifts.map((s) => (s.id === shiftId ? { ...s, crew: [...s.crew, crew(openid, name, { by: 'secretary' })] } : s));
        return rota.shifts.find((s) => s.id === shiftId) as ShiftView;
      },
      'duty.withdraw': ({ shiftId, openid }) => {
        rota.shifts = rota.shifts.map((s) => (s.id === shiftId ? { ...s, crew: s.crew.filter((c) => c.openid !== openid) } : s));
        return rota.shifts.find((s) => s.id === shiftId) as ShiftView;
      },
      'duty.generate': () => ({ created: 21, existing: 0, skipped: 0 }),
      'duty.postCode': ({ postId }) => ({ code: `LFD1.eyJ2IjoxLCJwb3N0IjoiJHtwb3N0SWR9In0.${postId}-c2lnbmF0dXJl`, expiresAt: at('00:00', 30) }),
      'gate.list': () => ({ items: [EAST_GATE, NORTH_GATE] }),
      'duty.savePost': (req) => ({
        ...GATE_POST,
        ...req,
        id: req.postId ?? 'post-new',
        gateId: req.gateId,
        location: req.location && { ...req.location, radius: req.location.radius ?? 100 },
        preferredSkills: req.preferredSkills ?? [],
        requiredSkills: req.requiredSkills ?? [],
        checkInBy: req.checkInBy ?? 'either',
        alwaysOn: req.alwaysOn ?? false,
        active: req.active ?? true,
      }),
      ...handlers,
    },
  });
  return Object.assign(fake, { duty: addDutyWx(fake), canvas: addPassWx(fake), rota });
}

export const shift = (page: Page, s: { id: string }, part: string) => textOf(page, `#shift-${s.id} ${part}`);

/** Every test of the file starts at 07:00 (a fake clock) and returns to real timers. */
export function atSevenInTheMorning(): void {
  beforeEach(() => fakeClock(at('07:00')));
  afterEach(() => jest.useRealTimers());
}
