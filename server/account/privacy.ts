/**
 * A person's rights over their data (PIPL; docs/PRIVACY.md): who read it (account.accessLog),
 * a copy of everything held (account.export), and erasure (account.delete, ./erase.ts).
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { AccessRecordView, AccountExport } from '../../typings/api';
import { ROLE_LABELS } from '../auth/roles';
import { maskName } from '../core/mask';
import { paging } from '../core/validate';
import { toCaseView } from '../cases/model';
import { toGateEventView } from '../gate/model';
import { action } from '../runtime/action';
import { pageResult, queryAll } from '../store/pages';
import type { Store } from '../store/port';
import { exportCensus } from '../census/personal';
import { ACCESS_LABELS, type AccessDoc } from './access';
import { eraseAction } from './erase';

/** Most items of one section of an export (the rest are counted in `truncated`). */
export const EXPORT_CAP = 200;

/** The reader's view of access records: viewers' names masked, nodes named; two reads per page. */
async function accessViews(store: Store, docs: AccessDoc[]): Promise<AccessRecordView[]> {
  const [viewers, orgs] = await Promise.all([
    docs.length ? store.getMany('users', [...new Set(docs.map((d) => d.viewer))]) : [],
    docs.length ? store.getMany('orgs', [...new Set(docs.map((d) => d.orgId))]) : [],
  ]);
  const nameOf = new Map(viewers.map((u) => [u._id, u.name]));
  const orgName = new Map(orgs.map((o) => [o._id, o.name]));
  return docs.map((d) => {
    const name = nameOf.get(d.viewer);
    return {
      who: name ? `${maskName(name)}（${ROLE_LABELS[d.role]}）` : ROLE_LABELS[d.role],
      role: d.role,
      orgName: orgName.get(d.orgId) ?? '',
      what: ACCESS_LABELS[d.action] ?? d.action,
      at: d.at,
    };
  });
}

const fmt = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The export in words: what each section holds, for a person rather than a program. */
function summaryText(d: AccountExport, generatedAt: number, keptDays: number): string {
  const lines = [`《我的数据》导出时间：${fmt(generatedAt)}（北京时间）`, ''];
  lines.push(`账号：姓名 ${d.account.name ?? '未登记'}，手机号 ${d.account.phone ?? '未登记'}`);
  if (d.household) lines.push(`住址：楼栋 ${d.household.buildingId}，${d.household.unit}单元 ${d.household.room}室`);
  lines.push(`角色：${d.grants.map((g) => `${ROLE_LABELS[g.role]}（${g.orgId}）`).join('、') || '无'}`);
  lines.push(`出入证：${d.passes.length} 张`);
  for (const p of d.passes) lines.push(`  · ${String(p.name)}，${String(p.household)}，状态 ${String(p.status)}，申请于 ${fmt(Number(p.createdAt))}`);
  lines.push(`出入记录（保留 ${keptDays} 天）：${d.gateEvents.length} 条`);
  lines.push(`登记车辆：${d.vehicles.map((v) => String(v.plate)).join('、') || '无'}`);
  lines.push(`志愿者申请：${d.volunteer.length} 份；值守记录：${d.duties.length} 条；消毒记录：${d.disinfectLogs.length} 条`);
  lines.push(`订阅消息授权：${d.consent ? '有记录' : '无'}`);
  lines.push(`已读通知：${d.notices.length} 条，其中已确认 ${d.notices.filter((n) => n.ackedAt !== undefined).length} 条`);
  lines.push(`上报的疫情线索：${d.cases.length} 条`);
  const members = (d.census?.members as unknown[] | undefined)?.length ?? 0;
  lines.push(`住户摸底：${d.census ? `本户登记 ${members} 人` : '无'}；健康上报（保留 ${keptDays} 天）：${d.healthReports.length} 条`);
  lines.push(`他人查看您信息的记录：${d.accessLog.length} 条`);
  for (const a of d.accessLog.slice(0, 20)) lines.push(`  · ${fmt(a.at)} ${a.who} ${a.orgName} ${a.what}`);
  lines.push('', '完整内容见同一次导出的 JSON 数据。如需更正或删除，可在「我的数据」中注销账号，或联系社区工作人员。');
  return lines.join('\n');
}

export const privacyActions = [
  action('account.accessLog', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({ ...paging(50) }),
    labels: { limit: '每页条数', cursor: '分页游标' },
    async handle(req, ctx) {
      const page = await ctx.store.query('accessLog', {
        where: { subjects: { $has: ctx.caller.openid } },
        orderBy: [{ field: 'at', dir: 'desc' }],
        limit: req.limit ?? 20,
        cursor: req.cursor,
      });
      const views = await accessViews(ctx.store, page.items);
      return pageResult({ ...page, items: views }, (v) => v);
    },
  }),

  action('account.export', {
    roles: 'anyone',
    scope: 'none',
    schema: z.strictObject({}),
    // Reads every collection about the caller: costly, and nobody needs it often.
    limit: { per: 'hour', max: 5 },
    async handle(_req, ctx) {
      const openid = ctx.caller.openid;
      const user = ctx.caller.user;
      const now = ctx.clock.now();
      const store = ctx.store;
      const capped = { limit: EXPORT_CAP };
      const passes = (await store.query('passes', { where: { holder: openid }, orderBy: [{ field: 'createdAt' }], ...capped })).items;
      const events = passes.length
        ? (await store.query('gateEvents', { where: { passId: { $in: passes.map((p) => p._id) } }, orderBy: [{ field: 'at' }], ...capped })).items
        : [];
      const vehicles =
        user?.phone && user.household
          ? (await queryAll(store, 'vehicles', { where: { compoundId: user.household.compoundId }, orderBy: [{ field: 'plate' }] }, 5)).filter(
              (v) => v.ownerPhone === user.phone,
            )
          : [];
      const [volunteer, duties, disinfections, consent, access, cases] = await Promise.all([
        store.query('volunteers', { where: { openid }, orderBy: [{ field: 'appliedAt' }], ...capped }),
        store.query('duties', { where: { openid }, orderBy: [{ field: 'start' }], ...capped }),
        store.query('disinfectLogs', { where: { openid }, orderBy: [{ field: 'doneAt' }], ...capped }),
        store.get('consents', openid),
        store.query('accessLog', { where: { subjects: { $has: openid } }, orderBy: [{ field: 'at', dir: 'desc' }], ...capped }),
        store.query('cases', { where: { reporter: openid }, orderBy: [{ field: 'reportedAt' }], ...capped }),
      ]);
      // Receipts live per (notice, home compound or node): look where the caller is homed.
      const homes = new Set<string>();
      if (user?.household) homes.add(user.household.compoundId);
      for (const g of user?.grants ?? []) homes.add([...g.path, g.orgId].slice(0, 4).at(-1)!);
      const notices: AccountExport['notices'] = [];
      for (const home of homes) {
        const reads = await store.query('noticeReads', { where: { path: { $has: home } }, orderBy: [{ field: 'noticeId' }], ...capped });
        for (const r of reads.items) {
          const mine = r.readers[openid];
          if (mine) notices.push({ noticeId: r.noticeId, readAt: mine.r, ...(mine.a !== undefined ? { ackedAt: mine.a } : {}) });
        }
      }
      const strip = <T extends { _v?: number }>({ _v: _version, ...rest }: T) => rest as Record<string, unknown>;
      const data: AccountExport = {
        account: { openid, name: user?.name ?? null, phone: user?.phone ?? null, createdAt: user?.createdAt ?? null },
        grants: (user?.grants ?? []).map((g) => ({ role: g.role, orgId: g.orgId, at: g.at })),
        household: user?.household ?? null,
        passes: passes.map(({ dpk: _key, lockId: _lock, ...p }) => strip(p)),
        gateEvents: events.map((e) => ({ ...toGateEventView(e) }) as Record<string, unknown>),
        vehicles: vehicles.slice(0, EXPORT_CAP).map(strip),
        volunteer: volunteer.items.map(strip),
        duties: duties.items.map(strip),
        disinfectLogs: disinfections.items.map(strip),
        consent: consent ? strip(consent) : null,
        notices: notices.slice(0, EXPORT_CAP),
        accessLog: await accessViews(store, access.items),
        // As the reporter sees them in 我的上报: the person they concern masked, other actors by role.
        cases: cases.items.map((c) => ({ ...toCaseView(c, false) }) as Record<string, unknown>),
        ...(await exportCensus(store, user, EXPORT_CAP)),
      };
      const truncated = Object.entries(data).flatMap(([k, v]) => (Array.isArray(v) && v.length >= EXPORT_CAP ? [k] : []));
      await store.insert('audit', { _id: randomUUID(), kind: 'export', actor: openid, subject: openid, at: now });
      return { data, summary: summaryText(data, now, ctx.config.retention.days), generatedAt: now, truncated };
    },
  }),

  eraseAction,
];
