/**
 * The template file against the server: every template the server sends has an entry, the file
 * maps exactly the values the senders fill, and a disagreement stops the server from starting.
 * WeChat's field rules: values are cut and formatted, never refused.
 */
import { TEMPLATES, templatePlaceholders, type TemplateTable } from '../../miniprogram/shared/templates';
import type { TemplateName } from '../../typings/messages';
import { APP } from '../../server/app';
import { readConfig, TEMPLATE_NAMES } from '../../server/core/config';
import { cut, fieldType, formatField, renderData, templateSet, templateSpec } from '../../server/messaging/templates';
import { TIMER } from '../../server/timer';
import { T0 } from './support';

const len = (s: string) => [...s].length;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('the template file and the server', () => {
  test('every template the server sends has an entry, naming the values its senders fill, no more and no fewer', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...TEMPLATE_NAMES].sort());
    for (const decls of [APP.templates, TIMER.templates]) {
      for (const name of TEMPLATE_NAMES) expect([name, sorted(Object.values(TEMPLATES[name].fields))]).toEqual([name, sorted(Object.keys(decls[name].values))]);
    }
    const set = templateSet(TEMPLATES, APP.templates);
    for (const name of TEMPLATE_NAMES)
      expect(set[name]).toMatchObject({ name, id: TEMPLATES[name].id, longTerm: TEMPLATES[name].longTerm, title: TEMPLATES[name].title });
  });

  test('the server reads the templates from the file only: no environment override', () => {
    expect(readConfig({ LF_TPL_PASS_DECISION: 'other-id', LF_TPL_ALERT_LONG_TERM: '1', LF_TPL_NOTICE_FIELDS: 'thing1=title' }).templates).toBe(TEMPLATES);
  });

  test('ids and titles are distinct (WeChat keeps one template per title in a consent request); keys are WeChat field keys', () => {
    const entries = Object.values(TEMPLATES);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.title)).size).toBe(entries.length);
    for (const entry of entries) for (const key of Object.keys(entry.fields)) expect(() => fieldType(key)).not.toThrow();
  });

  test('a file that disagrees with the senders fails loudly, naming the template and the value', () => {
    const shows = (name: TemplateName, fields: Record<string, string>): TemplateTable => ({ ...TEMPLATES, [name]: { ...TEMPLATES[name], fields } });
    // A field showing a value nothing fills would go out as "无" on every message.
    expect(() => templateSet(shows('notice', { thing1: 'title', thing2: 'from', phrase3: 'level', time4: 'time', thing5: 'place' }), APP.templates)).toThrow(
      /template notice: a field shows "place", which nothing fills/,
    );
    // A value filled but shown nowhere is information the user never gets.
    expect(() => templateSet(shows('alert', { thing1: 'title', thing2: 'place', phrase3: 'level', time4: 'time' }), APP.templates)).toThrow(
      /template alert: "note" is filled but no field shows it/,
    );
    const { shiftReminder: _dropped, ...fewer } = APP.templates;
    expect(() => templateSet(TEMPLATES, fewer)).toThrow(/template shiftReminder: no context sends it/);
    expect(() => templateSpec('alert', { ...TEMPLATES.alert, fields: { thingy1: 'title' } })).toThrow(/not a WeChat field key/);
    expect(() => templateSpec('alert', { ...TEMPLATES.alert, fields: {} })).toThrow(/no fields/);
    expect(fieldType('character_string12')).toBe('character_string');
    expect(fieldType('phone_number3')).toBe('phone_number');
  });

  test('templatePlaceholders lists the templates whose id is still a placeholder: a release needs it empty', () => {
    const withIds = (ids: Partial<Record<TemplateName, string>>): TemplateTable =>
      Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, { ...TEMPLATES[n], id: ids[n] ?? `${n}-0123456789abcdef` }])) as unknown as TemplateTable;
    expect(templatePlaceholders(withIds({}))).toEqual([]);
    expect(templatePlaceholders(withIds({ alert: 'local-alert', notice: '  ' }))).toEqual(['alert', 'notice']);
    expect(templatePlaceholders()).toEqual(TEMPLATE_NAMES.filter((n) => TEMPLATES[n].id.startsWith('local-') || !TEMPLATES[n].id.trim()));
  });
});

describe('field rules', () => {
  test('thing: at most 20 characters, cut with an ellipsis; counted as characters, not bytes or UTF-16 units', () => {
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(formatField('thing', twenty)).toBe(twenty);
    const long = formatField('thing', twenty + '多');
    expect(long).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(len(long)).toBe(20);
    const emoji = formatField('thing', '😷'.repeat(30));
    expect(len(emoji)).toBe(20);
    expect(emoji.endsWith('…')).toBe(true);
    expect(formatField('thing', '第一行\n第二行\t  结束')).toBe('第一行 第二行 结束');
    expect(formatField('thing', '   ')).toBe('无');
    expect(formatField('thing', undefined)).toBe('无');
  });

  test('phrase: at most 5 汉字, nothing else', () => {
    expect(formatField('phrase', '已通过')).toBe('已通过');
    expect(formatField('phrase', '审核未能通过了吗')).toBe('审核未能通');
    expect(formatField('phrase', 'OK 通过!')).toBe('通过');
    expect(formatField('phrase', 'high')).toBe('无');
  });

  test('name: ≤ 10 汉字 (masks dropped), or ≤ 20 letters', () => {
    expect(formatField('name', '陈*')).toBe('陈');
    expect(formatField('name', '欧阳·娜娜')).toBe('欧阳·娜娜');
    expect(formatField('name', '一二三四五六七八九十十一')).toBe('一二三四五六七八九十');
    expect(formatField('name', 'Alexander Hamilton Junior')).toBe('Alexander Hamilton J');
  });

  test('character_string: ≤ 32 ASCII, cut with "..."', () => {
    expect(formatField('character_string', 'pass.decision:abc123')).toBe('pass.decision:abc123');
    const long = formatField('character_string', 'x'.repeat(40));
    expect(long).toBe('x'.repeat(29) + '...');
    expect(long).toHaveLength(32);
    expect(formatField('character_string', '编号 A-1 号')).toBe('A-1');
    expect(formatField('character_string', '中文')).toBe('-');
  });

  test('time and date: unix ms → Asia/Shanghai; a missing time falls back to the entry’s creation', () => {
    expect(formatField('time', String(T0))).toBe('2026-11-28 08:00');
    expect(formatField('time', String(Date.UTC(2026, 11, 31, 16, 30)))).toBe('2027-01-01 00:30');
    expect(formatField('date', String(T0))).toBe('2026-11-28');
    expect(formatField('time', '', T0)).toBe('2026-11-28 08:00');
    expect(formatField('time', '15:01')).toBe('15:01');
    expect(formatField('time', '')).toBe('-');
  });

  test('number, letter, symbol, amount, phone_number, car_number', () => {
    expect(formatField('number', '共 36.8 度')).toBe('36.8');
    expect(formatField('number', '9'.repeat(40))).toHaveLength(32);
    expect(formatField('number', '无')).toBe('0');
    expect(formatField('letter', 'A1b2C3')).toBe('AbC');
    expect(formatField('letter', 'z'.repeat(40))).toHaveLength(32);
    expect(formatField('symbol', 'a+b-c*d/e=f')).toBe('+-*/=');
    expect(formatField('amount', '12.50 元')).toBe('¥12.50');
    expect(formatField('phone_number', '电话 +86-0914-2345678 转 12345')).toBe('+86-0914-23456781');
    expect(formatField('car_number', '陕H · 12345 挂')).toBe('陕H12345挂');
  });

  test('cut never splits a character and keeps the ellipsis inside the limit', () => {
    expect(cut('abc', 3, '…')).toBe('abc');
    expect(cut('abcd', 3, '…')).toBe('ab…');
    expect(cut('𠀀𠀁𠀂𠀃', 2)).toBe('𠀀𠀁');
  });

  test('a pass decision as pass.review enqueues it renders to valid data', () => {
    const spec = templateSpec('passDecision', {
      title: '审核结果',
      id: 'tpl',
      longTerm: false,
      fields: { thing1: 'compound', phrase2: 'status', thing3: 'name', time4: 'time', thing5: 'reason' },
    });
    const values = {
      status: '已拒绝',
      name: '陈*',
      compound: '威尼斯水城',
      reason: '请补充租房合同后重新申请，谢谢配合，如有疑问请联系书记',
      time: String(T0),
    };
    expect(renderData(spec, values, T0)).toEqual({
      thing1: { value: '威尼斯水城' },
      phrase2: { value: '已拒绝' },
      thing3: { value: '陈*' },
      time4: { value: '2026-11-28 08:00' },
      thing5: { value: '请补充租房合同后重新申请，谢谢配合，如…' },
    });
    expect(renderData(spec, { status: '已通过', compound: '威尼斯水城' }, T0).thing5).toEqual({ value: '无' });
  });

  test('alert and notice values as their producers enqueue them fill every field', () => {
    const alert = templateSpec('alert', {
      title: '预警',
      id: 'tpl-a',
      longTerm: false,
      fields: { thing1: 'title', thing2: 'place', phrase3: 'level', time4: 'time', thing5: 'note' },
    });
    const notice = templateSpec('notice', {
      title: '通知',
      id: 'tpl-n',
      longTerm: false,
      fields: { thing1: 'title', thing2: 'from', phrase3: 'level', time4: 'time' },
    });
    expect(renderData(alert, { title: '门岗体温异常', place: '威尼斯水城', level: '紧急', time: String(T0), note: '请尽快确认并处置' })).toEqual({
      thing1: { value: '门岗体温异常' },
      thing2: { value: '威尼斯水城' },
      phrase3: { value: '紧急' },
      time4: { value: '2026-11-28 08:00' },
      thing5: { value: '请尽快确认并处置' },
    });
    expect(renderData(notice, { title: '请确认：本周六全员核酸检测安排', from: '东店社区', level: '重要', time: String(T0) })).toEqual({
      thing1: { value: '请确认：本周六全员核酸检测安排' },
      thing2: { value: '东店社区' },
      phrase3: { value: '重要' },
      time4: { value: '2026-11-28 08:00' },
    });
  });
});
