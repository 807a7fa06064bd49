/**
 * The built-ins with little behaviour: containers and text (their look is in phone.css),
 * <canvas type="2d"> with a real canvas node for createSelectorQuery, <image>, <scroll-view>,
 * <navigator>, <progress>, <icon>; and the built-ins the preview does not have, which show
 * where they would be and say so.
 */
import { applyRootFontSize } from '../dom';
import { notice } from '../ui';
import { fontSizeSetting } from '../wx/device';
import { defineBuiltin, elementOf, type Host } from './define';

/** The <canvas> element inside a canvas built-in (what a selector query's `node` answers). */
const canvases = new WeakMap<HTMLElement, HTMLCanvasElement>();

export function canvasNodeOf(el: HTMLElement | undefined): HTMLCanvasElement | null {
  return el ? (canvases.get(el) ?? null) : null;
}

function child<K extends keyof HTMLElementTagNameMap>(host: Host, tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = elementOf(host);
  let node = el.querySelector<HTMLElementTagNameMap[K]>(`:scope > .${className}`);
  if (!node) {
    node = document.createElement(tag);
    node.className = className;
    el.prepend(node);
  }
  return node;
}

/** What image's `mode` means in CSS. */
const FIT: Record<string, string> = { scaleToFill: 'fill', aspectFit: 'contain', aspectFill: 'cover', widthFix: 'fill', heightFix: 'fill' };

const UNSUPPORTED = [
  'swiper',
  'swiper-item',
  'movable-area',
  'movable-view',
  'map',
  'video',
  'camera',
  'live-player',
  'live-pusher',
  'web-view',
  'open-data',
  'editor',
  'rich-text',
  'slider',
  'picker-view',
  'picker-view-column',
  'ad',
  'ad-custom',
  'official-account',
  'audio',
  'match-media',
  'page-container',
  'root-portal',
  'share-element',
  'voip-room',
  'channel-live',
  'channel-video',
  'functional-page-navigator',
  'keyboard-accessory',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
  'navigation-bar',
];

export function defineBasics(): void {
  for (const tag of ['view', 'cover-view', 'form']) defineBuiltin(tag);
  defineBuiltin('text', {
    properties: {
      selectable: { type: Boolean, value: false },
      userSelect: { type: Boolean, value: false },
      space: { type: String, value: '' },
      decode: { type: Boolean, value: false },
    },
  });

  defineBuiltin('canvas', {
    properties: { type: { type: String, value: '' }, canvasId: { type: String, value: '' } },
    attached() {
      const canvas = child(this, 'canvas', 'lf-canvas');
      canvases.set(elementOf(this), canvas);
      // The phone's Canvas node also offers these.
      Object.assign(canvas, {
        createImage: () => new Image(),
        requestAnimationFrame: (cb: FrameRequestCallback) => requestAnimationFrame(cb),
        cancelAnimationFrame: (id: number) => cancelAnimationFrame(id),
      });
      if (this.data.type !== '2d' && this.data.type !== 'webgl') notice('预览只支持 <canvas type="2d">（旧版 canvas-id 接口没有实现）');
    },
  });

  const image = function (this: Host) {
    const img = child(this, 'img', 'lf-image');
    const mode = String(this.data.mode || 'scaleToFill');
    img.style.objectFit = FIT[mode] ?? 'none';
    elementOf(this).setAttribute('mode', mode);
    const src = String(this.data.src || '');
    if (img.getAttribute('src') !== src) {
      img.onload = () => this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight });
      img.onerror = () => this.triggerEvent('error', { errMsg: `GET ${src} 404 (Not Found)` });
      if (src) img.src = src;
      else img.removeAttribute('src');
    }
  };
  for (const tag of ['image', 'cover-image']) {
    defineBuiltin(tag, {
      properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' } },
      attached: image,
      observers: { src: image, mode: image },
    });
  }

  const scroll = function (this: Host) {
    const el = elementOf(this);
    el.style.overflowX = this.data.scrollX ? 'auto' : 'hidden';
    el.style.overflowY = this.data.scrollY ? 'auto' : 'hidden';
  };
  defineBuiltin('scroll-view', {
    properties: {
      scrollX: { type: Boolean, value: false },
      scrollY: { type: Boolean, value: false },
      scrollTop: { type: Number, value: 0 },
      scrollLeft: { type: Number, value: 0 },
    },
    attached() {
      scroll.call(this);
      const el = elementOf(this);
      el.addEventListener('scroll', () =>
        this.triggerEvent('scroll', { scrollLeft: el.scrollLeft, scrollTop: el.scrollTop, scrollWidth: el.scrollWidth, scrollHeight: el.scrollHeight }),
      );
    },
    observers: {
      scrollX: scroll,
      scrollY: scroll,
      scrollTop(value) {
        elementOf(this).scrollTop = Number(value) || 0;
      },
      scrollLeft(value) {
        elementOf(this).scrollLeft = Number(value) || 0;
      },
    },
  });

  defineBuiltin('navigator', {
    properties: { url: { type: String, value: '' }, openType: { type: String, value: 'navigate' }, delta: { type: Number, value: 1 } },
    attached() {
      this._exparserNode.addListener('tap', () => {
        const url = String(this.data.url);
        const api = (window as unknown as { wx: WechatMiniprogram.Wx }).wx;
        const type = String(this.data.openType);
        if (type === 'navigateBack') api.navigateBack({ delta: Number(this.data.delta) || 1 });
        else if (type === 'redirect') api.redirectTo({ url });
        else if (type === 'reLaunch') api.reLaunch({ url });
        else if (type === 'switchTab') api.switchTab({ url });
        else if (type === 'navigate') api.navigateTo({ url });
        else notice(`预览不支持 navigator 的 open-type="${type}"`);
      });
    },
  });

  const progress = function (this: Host) {
    const bar = child(this, 'span', 'lf-progress-bar');
    const percent = Math.max(0, Math.min(100, Number(this.data.percent) || 0));
    bar.style.setProperty('--lf-progress', `${percent}%`);
    bar.style.setProperty('--lf-progress-color', String(this.data.activeColor || this.data.color || '#09BB07'));
    elementOf(this).dataset.info = this.data.showInfo ? `${percent}%` : '';
  };
  defineBuiltin('progress', {
    properties: {
      percent: { type: Number, value: 0 },
      showInfo: { type: Boolean, value: false },
      color: { type: String, value: '' },
      activeColor: { type: String, value: '' },
    },
    attached: progress,
    observers: { percent: progress },
  });

  const icon = function (this: Host) {
    const glyph = child(this, 'i', 'lf-icon');
    glyph.textContent =
      (
        { success: '✔', success_no_circle: '✓', info: 'ℹ', warn: '!', waiting: '◷', cancel: '✕', download: '↓', search: '⌕', clear: '✕' } as Record<
          string,
          string
        >
      )[String(this.data.type)] ?? '•';
    glyph.style.fontSize = `${Number(this.data.size) || 23}px`;
    glyph.style.color = String(this.data.color || '');
  };
  defineBuiltin('icon', {
    properties: { type: { type: String, value: '' }, size: { type: null, value: 23 }, color: { type: String, value: '' } },
    attached: icon,
    observers: { type: icon },
  });

  // <page-meta root-font-size>: 1rem on the page. The page's frame keeps the size; the router
  // puts the top page's on the document's root (rem is the document's), so pages differ as in WeChat.
  const pageMeta = function (this: Host) {
    const frame = elementOf(this).closest<HTMLElement>('.lf-page-frame');
    if (!frame) return;
    const size = String(this.data.rootFontSize || '');
    frame.dataset.rootFontSize = size === 'system' ? `${fontSizeSetting()}px` : size;
    if (!frame.hidden) applyRootFontSize(frame);
  };
  defineBuiltin('page-meta', {
    properties: { rootFontSize: { type: String, value: '' } },
    attached: pageMeta,
    observers: { rootFontSize: pageMeta },
  });

  for (const tag of UNSUPPORTED) {
    defineBuiltin(tag, {
      attached() {
        elementOf(this).dataset.lfUnsupported = tag;
        notice(`预览不支持 <${tag}>，只显示其中的内容`);
      },
    });
  }
}
