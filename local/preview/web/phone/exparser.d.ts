/**
 * The part of exparser (WeChat's component framework, which j-component renders with) the
 * preview uses. The package ships no types.
 */
declare module 'miniprogram-exparser' {
  export interface ExparserNode {
    /** The DOM element the node renders to (absent on virtual and text nodes). */
    $$?: HTMLElement;
    id: string;
    is?: string;
    dataset?: Record<string, unknown>;
    parentNode: ExparserNode | null;
    childNodes: ExparserNode[];
    shadowRoot?: ExparserNode & { querySelector(selector: string): ExparserNode | null; querySelectorAll(selector: string): ExparserNode[] };
    triggerLifeTime(name: string, args?: unknown[]): void;
    triggerPageLifeTime(name: string, args?: unknown[]): void;
    addListener(name: string, handler: (event: ExparserEvent) => unknown, options?: { capture?: boolean }): void;
  }

  export interface ExparserEvent {
    type: string;
    detail: unknown;
    target: unknown;
  }

  export interface EventOptions {
    originalEvent?: Event;
    bubbles?: boolean;
    capturePhase?: boolean;
    composed?: boolean;
    extraFields?: Record<string, unknown>;
  }

  export const Event: {
    create(name: string, detail: unknown, options?: EventOptions): ExparserEvent;
    dispatchEvent(target: ExparserNode | Node, event: ExparserEvent): void;
  };

  export const Element: {
    getMethodCaller(node: ExparserNode): Record<string, unknown>;
    pretendAttached(node: ExparserNode): void;
    pretendDetached(node: ExparserNode): void;
  };

  export const Component: {
    new (): ExparserNode;
    prototype: ExparserNode;
  };

  export const globalOptions: Record<string, unknown>;

  export function addGlobalErrorListener(listener: (error: unknown, info: { message: string }) => boolean | void): void;
}
