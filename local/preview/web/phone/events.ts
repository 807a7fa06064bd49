/**
 * A click (a finger's tap, or a mouse) on a page becomes WeChat's `tap` event on the element
 * under it, bubbling through the page's components as on the phone. The tap is delivered while
 * the click is handled, so APIs that WeChat allows only inside a user's tap
 * (requestSubscribeMessage) can tell. Touch events are kept from j-component's own tap emulation,
 * which would deliver every tap a second time and outside the gesture.
 */
import * as exparser from 'miniprogram-exparser';

let tapping = false;

/** Whether a user's tap is being handled right now. */
export function inTap(): boolean {
  return tapping;
}

const TOUCH = ['touchstart', 'touchmove', 'touchend', 'touchcancel'];

/** The nearest DOM node at or above `node` that exparser renders (inside `within`). */
function rendered(node: Node | null, within: HTMLElement): Node | null {
  for (let n = node; n && n !== within; n = n.parentNode) if ((n as { __wxElement?: unknown }).__wxElement) return n;
  return null;
}

/** Delivers taps to the pages inside `container`. */
export function deliverTaps(container: HTMLElement): void {
  for (const type of TOUCH) container.addEventListener(type, (e) => e.stopPropagation(), { capture: true });
  container.addEventListener('click', (e) => {
    const target = rendered(e.target as Node, container);
    if (!target) return;
    // A disabled button does not respond to the finger.
    if ((e.target as Element).closest?.('wx-button[disabled]')) return;
    const point = { x: e.pageX, y: e.pageY, clientX: e.clientX, clientY: e.clientY, pageX: e.pageX, pageY: e.pageY, identifier: 0 };
    tapping = true;
    try {
      exparser.Event.dispatchEvent(
        target,
        exparser.Event.create(
          'tap',
          { x: e.pageX, y: e.pageY },
          { originalEvent: e, bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [point] } },
        ),
      );
    } finally {
      tapping = false;
    }
  });
}
