/** health.*: the daily report (one per person per day), who is missing, the reminder, summaries, the cutoff. */
import dayjs from 'dayjs';
import * as z from 'zod/mini';
import type { HealthRow } from '../../typings/census';
import type { OrgDoc } from '../auth/nodes';
import { OVERSEERS } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { forbidden, invalid, precondition } from '../core/errors';
import { CUTOFF_PATTERN } from '../core/config';
import { dayOf, TZ } from '../core/time';
import { id, intRange, listOf, matching, numberIn } from '../core/validate';
import { canWrite, childrenOf, householdView } from '../census/views';
import { actingRole, resolveRoom } from '../census/access';
import { onRoom, optionalRoom, ROOM_LABELS } from '../census/fields';
import { householdId, personId, totalsOf } from '../census/model';
import { compareRooms } from '../census/write';
import { isDay } from '../duty/time';
import { enqueue } from '../messaging/outbox';
import type { TemplateFill } from '../messaging/templates';
import { action, type ActionContext } from '../runtime/action';
import { queryAll } from '../store/pages';
import { asDay, asRoster, HEALTH_PAGE, healthDayId, parseWhoKey, reportId, ROSTER, rosterId, SYMPTOMS, toReportView } from './model';
import { planFevers, writeReports, type Entry } from './report';

const AT_BUILDING = { levels: ['building'], message: '请选择一个楼栋' } as const;
/** Who sees a building's reports: its leader and those who run or oversee the compound. */
const HEALTH_READERS = ['leader', ...OVERSEERS] as const;

/** The compound's cutoff (HH:mm): its own, else the configured default. */
async function cutoffOf(ctx: ActionContext, compoundId: string): Promise<string> {
  return (await ctx.store.get('healthSettings', compoundId))?.cutoff ?? ctx.config.health.cutoff;
}

const cutoffInstant = (day: string, hhmm: string) => dayjs.tz(`${day} ${hhmm}`, 'YYYY-MM-DD HH:mm', TZ).valueOf();

/** A day asked about: today when absent; never in the future. */
function askedDay(ctx: ActionContext, date: string | undefined): string {
  const today = dayOf(ctx.clock.now());
  if (date === undefined) return today;
  if (!isDay(date)) throw invalid('data.date', '「日期」应为 YYYY-MM-DD');
  if (date > today) throw invalid('data.date', '「日期」不能晚于今天');
  return date;
}

/** Who a building expects reports from on a day and who reported: one read (the roster and the day document). */
async function expectedAndReported(ctx: ActionContext, b: OrgDoc, day: string) {
  const docs = await ctx.store.getMany('healthDays', [rosterId(b._id), healthDayId(b._id, day)]);
  const dayDoc = asDay(docs.find((d) => d.day === day));
  return { expected: asRoster(docs.find((d) => d.day === ROSTER))?.expected ?? {}, who: dayDoc?.who ?? {}, remindedAt: dayDoc?.remindedAt ?? null };
}

/** The expected people not among the reporters, in room order, names as the roster keeps them (masked). */
function lagging(b: OrgDoc, expected: Record<string, string>, who: Record<string, number>) {
  return Object.entries(expected)
    .filter(([key]) => !(key in who))
    .map(([key, name]) => {
      const { unit, room, memberId } = parseWhoKey(key);
      return { personId: personId(householdId(b._id, unit, room), memberId), name, unit, room };
    })
    .sort((x, y) => compareRooms(`${x.unit}-${x.room}`, `${y.unit}-${y.room}`) || x.personId.localeCompare(y.personId, 'en', { numeric: true }));
}

const dateField = () => z.optional(matching(/^\d{4}-\d{2}-\d{2}$/, '「日期」应为 YYYY-MM-DD'));

export const healthActions = [
  action('health.report', {
    roles: ['resident', 'leader'],
    scope: 'subtree',
    limit: { per: 'minute', max: 30 },
    target: { field: 'buildingId', ...AT_BUILDING },
    schema: z.strictObject({
      ...optionalRoom(),
      entries: listOf(
        z.strictObject({
          memberId: intRange(1, 9999),
          temperature: numberIn(35, 42, '「体温」应在 35.0–42.0 ℃ 之间'),
          symptoms: listOf(z.enum(SYMPTOMS), 0, SYMPTOMS.length),
        }),
        1,
        20,
      ),
    }),
    labels: { ...ROOM_LABELS, entries: '上报成员', 'entries.memberId': '成员', 'entries.temperature': '体温', 'entries.symptoms': '症状' },
    handle: async (req, ctx) => {
      const ref = await resolveRoom(ctx, req);
      const role = actingRole(ctx, ref, ['leader']);
      if (!role) throw forbidden('只能为本户成员上报；楼栋长可为本楼居民代报');
      const household = await ctx.store.get('households', householdId(ref.building._id, ref.unit, ref.room));
      if (!household || household.status !== 'occupied' || !household.members.length)
        throw precondition('请先在「我的家庭」登记家庭成员', { field: 'data.entries' });
      const members = new Map(household.members.map((m) => [m.id, m]));
      const seen = new Set<number>();
      const entries: Entry[] = req.entries.map((e, i) => {
        const member = members.get(e.memberId);
        if (!member) throw invalid(`data.entries.${i}.memberId`, '该成员不在本户，请刷新后重试');
        if (seen.has(e.memberId)) throw invalid(`data.entries.${i}.memberId`, '同一成员出现了两次');
        seen.add(e.memberId);
        if (Math.round(e.temperature * 10) !== e.temperature * 10) throw invalid(`data.entries.${i}.temperature`, '「体温」保留一位小数，例如 36.5');
        if (new Set(e.symptoms).size !== e.symptoms.length) throw invalid(`data.entries.${i}.symptoms`, '「症状」有重复');
        return { member, temperature: e.temperature, symptoms: [...e.symptoms].sort() };
      });
      const now = ctx.clock.now();
      const day = dayOf(now);
      const cutoff = await cutoffOf(ctx, household.compoundId);
      const plans = await planFevers(ctx.store, ref.building, household, entries, day, ctx.caller.openid);
      const by = role === 'resident' ? 'household' : 'leader';
      const out = await ctx.store.transaction((tx) =>
        writeReports(tx, { building: ref.building, household, entries, day, by, byId: ctx.caller.openid, now, cutoffAt: cutoffInstant(day, cutoff), plans }),
      );
      return { day, cutoff, reports: out.reports.map(toReportView), alerts: out.alerts };
    },
  }),

  action('health.today', {
    roles: ['resident', 'leader'],
    ...onRoom(),
    handle: async (req, ctx) => {
      const ref = await resolveRoom(ctx, req);
      if (!actingRole(ctx, ref, ['leader'])) throw forbidden('只能查看本户的上报');
      const now = ctx.clock.now();
      const day = dayOf(now);
      const hhId = householdId(ref.building._id, ref.unit, ref.room);
      const [doc, cutoff] = await Promise.all([ctx.store.get('households', hhId), cutoffOf(ctx, ref.building.parentId!)]);
      const household = await householdView(ctx, ref, doc, canWrite(ctx, ref));
      const reports = doc?.members.length
        ? await ctx.store.getMany(
            'healthReports',
            doc.members.map((m) => reportId(personId(hhId, m.id), day)),
          )
        : [];
      return { day, cutoff, open: now <= cutoffInstant(day, cutoff), household, reports: reports.map(toReportView).sort((a, b) => a.memberId - b.memberId) };
    },
  }),

  action('health.missing', {
    roles: HEALTH_READERS,
    scope: 'subtree',
    target: { field: 'buildingId', ...AT_BUILDING },
    schema: z.strictObject({ buildingId: id(), date: dateField() }),
    labels: { buildingId: '楼栋', date: '日期' },
    handle: async (req, ctx) => {
      const day = askedDay(ctx, req.date);
      const { expected, who, remindedAt } = await expectedAndReported(ctx, ctx.target, day);
      const missing = lagging(ctx.target, expected, who);
      const total = Object.keys(expected).length;
      return { day, expected: total, reported: total - missing.length, missing, remindedAt };
    },
  }),

  action('health.remind', {
    roles: ['leader', 'secretary'],
    scope: 'subtree',
    limit: { per: 'minute', max: 10 },
    target: { field: 'buildingId', ...AT_BUILDING },
    schema: z.strictObject({ buildingId: id() }),
    labels: { buildingId: '楼栋' },
    handle: async (_req, ctx) => {
      const b = ctx.target;
      const now = ctx.clock.now();
      const day = dayOf(now);
      const dayId = healthDayId(b._id, day);
      const [{ expected, who, remindedAt }, users, cutoff] = await Promise.all([
        expectedAndReported(ctx, b, day),
        queryAll(ctx.store, 'users', { where: { 'household.buildingId': b._id }, orderBy: [{ field: '_id' }] }, 5),
        cutoffOf(ctx, b.parentId!),
      ]);
      if (remindedAt) return { day, queued: 0, alreadySent: true };
      const rooms = new Set(lagging(b, expected, who).map((m) => `${m.unit}-${m.room}`));
      const to = users.filter((u) => u.household && !u.erasedAt && rooms.has(`${u.household.unit}-${u.household.room}`)).map((u) => u._id);
      const values: TemplateFill<'healthReminder'> = { building: b.name, day: String(now), note: `今日健康情况尚未上报完整，请在 ${cutoff} 前上报` };
      const queued = await ctx.store.transaction(async (tx) => {
        const current = asDay(await tx.get('healthDays', dayId));
        if (current?.remindedAt) return -1;
        if (current) await tx.update('healthDays', dayId, { remindedAt: now });
        else
          await tx.insert('healthDays', {
            _id: dayId,
            buildingId: b._id,
            path: [...b.path, b._id],
            day,
            reported: 0,
            abnormal: 0,
            who: {},
            remindedAt: now,
            createdAt: now,
          });
        return enqueue(
          tx,
          to.map((openid) => ({
            key: `health.remind:${dayId}:${openid}`,
            kind: 'health.remind',
            template: 'healthReminder',
            to: openid,
            page: HEALTH_PAGE,
            values,
          })),
          now,
        );
      });
      return queued < 0 ? { day, queued: 0, alreadySent: true } : { day, queued, alreadySent: false };
    },
  }),

  action('health.summary', {
    roles: HEALTH_READERS,
    scope: 'subtree',
    target: { field: 'orgId' },
    schema: z.strictObject({ orgId: id(), date: dateField() }),
    labels: { orgId: '组织', date: '日期' },
    handle: async (req, ctx) => {
      const day = askedDay(ctx, req.date);
      const node = ctx.target;
      const children = await childrenOf(ctx.store, node);
      const [counts, found] = await Promise.all([
        ctx.store.getMany('censusCounts', [node._id, ...children.map((c) => c._id)]),
        node.level === 'building'
          ? ctx.store.getMany('healthDays', [healthDayId(node._id, day)])
          : queryAll(ctx.store, 'healthDays', { where: { path: { $has: node._id }, day }, orderBy: [{ field: '_id' }] }, 20),
      ]);
      const days = found.flatMap((d) => asDay(d) ?? []);
      const people = new Map(counts.map((c) => [c._id, totalsOf(c).people]));
      const row = (o: OrgDoc): HealthRow => ({ orgId: o._id, name: o.name, level: o.level, reported: 0, expected: people.get(o._id) ?? 0, abnormal: 0 });
      const total = row(node);
      const rows = new Map(children.map((c) => [c._id, row(c)]));
      const depth = node.path.length + 1;
      for (const d of days) {
        total.reported += d.reported;
        total.abnormal += d.abnormal;
        const child = rows.get(d.path[depth]);
        if (child) {
          child.reported += d.reported;
          child.abnormal += d.abnormal;
        }
      }
      return { day, total, children: [...rows.values()] };
    },
  }),

  action('health.settings', {
    roles: OVERSEERS,
    scope: 'subtree',
    limit: { per: 'minute', max: 20 },
    target: { field: 'compoundId', ...AT_COMPOUND },
    schema: z.strictObject({ compoundId: id(), cutoff: z.optional(matching(CUTOFF_PATTERN, '「截止时间」应为 HH:mm，例如 20:00')) }),
    labels: { compoundId: '小区', cutoff: '截止时间' },
    handle: async (req, ctx) => {
      const c = ctx.target;
      if (req.cutoff === undefined) return { compoundId: c._id, cutoff: await cutoffOf(ctx, c._id) };
      if (!ctx.caller.covering(c, ['secretary']).length) throw forbidden('只有小区书记可以修改上报截止时间');
      const cutoff = req.cutoff;
      const now = ctx.clock.now();
      await ctx.store.transaction(async (tx) => {
        const fields = { cutoff, updatedAt: now, updatedBy: ctx.caller.openid };
        if (!(await tx.update('healthSettings', c._id, fields))) await tx.insert('healthSettings', { _id: c._id, ...fields });
      });
      return { compoundId: c._id, cutoff };
    },
  }),
];
