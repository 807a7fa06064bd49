/**
 * <button>: WeChat's look (style v2, phone.css) with type, size, plain, disabled and loading
 * reflected on the element; a disabled button ignores the finger (events.ts). Of the open-types,
 * agreePrivacyAuthorization records the user's agreement as WeChat does and fires
 * agreeprivacyauthorization; the others need WeChat itself, and the preview says so.
 */
import { notice } from '../ui';
import { agreeByButton } from '../wx/privacy';
import { defineBuiltin, elementOf, reflect, type Host } from './define';

function setAttr(host: Host, name: string, value: unknown): void {
  const el = elementOf(host);
  if (value === '' || value === undefined || value === null) el.removeAttribute(name);
  else el.setAttribute(name, String(value));
}

function showLoading(host: Host, on: unknown): void {
  reflect(host, 'loading', on);
  const el = elementOf(host);
  const spinner = el.querySelector(':scope > .lf-button-loading');
  if (on && !spinner) el.prepend(Object.assign(document.createElement('i'), { className: 'lf-button-loading' }));
  if (!on) spinner?.remove();
}

const observers: Record<string, (this: Host, value: unknown) => void> = {
  type(value) {
    setAttr(this, 'type', value);
  },
  size(value) {
    setAttr(this, 'size', value);
  },
  plain(value) {
    reflect(this, 'plain', value);
  },
  disabled(value) {
    reflect(this, 'disabled', value);
  },
  loading(value) {
    showLoading(this, value);
  },
};

export function defineButton(): void {
  defineBuiltin('button', {
    properties: {
      type: { type: String, value: 'default' },
      size: { type: String, value: 'default' },
      plain: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      loading: { type: Boolean, value: false },
      openType: { type: String, value: '' },
      formType: { type: String, value: '' },
    },
    attached() {
      for (const [name, apply] of Object.entries(observers)) apply.call(this, this.data[name]);
      this._exparserNode.addListener('tap', () => {
        const openType = String(this.data.openType);
        if (!openType || this.data.disabled) return;
        if (openType === 'agreePrivacyAuthorization') {
          agreeByButton(this._exparserNode.id);
          this.triggerEvent('agreeprivacyauthorization', {});
        } else {
          notice(`预览不支持 button 的 open-type="${openType}"（需要微信客户端）`);
        }
      });
    },
    observers,
  });
}
