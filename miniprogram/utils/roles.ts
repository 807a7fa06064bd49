/**
 * Roles as the user sees them: labels, the entries (home tiles) each role gets, and what the
 * caller's grants come to (their roles, the compounds where they hold one).
 * An entry has a `url` only once its page exists (registered in app.json); until then the
 * home page shows it greyed as 即将上线 and it does nothing. tests/miniprogram checks every
 * url points at a registered page.
 */
import type { GrantView, Role } from '../../typings/domain';
import { ROUTES } from './routes';

export { LEVEL_LABELS, ROLE_LABELS } from '../shared/labels';

/** Highest authority first: the order role sections appear on the home page. */
export const ROLE_DISPLAY_ORDER: readonly Role[] = ['admin', 'staff', 'secretary', 'leader', 'volunteer', 'resident'];

export interface Entry {
  key: string;
  title: string;
  /** One short line under the title, in plain words. */
  hint: string;
  /** Absolute page path, set once the page exists. */
  url?: string;
  /** Its page works with no network (from what the phone keeps): offered as usual when home is offline. */
  offline?: boolean;
}

export const ROLE_ENTRIES: Record<Role, readonly Entry[]> = {
  resident: [
    { key: 'resident.pass', title: '出入证', hint: '进出小区时出示', url: ROUTES.pass, offline: true },
    { key: 'resident.health', title: '健康上报', hint: '每日体温与健康情况', url: ROUTES.health },
    { key: 'resident.household', title: '我的家庭', hint: '家庭成员与需要照顾的情况', url: ROUTES.household },
    { key: 'resident.notices', title: '通知', hint: '社区发布的通知', url: ROUTES.inbox },
    { key: 'resident.volunteer', title: '当志愿者', hint: '报名参加小区值守', url: ROUTES.volunteerJoin },
    { key: 'resident.report', title: '上报线索', hint: '返乡、密接、聚集等情况', url: ROUTES.caseReport },
    { key: 'resident.mydata', title: '我的数据', hint: '导出、查看记录、注销', url: ROUTES.myData },
    { key: 'resident.unit', title: '单位报到', hint: '驻社单位联络员认领吹哨', url: ROUTES.unit },
  ],
  volunteer: [
    { key: 'volunteer.scan', title: '扫码核验', hint: '门岗查验出入证', url: ROUTES.gateScan, offline: true },
    { key: 'volunteer.shifts', title: '我的班次', hint: '值守时间与签到', url: ROUTES.myShifts },
    { key: 'volunteer.disinfect', title: '环境消毒', hint: '今日消毒区域，拍照登记', url: ROUTES.disinfect },
    { key: 'volunteer.notices', title: '通知', hint: '发给志愿者的通知', url: ROUTES.inbox },
    { key: 'volunteer.report', title: '上报线索', hint: '返乡、密接、聚集等情况', url: ROUTES.caseReport },
  ],
  leader: [
    { key: 'leader.dashboard', title: '本楼看板', hint: '出入证、通知阅读情况', url: ROUTES.dashboard },
    { key: 'leader.residents', title: '本楼居民', hint: '住户与健康上报', url: ROUTES.buildingResidents },
    { key: 'leader.unread', title: '通知未读', hint: '谁还没看通知', url: ROUTES.noticeProgress },
    { key: 'leader.cases', title: '本楼线索', hint: '本楼上报的返乡、密接等', url: ROUTES.cases },
    { key: 'leader.inspect', title: '督导整改', hint: '上级督导发现的问题', url: ROUTES.inspect },
  ],
  secretary: [
    { key: 'secretary.dashboard', title: '防控看板', hint: '本小区情况，哪里最薄弱', url: ROUTES.dashboard },
    { key: 'secretary.passes', title: '出入证审批', hint: '审核居民的出入证申请', url: ROUTES.passReview },
    { key: 'secretary.scan', title: '扫码核验', hint: '在本小区门岗查验出入证', url: ROUTES.gateScan, offline: true },
    { key: 'secretary.gatelog', title: '门岗记录', hint: '今日进出与拒绝', url: ROUTES.gateLog },
    { key: 'secretary.notices', title: '发布通知', hint: '向本小区发布通知', url: ROUTES.noticePublish },
    { key: 'secretary.shifts', title: '排班', hint: '岗位与志愿者班次', url: ROUTES.rota },
    { key: 'secretary.volunteers', title: '志愿者', hint: '审核申请与党组织', url: ROUTES.volunteers },
    { key: 'secretary.disinfect', title: '消毒情况', hint: '今日各区域消毒完成情况', url: ROUTES.disinfection },
    { key: 'secretary.census', title: '健康与摸底', hint: '各楼摸底与今日上报', url: ROUTES.censusSummary },
    { key: 'secretary.alerts', title: '预警', hint: '发热、返乡等情况', url: ROUTES.alerts },
    { key: 'secretary.cases', title: '线索处置', hint: '返乡、密接、聚集的处置经过', url: ROUTES.cases },
    { key: 'secretary.inspect', title: '督导整改', hint: '上级督导发现的问题', url: ROUTES.inspect },
    { key: 'secretary.export', title: '导出台账', hint: '门岗、消毒、时长等记录导出为表格', url: ROUTES.exportLedger },
  ],
  staff: [
    { key: 'staff.dashboard', title: '防控看板', hint: '辖区情况，逐级查看', url: ROUTES.dashboard },
    { key: 'staff.notices', title: '发布通知', hint: '向辖区发布通知', url: ROUTES.noticePublish },
    { key: 'staff.alerts', title: '预警处置', hint: '处理上报的预警', url: ROUTES.alerts },
    { key: 'staff.census', title: '健康与摸底', hint: '辖区摸底与今日上报', url: ROUTES.censusSummary },
    { key: 'staff.cases', title: '线索处置', hint: '辖区线索与处置用时', url: ROUTES.cases },
    { key: 'staff.inbox', title: '收到的通知', hint: '上级发来的通知', url: ROUTES.inbox },
    { key: 'staff.invite', title: '邀请成员', hint: '生成邀请码，授予角色', url: ROUTES.invite },
    { key: 'staff.whistle', title: '社区吹哨', hint: '向部门单位求援', url: ROUTES.whistle },
    { key: 'staff.inspect', title: '督导检查', hint: '记录问题、核查整改', url: ROUTES.inspect },
    { key: 'staff.export', title: '导出台账', hint: '辖区各类记录导出为表格', url: ROUTES.exportLedger },
  ],
  admin: [
    { key: 'admin.dashboard', title: '防控看板', hint: '全区情况，逐级查看', url: ROUTES.dashboard },
    { key: 'admin.invite', title: '邀请成员', hint: '生成邀请码，授予角色', url: ROUTES.invite },
    { key: 'admin.census', title: '健康与摸底', hint: '全区摸底与今日上报', url: ROUTES.censusSummary },
    { key: 'admin.export', title: '导出台账', hint: '全区各类记录导出为表格', url: ROUTES.exportLedger },
    // Still to come: the tree itself, and who holds what (listing and revoking grants).
    { key: 'admin.org', title: '组织与授权', hint: '组织架构与人员授权' },
  ],
};

/** "商州区 / 城关街道 / 东关社区" */
export function orgPathLabel(grant: Pick<GrantView, 'orgPath' | 'orgName'>): string {
  return grant.orgPath.length ? grant.orgPath.map((node) => node.name).join(' / ') : grant.orgName;
}

/** A compound the caller can work at. */
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

/** The distinct roles among the grants, highest authority first. */
export function rolesOf(grants: readonly Pick<GrantView, 'role'>[]): Role[] {
  const held = new Set(grants.map((g) => g.role));
  return ROLE_DISPLAY_ORDER.filter((role) => held.has(role));
}
