/**
 * The subscription-message templates (订阅消息), one table for both sides: per purpose the WeChat
 * template id, whether it is long-term, and which value fills each of its fields. The phone asks
 * consent with these ids (services/subscribe.ts); the server sends with the same ids and fills the
 * fields (server/messaging/templates.ts). Nothing overrides them: a server sending with an id the
 * phone never asked for would be refused every time (43101).
 *
 * Before a release, per template (mp.weixin.qq.com → 功能 → 订阅消息):
 *  1. 公共模板库 (一次性订阅, or 长期订阅 if the category allows it — README): search the title in
 *     the comment and pick one whose keywords cover the fields listed, with those types (thing =
 *     short text, phrase = ≤ 5 汉字, time = date and time). Select the keywords in that order.
 *     The titles must differ: WeChat keeps only one id per title in one consent request.
 *  2. 我的模板 → 详情: copy the template id into `id`, and make the keys below (thing1, time3, …)
 *     the ones 详情 shows — the console numbers them, not we. Every value keeps a field.
 *  3. `templatePlaceholders()` is then empty: deployment refuses while it is not, and a release
 *     build of the phone does not ask for a placeholder.
 *
 * Pure TypeScript: no `wx`.
 */
import type { TemplateName, TemplateValues } from '../../typings/messages';

export interface TemplateEntry<N extends TemplateName = TemplateName> {
  /** The title to look for in the 公共模板库 (the dev outbox and logs show it too). */
  title: string;
  /** WeChat's template id (我的模板); `local-<name>` is a placeholder. */
  id: string;
  /** A long-term (长期订阅) template: one accept allows every later message, so consent is a flag, not a count. */
  longTerm: boolean;
  /** WeChat's field key (its type and number, e.g. "thing1") → the value the server fills it with. */
  fields: Readonly<Record<string, TemplateValues[N]>>;
}

export type TemplateTable = { readonly [N in TemplateName]: TemplateEntry<N> };

/** What a template id starts with until the real one is filled in. */
export const PLACEHOLDER_PREFIX = 'local-';

export const TEMPLATES: TemplateTable = {
  passDecision: {
    title: '出入证审核结果通知', // or 审核结果通知
    id: 'local-passDecision',
    longTerm: false,
    fields: {
      thing1: 'compound', // 小区名称
      phrase2: 'status', // 审核结果 (已通过 / 已被拒绝 / 已注销)
      thing3: 'name', // 申请人 (masked: 王*兰)
      time4: 'time', // 审核时间
      thing5: 'reason', // 备注 (why not, when refused)
    },
  },
  alert: {
    title: '防控预警提醒', // or 预警通知 / 异常提醒
    id: 'local-alert',
    longTerm: false,
    fields: {
      thing1: 'title', // 预警内容
      thing2: 'place', // 预警地点
      phrase3: 'level', // 紧急程度 (特急 / 紧急 / 较急 / 一般)
      time4: 'time', // 预警时间
      thing5: 'note', // 处理建议 / 备注
    },
  },
  notice: {
    title: '社区通知提醒', // or 通知公告提醒
    id: 'local-notice',
    longTerm: false,
    fields: {
      thing1: 'title', // 通知标题
      thing2: 'from', // 发布单位 / 发布人
      phrase3: 'level', // 紧急程度 (重要 / 紧急)
      time4: 'time', // 发布时间
    },
  },
  shiftReminder: {
    title: '值班提醒',
    id: 'local-shiftReminder',
    longTerm: false,
    fields: {
      thing1: 'post', // 值班岗位
      thing2: 'place', // 值班地点 (the compound)
      time3: 'start', // 开始时间
      thing4: 'note', // 备注 (remind, placed by the secretary, or backfill needed)
    },
  },
  healthReminder: {
    title: '健康打卡提醒', // or 每日健康上报提醒
    id: 'local-healthReminder',
    longTerm: false,
    fields: {
      thing1: 'building', // 所在楼栋
      date2: 'day', // 上报日期
      thing3: 'note', // 温馨提示 (who has not reported, by when)
    },
  },
};

/** Whether an id is still a placeholder (WeChat knows no such template; only the local runtime takes it). */
export const isPlaceholder = (id: string): boolean => !id.trim() || id.startsWith(PLACEHOLDER_PREFIX);

/** The templates whose id is still a placeholder: a release needs this empty. */
export function templatePlaceholders(table: TemplateTable = TEMPLATES): TemplateName[] {
  return (Object.keys(table) as TemplateName[]).filter((name) => isPlaceholder(table[name].id));
}
