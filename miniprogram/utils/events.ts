/** The events page handlers take. */

/** A tap (or another plain event) on an element whose `data-*` attributes are `D`. */
export type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<Record<string, never>, D>;
