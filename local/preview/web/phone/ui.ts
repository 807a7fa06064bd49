/**
 * WeChat's own interface drawn by the phone: toast and loading (one slot, as in WeChat), the
 * modal, the action sheet, bottom sheets for built-in pickers and the preview's dialogs, and
 * the preview's notices — what the preview cannot do, said on screen rather than failing silently.
 */
import { h, overlayRoot } from './dom';

let toastTimer: ReturnType<typeof setTimeout> | undefined;

export type ToastIcon = 'success' | 'error' | 'loading' | 'none';

const ICONS: Record<Exclude<ToastIcon, 'none'>, string> = { success: '✓', error: '✕', loading: '' };

/** Shows the toast (or the loading box when `icon` is 'loading' with no timeout). */
export function showToast(title: string, icon: ToastIcon, duration: number | null, mask: boolean): void {
  hideToast();
  const box = h('div', { class: `lf-toast ${icon === 'none' ? 'lf-toast-text' : ''}`, role: 'status', 'data-icon': icon });
  if (icon !== 'none') box.append(h('div', { class: `lf-toast-icon lf-toast-icon-${icon}` }, ICONS[icon]));
  box.append(h('div', { class: 'lf-toast-title' }, title));
  const layer = h('div', { class: `lf-toast-layer ${mask ? 'lf-mask-clear' : ''}`, id: 'lf-toast' }, box);
  overlayRoot().append(layer);
  if (duration !== null) toastTimer = setTimeout(hideToast, duration);
}

export function hideToast(): void {
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = undefined;
  document.getElementById('lf-toast')?.remove();
}

export function isToastShowing(): boolean {
  return document.getElementById('lf-toast') !== null;
}

export interface ModalOptions {
  title: string;
  content: string;
  showCancel: boolean;
  cancelText: string;
  cancelColor: string;
  confirmText: string;
  confirmColor: string;
  editable: boolean;
  placeholderText: string;
}

/** WeChat's modal; resolves with the user's answer. */
export function showModal(o: ModalOptions): Promise<{ confirm: boolean; content?: string }> {
  return new Promise((resolve) => {
    const input = o.editable ? h('textarea', { class: 'lf-modal-input', placeholder: o.placeholderText }) : null;
    const close = (confirm: boolean) => {
      layer.remove();
      resolve(input ? { confirm, content: input.value } : { confirm });
    };
    const cancel = h('button', { class: 'lf-modal-btn lf-modal-cancel', style: `color:${o.cancelColor}` }, o.cancelText);
    const confirm = h('button', { class: 'lf-modal-btn lf-modal-confirm', style: `color:${o.confirmColor}` }, o.confirmText);
    cancel.onclick = () => close(false);
    confirm.onclick = () => close(true);
    const box = h(
      'div',
      { class: 'lf-modal', role: 'dialog' },
      ...(o.title ? [h('div', { class: 'lf-modal-title' }, o.title)] : []),
      ...(o.content && !input ? [h('div', { class: 'lf-modal-content' }, o.content)] : []),
      ...(input ? [input] : []),
      h('div', { class: 'lf-modal-actions' }, ...(o.showCancel ? [cancel] : []), confirm),
    );
    if (input) input.value = o.content;
    const layer = h('div', { class: 'lf-mask lf-modal-layer' }, box);
    overlayRoot().append(layer);
  });
}

/** A bottom sheet; `build` fills it and gets the function that closes it. */
export function openSheet(className: string, build: (sheet: HTMLElement, close: () => void) => void, onMaskTap?: () => void): () => void {
  const sheet = h('div', { class: `lf-sheet ${className}`, role: 'dialog' });
  const layer = h('div', { class: 'lf-mask lf-sheet-layer' }, sheet);
  const close = () => layer.remove();
  layer.addEventListener('click', (e) => {
    if (e.target === layer && onMaskTap) onMaskTap();
  });
  build(sheet, close);
  overlayRoot().append(layer);
  return close;
}

/** WeChat's action sheet; resolves with the index tapped, or null when cancelled. */
export function showActionSheet(items: string[], itemColor: string, alertText = ''): Promise<number | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (index: number | null, close: () => void) => {
      if (done) return;
      done = true;
      close();
      resolve(index);
    };
    const close = openSheet(
      'lf-action-sheet',
      (sheet, close) => {
        if (alertText) sheet.append(h('div', { class: 'lf-action-alert' }, alertText));
        items.forEach((item, index) => {
          const row = h('button', { class: 'lf-action-item', style: `color:${itemColor}` }, item);
          row.onclick = () => finish(index, close);
          sheet.append(row);
        });
        const cancel = h('button', { class: 'lf-action-item lf-action-cancel' }, '取消');
        cancel.onclick = () => finish(null, close);
        sheet.append(cancel);
      },
      () => finish(null, close),
    );
  });
}

export type NoticeKind = 'info' | 'warn' | 'error';

const shownNotices = new Set<string>();

/**
 * A line at the foot of the screen from the preview itself, not the mini program: what it
 * cannot do, or what went wrong. The same text is not stacked twice while it shows.
 */
export function notice(text: string, kind: NoticeKind = 'warn'): void {
  if (shownNotices.has(text)) return;
  shownNotices.add(text);
  const close = h('button', { class: 'lf-notice-close', 'aria-label': '关闭' }, '×');
  const row = h(
    'div',
    { class: `lf-notice lf-notice-${kind}`, role: kind === 'error' ? 'alert' : 'note' },
    h('span', { class: 'lf-notice-tag' }, '预览'),
    h('span', { class: 'lf-notice-text' }, text),
    close,
  );
  close.onclick = () => {
    row.remove();
    shownNotices.delete(text);
  };
  document.getElementById('lf-notices')!.append(row);
  // An 'error' notice is a real failure (a page script threw, a page would not load): logged as one.
  const log = kind === 'error' ? console.error : kind === 'warn' ? console.warn : console.info;
  log(`[预览] ${text}`);
}
