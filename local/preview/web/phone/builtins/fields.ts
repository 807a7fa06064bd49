/**
 * <input> and <textarea>: a real browser field inside the element, firing WeChat's events
 * (input with { value, cursor, keyCode }, focus, blur, confirm). type="number" / "digit" /
 * "idcard" accept what WeChat's keyboards can type; maxlength defaults to 140 (-1: none); the
 * placeholder takes placeholder-class from the page's styles, as on the phone.
 */
import type { ExparserNode } from 'miniprogram-exparser';
import { defineBuiltin, elementOf, type Host } from './define';

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Parts {
  field: Field;
  placeholder: HTMLElement;
}

const parts = new WeakMap<Host, Parts>();

/** What each keyboard can type: WeChat's number pad has digits only, the digit pad a point too. */
const ALLOWED: Record<string, RegExp> = { number: /[^0-9]/g, digit: /[^0-9.]/g, idcard: /[^0-9Xx]/g };

/** The class prefix of the component whose template holds this field. */
function ownerPrefix(host: Host): string {
  const owner = (host._exparserNode as ExparserNode & { ownerShadowRoot?: { __wxHost?: { __componentOptions?: { classPrefix?: string } } } }).ownerShadowRoot;
  return owner?.__wxHost?.__componentOptions?.classPrefix ?? '';
}

function partsOf(host: Host, tag: 'input' | 'textarea'): Parts {
  let p = parts.get(host);
  if (p) return p;
  const field = document.createElement(tag);
  field.className = 'lf-field';
  const placeholder = document.createElement('div');
  placeholder.className = 'lf-placeholder';
  p = { field, placeholder };
  parts.set(host, p);
  elementOf(host).append(placeholder, field);
  listen(host, field);
  return p;
}

function cursorOf(field: Field): number {
  return field.selectionStart ?? field.value.length;
}

function listen(host: Host, field: Field): void {
  let lastKey = 0;
  field.addEventListener('keydown', (event) => {
    const e = event as KeyboardEvent;
    lastKey = e.keyCode;
    if (e.key === 'Enter' && field instanceof HTMLInputElement) host.triggerEvent('confirm', { value: field.value });
  });
  field.addEventListener('input', () => {
    const allowed = ALLOWED[String(host.data.type)];
    if (allowed && allowed.test(field.value)) field.value = field.value.replace(allowed, '');
    showPlaceholder(host);
    host.triggerEvent('input', { value: field.value, cursor: cursorOf(field), keyCode: lastKey });
  });
  field.addEventListener('focus', () => host.triggerEvent('focus', { value: field.value, height: 0 }));
  field.addEventListener('blur', () => host.triggerEvent('blur', { value: field.value, cursor: cursorOf(field) }));
}

function showPlaceholder(host: Host): void {
  const p = parts.get(host);
  if (p) p.placeholder.hidden = p.field.value !== '';
}

function defineField(tag: 'input' | 'textarea'): void {
  const setUp = (host: Host) => partsOf(host, tag);
  const observers: Record<string, (this: Host, value: unknown) => void> = {
    value(value) {
      const { field } = setUp(this);
      const text = value === null || value === undefined ? '' : String(value);
      if (field.value !== text) field.value = text;
      showPlaceholder(this);
    },
    type(value) {
      const { field } = setUp(this);
      const inputMode = value === 'number' || value === 'idcard' ? 'numeric' : value === 'digit' ? 'decimal' : 'text';
      field.setAttribute('inputmode', inputMode);
    },
    password(value) {
      const { field } = setUp(this);
      if (field instanceof HTMLInputElement) field.type = value ? 'password' : 'text';
    },
    placeholder(value) {
      setUp(this).placeholder.textContent = String(value ?? '');
    },
    placeholderStyle(value) {
      setUp(this).placeholder.setAttribute('style', String(value ?? ''));
    },
    disabled(value) {
      setUp(this).field.disabled = Boolean(value);
    },
    maxlength(value) {
      const { field } = setUp(this);
      const max = Number(value);
      if (max >= 0) field.maxLength = max;
      else field.removeAttribute('maxlength');
    },
    focus(value) {
      if (value) setUp(this).field.focus();
    },
  };
  defineBuiltin(tag, {
    properties: {
      value: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      placeholderClass: { type: String, value: '' },
      placeholderStyle: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
      autoHeight: { type: Boolean, value: false },
    },
    attached() {
      const { placeholder } = setUp(this);
      const prefix = ownerPrefix(this);
      const classes = String(this.data.placeholderClass).split(/\s+/).filter(Boolean);
      placeholder.className = ['lf-placeholder', ...classes.map((c) => (prefix ? `${prefix}--${c}` : c))].join(' ');
      // Properties left at their defaults were never observed.
      for (const [name, apply] of Object.entries(observers)) apply.call(this, name === 'focus' ? this.data.focus || this.data.autoFocus : this.data[name]);
    },
    observers,
  });
}

export function defineFields(): void {
  defineField('input');
  defineField('textarea');
}
