/**
 * Where subscription messages go in the local runtime instead of WeChat: the Messenger the
 * local tick sends through. It keeps what it was sent in memory, so developers and tests can
 * see exactly what would have reached the phone (GET /api/dev/outbox shows each outbox entry
 * with its state; GET /api/dev/sink this sink).
 *
 * The switch (POST /api/dev/sink { errcode, count? }) makes it answer a chosen WeChat error
 * code instead of 0 — for the next `count` sends, or until reset with `errcode: null` — so
 * retries (43108, -1), refusals (43101), permanent failures (47003) and dead letters can be seen.
 */
import { systemClock, type Clock } from '../server/core/clock';
import type { Messenger, SendResult, SubscribeMessage } from '../server/messaging/messenger';

export interface SentMessage extends SubscribeMessage {
  at: number;
}

export interface SinkState {
  /** The code answered instead of 0, or null when sends succeed. */
  errcode: number | null;
  /** How many more sends get it; null = until reset. */
  remaining: number | null;
  /** Messages accepted (errcode 0) since start. */
  delivered: number;
  /** Sends answered with the forced code since start. */
  refused: number;
}

/** How many accepted messages are kept for viewing (the counts go on). */
const KEEP = 1000;

export class DevSink implements Messenger {
  private readonly messages: SentMessage[] = [];
  private forced: { errcode: number; remaining: number | null } | null = null;
  private delivered = 0;
  private refused = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  async send(message: SubscribeMessage): Promise<SendResult> {
    const forced = this.forced;
    if (forced) {
      if (forced.remaining !== null && --forced.remaining <= 0) this.forced = null;
      this.refused++;
      return { errcode: forced.errcode, errmsg: `dev sink: answering ${forced.errcode} as set by POST /api/dev/sink` };
    }
    this.deliver({ ...message, at: this.clock.now() });
    return { errcode: 0, errmsg: 'ok' };
  }

  /** errcode null (or 0) resets; otherwise the next `count` sends (all, without count) are answered `errcode`. */
  answer(errcode: number | null, count?: number): SinkState {
    this.forced = errcode === null || errcode === 0 ? null : { errcode, remaining: count ?? null };
    return this.state();
  }

  state(): SinkState {
    return { errcode: this.forced?.errcode ?? null, remaining: this.forced?.remaining ?? null, delivered: this.delivered, refused: this.refused };
  }

  deliver(message: SentMessage): void {
    this.delivered++;
    this.messages.push(message);
    if (this.messages.length > KEEP) this.messages.splice(0, this.messages.length - KEEP);
  }

  /** Accepted messages, oldest first (the last KEEP). */
  sent(): SentMessage[] {
    return [...this.messages];
  }
}
