/**
 * <picker>: a tap opens WeChat's bottom sheet (取消 · 确定). mode="selector" lists the range
 * (range-key for objects) and reports change { value: '<index>' } (a string, as the phone
 * does); mode="date" / "time" use the browser's date and time fields within start–end and
 * report 'YYYY-MM-DD' / 'HH:mm'. Closing without 确定 reports cancel. multiSelector and region
 * are not in the preview: it says so.
 */
import { h } from '../dom';
import { notice, openSheet } from '../ui';
import { defineBuiltin, type Host } from './define';

function label(item: unknown, key: string): string {
  if (key && item && typeof item === 'object') return String((item as Record<string, unknown>)[key] ?? '');
  return String(item ?? '');
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The sheet's body for the picker's mode, and how to read the choice from it. */
function body(host: Host): { content: HTMLElement; read(): string | null } | null {
  const mode = String(host.data.mode || 'selector');
  if (mode === 'selector') {
    const range = Array.isArray(host.data.range) ? host.data.range : [];
    let chosen = Number(host.data.value) || 0;
    const list = h('div', { class: 'lf-picker-list', role: 'listbox' });
    range.forEach((item, index) => {
      const row = h(
        'div',
        { class: 'lf-picker-option', role: 'option', 'aria-selected': index === chosen ? 'true' : 'false' },
        label(item, String(host.data.rangeKey)),
      );
      row.onclick = () => {
        chosen = index;
        for (const el of list.children) el.setAttribute('aria-selected', el === row ? 'true' : 'false');
      };
      list.append(row);
    });
    return { content: list, read: () => (range.length ? String(chosen) : null) };
  }
  if (mode === 'date' || mode === 'time') {
    const fields = String(host.data.fields || 'day');
    const type = mode === 'time' ? 'time' : fields === 'month' ? 'month' : fields === 'year' ? 'number' : 'date';
    const value = String(host.data.value || (mode === 'date' ? today() : ''));
    const start = String(host.data.start || '');
    const end = String(host.data.end || '');
    const input = h('input', {
      class: 'lf-picker-input',
      type,
      value: type === 'month' ? value.slice(0, 7) : type === 'number' ? value.slice(0, 4) : value,
      min: start || undefined,
      max: end || undefined,
    });
    return { content: input, read: () => input.value || null };
  }
  notice(`预览不支持 picker 的 mode="${mode}"`);
  return null;
}

function open(host: Host): void {
  if (host.data.disabled) return;
  const parts = body(host);
  if (!parts) return;
  let done = false;
  const finish = (value: string | null, close: () => void) => {
    if (done) return;
    done = true;
    close();
    if (value === null) {
      host.triggerEvent('cancel', {});
      return;
    }
    host.setData({ value });
    host.triggerEvent('change', { value });
  };
  const close = openSheet(
    'lf-picker',
    (sheet, close) => {
      const cancel = h('button', { class: 'lf-picker-cancel' }, '取消');
      const confirm = h('button', { class: 'lf-picker-confirm' }, '确定');
      cancel.onclick = () => finish(null, close);
      confirm.onclick = () => finish(parts.read(), close);
      sheet.append(
        h('div', { class: 'lf-picker-head' }, cancel, h('span', { class: 'lf-picker-title' }, String(host.data.headerText || '')), confirm),
        parts.content,
      );
    },
    () => finish(null, close),
  );
}

export function definePicker(): void {
  defineBuiltin('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: Array, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: 0 },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      fields: { type: String, value: 'day' },
      disabled: { type: Boolean, value: false },
      headerText: { type: String, value: '' },
    },
    attached() {
      this._exparserNode.addListener('tap', () => open(this));
    },
  });
}
