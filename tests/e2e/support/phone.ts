/**
 * One phone in the browser preview, driven the way a person uses it: taps, typing, pickers,
 * WeChat's dialogs and scanner. Selectors are the pages' own ids and classes, looked up in the
 * page on top of the phone's stack. Each step can be kept as a screenshot of the phone.
 */
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';

export class Phone {
  constructor(
    readonly account: string,
    readonly page: Page,
    readonly context: BrowserContext,
    /** Where the screenshot of a step goes (numbered across the journey). */
    private readonly shotPath: (name: string) => string,
  ) {}

  /** The phone's screen (the preview's iframe). */
  get screen(): FrameLocator {
    return this.page.frameLocator('iframe.lf-phone-frame');
  }

  /** The page on top of the stack. */
  get top(): Locator {
    return this.screen.locator('.lf-page-frame:not([hidden])');
  }

  $(selector: string): Locator {
    return this.top.locator(selector);
  }

  /** The first element matching `selector` (on the page on top) whose text contains `text`. */
  find(selector: string, text: string | RegExp): Locator {
    return this.$(selector).filter({ hasText: text }).first();
  }

  /** Waits until the navigation bar shows `title`. */
  async onPage(title: string): Promise<void> {
    await this.screen
      .locator('#lf-title')
      .filter({ hasText: new RegExp(`^${title}$`) })
      .waitFor();
  }

  /** Waits for `selector` (with `text`, when given) to show on the page on top; returns its text. */
  async see(selector: string, text?: string | RegExp): Promise<string> {
    const el = text === undefined ? this.$(selector).first() : this.find(selector, text);
    await el.waitFor({ state: 'visible' });
    return ((await el.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  async tap(selector: string, text?: string | RegExp): Promise<void> {
    await (text === undefined ? this.$(selector).first() : this.find(selector, text)).click();
  }

  /** Types into an <input> or <textarea> and leaves it. */
  async type(selector: string, value: string): Promise<void> {
    const field = this.$(selector).locator('.lf-field');
    await field.fill(value);
    await field.blur();
  }

  /** Opens a <picker> and chooses the option reading `option`. */
  async choose(selector: string, option: string): Promise<void> {
    await this.tap(selector);
    await this.screen
      .locator('.lf-picker-option')
      .filter({ hasText: new RegExp(`^${option}$`) })
      .click();
    await this.screen.locator('.lf-picker-confirm').click();
  }

  /** Confirms the modal on screen (wx.showModal) reading `content`; returns its text. */
  async confirmModal(content?: string | RegExp): Promise<string> {
    const modal = this.screen.locator('.lf-modal');
    if (content !== undefined) await modal.filter({ hasText: content }).waitFor();
    const text = (await modal.textContent()) ?? '';
    await modal.locator('.lf-modal-confirm').click();
    return text;
  }

  /** The phone's frame, to run code in. */
  frame(): Frame {
    const frame = this.page.frames().find((f) => f.url().includes('/preview/phone'));
    if (!frame) throw new Error('the phone is not open');
    return frame;
  }

  /** Waits until the <canvas> in `selector` (on the page on top) has something painted on it. */
  async drawn(selector: string): Promise<void> {
    const frame = this.frame();
    // Runs in the phone (a string: this file is compiled without the DOM's types).
    const painted = `(() => {
      const canvas = document.querySelector(${JSON.stringify(`.lf-page-frame:not([hidden]) ${selector} canvas`)});
      if (!canvas || !canvas.width || !canvas.height) return false;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true;
      return false;
    })()`;
    await frame.waitForFunction(painted);
  }

  /** Answers WeChat's subscription dialog with 允许. */
  async allowSubscription(): Promise<void> {
    await this.screen.locator('#lf-subscribe-allow').click();
  }

  /** Shows `image` to the open scanner, as picking it from the album would. */
  async scanImage(image: Buffer): Promise<void> {
    await this.screen.locator('.lf-scan').waitFor();
    await this.screen.locator('.lf-scan-file').setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: image });
  }

  /** Answers the open photo picker (wx.chooseMedia) with `image`, as choosing it from the album would. */
  async choosePhoto(image: Buffer, name = 'photo.png'): Promise<void> {
    await this.screen.locator('.lf-media').waitFor();
    await this.screen.locator('.lf-media-file').setInputFiles({ name, mimeType: 'image/png', buffer: image });
  }

  /** The phone's panel button: pull-down refresh of the page on top. */
  async pullDown(): Promise<void> {
    await this.page.locator('.phone button', { hasText: '刷新' }).click();
  }

  async back(): Promise<void> {
    await this.screen.locator('#lf-back').click();
  }

  /** A screenshot of the phone, kept for the step; returns the PNG. */
  async shot(name: string): Promise<Buffer> {
    return this.page.locator('.bezel').screenshot({ path: this.shotPath(`${this.account}-${name}`), animations: 'disabled' });
  }
}
