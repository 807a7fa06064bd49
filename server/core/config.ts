/**
 * Everything the environment configures, read once where a function starts — a cloud entry,
 * the timer function, the local runtime — and passed down (ActionContext.config, the timer's
 * jobs). Nothing below the entries reads process.env.
 *
 *   LF_URGENT_ACK_MINUTES      how long an urgent notice waits for acks before its readers are
 *                              reminded and lagging nodes alerted (default 60)
 *   LF_DUTY_MAX_DAILY_HOURS    most hours one volunteer may be on the rota in a day (default 10)
 *   LF_TICK_BUDGET_MS          the timer stops claiming entries after this long (default 2000: under
 *                              the platform's default 3 s timeout; raise both together)
 *   LF_TICK_BATCH              entries per sender round (default 100)
 *   LF_TICK_CONCURRENCY        sends in flight at once (default 5)
 *   LF_MINIPROGRAM_STATE       developer | trial | formal (default formal): which build a card opens
 *   LF_HEALTH_CUTOFF           default time (HH:mm, Asia/Shanghai) after which a day's health report can
 *                              no longer be changed (default 20:00; a compound's secretary may set its own)
 *   LF_RETENTION_DAYS          days gate events, duty check-ins, health reports and delivered pushes are kept (default 28)
 *   LF_ACCESS_LOG_DAYS         days the records of who viewed whose personal data are kept (default 180)
 *   LF_RETENTION_BATCH         documents the retention job deletes per collection per tick (default 200)
 *   LF_PASS_KEKS / LF_PASS_KEK the key-encryption keys the pass signing seeds are sealed under
 *                              (server/core/kek.ts); without them signing refuses
 *   LF_RATE_LIMITS             per-caller rate limits replacing the actions' own, as JSON:
 *                              {"pass.apply": "20/hour", "account.redeem": "off"} (server/runtime/limits.ts);
 *                              a value that does not parse leaves that action's own limit
 *
 * The subscription templates are not set here: their ids, long-term flags and fields come from
 * the file the phone asks consent with (miniprogram/shared/templates.ts), so both use one id.
 */
import type { TemplateName } from '../../typings/messages';
import { TEMPLATES, type TemplateTable } from '../../miniprogram/shared/templates';
import { MINUTE } from '../../miniprogram/shared/time';
import { DEV_KEKS, readKeks, type KekSetting } from './kek';

export type Env = Record<string, string | undefined>;

/** Every subscription template purpose, as typings/messages.ts names them. */
export const TEMPLATE_NAMES = ['passDecision', 'alert', 'notice', 'shiftReminder', 'healthReminder'] as const satisfies readonly TemplateName[];
type Missing = Exclude<TemplateName, (typeof TEMPLATE_NAMES)[number]>;
const _allNamed: [Missing] extends [never] ? true : Missing = true;
void _allNamed;

/** A per-caller rate limit: at most `max` calls of an action per fixed window. */
export interface RateLimit {
  per: 'minute' | 'hour' | 'day';
  max: number;
}

/** "20/hour" → { per: 'hour', max: 20 }; "off" → 'off'; anything else → undefined. */
export function parseRateLimit(text: unknown): RateLimit | 'off' | undefined {
  if (text === 'off') return 'off';
  const m = typeof text === 'string' ? /^\s*(\d{1,6})\s*\/\s*(minute|hour|day)\s*$/.exec(text) : null;
  return m && Number(m[1]) > 0 ? { per: m[2] as RateLimit['per'], max: Number(m[1]) } : undefined;
}

function readRateLimits(json: string | undefined): Readonly<Record<string, RateLimit | 'off'>> {
  let raw: unknown;
  try {
    raw = JSON.parse(json || '{}');
  } catch {
    return {};
  }
  const out: Record<string, RateLimit | 'off'> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [action, text] of Object.entries(raw)) {
    const limit = parseRateLimit(text);
    if (limit) out[action] = limit;
  }
  return out;
}

/** Which build of the mini program a card opens (subscribeMessage.send `miniprogramState`). */
export type MiniprogramState = 'developer' | 'trial' | 'formal';
const MINIPROGRAM_STATES: readonly MiniprogramState[] = ['developer', 'trial', 'formal'];

export interface Config {
  notices: { urgentAckMs: number };
  duty: { maxDailyMinutes: number };
  /** The default daily health report cutoff, HH:mm Asia/Shanghai. */
  health: { cutoff: string };
  /** The template file's table (tests may pass another). */
  templates: TemplateTable;
  timer: { budgetMs: number; batch: number; concurrency: number; miniprogramState: MiniprogramState };
  /** Personal data past these ages is purged by the timer (server/account/retention.ts). */
  retention: { days: number; accessLogDays: number; batch: number };
  /** The KEKs sealing the pass signing seeds (or why there are none). */
  passKeks: KekSetting;
  /** Per action: a limit replacing the one the action declares, or 'off'. */
  rateLimits: Readonly<Record<string, RateLimit | 'off'>>;
}

/** A time of day, HH:mm (00:00–23:59). */
export const CUTOFF_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v || fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

const intIn = (v: string | undefined, fallback: number, min: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};

export function readConfig(env: Env): Config {
  const state = env.LF_MINIPROGRAM_STATE as MiniprogramState | undefined;
  return {
    notices: { urgentAckMs: positive(env.LF_URGENT_ACK_MINUTES, 60) * MINUTE },
    duty: { maxDailyMinutes: positive(env.LF_DUTY_MAX_DAILY_HOURS, 10) * 60 },
    health: { cutoff: env.LF_HEALTH_CUTOFF && CUTOFF_PATTERN.test(env.LF_HEALTH_CUTOFF) ? env.LF_HEALTH_CUTOFF : '20:00' },
    templates: TEMPLATES,
    timer: {
      budgetMs: intIn(env.LF_TICK_BUDGET_MS, 2000, 100, 900_000),
      batch: intIn(env.LF_TICK_BATCH, 100, 1, 1000),
      concurrency: intIn(env.LF_TICK_CONCURRENCY, 5, 1, 50),
      miniprogramState: state && MINIPROGRAM_STATES.includes(state) ? state : 'formal',
    },
    retention: {
      days: intIn(env.LF_RETENTION_DAYS, 28, 8, 3650),
      accessLogDays: intIn(env.LF_ACCESS_LOG_DAYS, 180, 8, 3650),
      batch: intIn(env.LF_RETENTION_BATCH, 200, 1, 1000),
    },
    passKeks: readKeks(env),
    rateLimits: readRateLimits(env.LF_RATE_LIMITS),
  };
}

/** This configuration, with `keks` where the environment sets no KEK at all (hosts of dev stores only). */
export function withDevKeks(config: Config, keks: KekSetting): Config {
  return !config.passKeks.ok && config.passKeks.missing ? { ...config, passKeks: keks } : config;
}

/**
 * The settings of an empty environment, with the fixed dev KEK (their stores live in memory): what
 * tests and benches run with unless they say otherwise. Cloud entries read their own (readConfig).
 */
export const DEFAULT_CONFIG: Config = withDevKeks(readConfig({}), DEV_KEKS);
