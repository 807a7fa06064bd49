/**
 * Switches, checkboxes and radios, their groups, and <label>: a tap toggles the control (or, on
 * a label, the first control inside it or the one its `for` names); a switch reports
 * change { value: checked }, a checkbox-group change { value: [checked values] }, a radio-group
 * change { value }, as WeChat does.
 */
import type { ExparserEvent } from 'miniprogram-exparser';
import { defineBuiltin, elementOf, hostOf, reflect, type Host } from './define';

/** Marks a tap a control has already acted on, so a label around it does not act again. */
const handled = new WeakSet<object>();

function onTap(host: Host, act: () => void): void {
  host._exparserNode.addListener('tap', (e: ExparserEvent) => {
    if (handled.has(e)) return;
    handled.add(e);
    act();
  });
}

/** Draws the control's mark (a box, a circle, a track) as the element's first child. */
function mark(host: Host, className: string, inner = ''): HTMLElement {
  const el = elementOf(host);
  let box = el.querySelector<HTMLElement>(`:scope > .${className}`);
  if (!box) {
    box = document.createElement('span');
    box.className = className;
    box.innerHTML = inner;
    el.prepend(box);
  }
  return box;
}

function paint(host: Host, className: string, inner = ''): void {
  const box = mark(host, className, inner);
  reflect(host, 'checked', host.data.checked);
  reflect(host, 'disabled', host.data.disabled);
  box.style.setProperty('--lf-control-color', String(host.data.color));
}

const groupOf = (host: Host, tag: string) => hostOf(elementOf(host).closest(`wx-${tag}`));

const controlsIn = (group: Host, tag: string) =>
  [...elementOf(group).querySelectorAll(`wx-${tag}`)].map((el) => hostOf(el)).filter((h): h is Host => h !== undefined);

/** Toggles a checkbox, radio or switch as a tap would. */
function toggle(host: Host): void {
  if (host.data.disabled) return;
  const tag = elementOf(host).localName.slice(3);
  if (tag === 'radio') {
    if (host.data.checked) return;
    const group = groupOf(host, 'radio-group');
    for (const other of group ? controlsIn(group, 'radio') : []) if (other !== host) other.setData({ checked: false });
    host.setData({ checked: true });
    group?.triggerEvent('change', { value: host.data.value });
    return;
  }
  host.setData({ checked: !host.data.checked });
  if (tag === 'switch') {
    host.triggerEvent('change', { value: host.data.checked });
    return;
  }
  const group = groupOf(host, 'checkbox-group');
  if (group)
    group.triggerEvent('change', {
      value: controlsIn(group, 'checkbox')
        .filter((c) => c.data.checked)
        .map((c) => c.data.value),
    });
}

const CONTROL = { checked: { type: Boolean, value: false }, disabled: { type: Boolean, value: false } } as const;

function defineControl(tag: 'checkbox' | 'radio' | 'switch', color: string, className: string, inner = ''): void {
  const repaint = function (this: Host) {
    paint(this, className, inner);
  };
  defineBuiltin(tag, {
    properties: { ...CONTROL, value: { type: String, value: '' }, color: { type: String, value: color }, type: { type: String, value: 'switch' } },
    attached() {
      repaint.call(this);
      onTap(this, () => toggle(this));
    },
    observers: { checked: repaint, disabled: repaint, color: repaint },
  });
}

export function defineChoices(): void {
  defineControl('checkbox', '#09BB07', 'lf-checkbox-box', '<i>✓</i>');
  defineControl('radio', '#09BB07', 'lf-radio-box', '<i></i>');
  defineControl('switch', '#04BE02', 'lf-switch-track', '<i class="lf-switch-thumb"></i>');
  defineBuiltin('checkbox-group');
  defineBuiltin('radio-group');
  defineBuiltin('label', {
    properties: { for: { type: String, value: '' } },
    attached() {
      onTap(this, () => {
        const target = String(this.data.for);
        const owner = (this._exparserNode as { ownerShadowRoot?: { querySelector(s: string): { $$?: HTMLElement } | null } }).ownerShadowRoot;
        const el = target ? owner?.querySelector(`#${target}`)?.$$ : elementOf(this).querySelector('wx-checkbox, wx-radio, wx-switch');
        const control = hostOf(el ?? null);
        if (control) toggle(control);
      });
    },
  });
}
