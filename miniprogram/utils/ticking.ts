/** A page's clock: something re-done every so often while the page is shown. */
import { pageState } from './page-state';

const tickerOf = pageState<{ timer?: ReturnType<typeof setInterval> }>(() => ({}));

/** Runs `tick` every `ms` for the page (once at a time): from onShow, until `stopTicking`. */
export function startTicking(page: object, tick: () => void, ms: number): void {
  stopTicking(page);
  tickerOf(page).timer = setInterval(tick, ms);
}

/** For onHide, onUnload and detached. */
export function stopTicking(page: object): void {
  const ticker = tickerOf(page);
  if (ticker.timer !== undefined) clearInterval(ticker.timer);
  ticker.timer = undefined;
}
