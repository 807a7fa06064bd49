/**
 * A large keypad for a body temperature, for cold fingers at a gate: three digits and it is
 * done ("3", "6", "5" → 36.5 ℃; the decimal point places itself). 确定 is live only for a value
 * within TEMPERATURE_MIN–MAX. Fires `numpadconfirm` with `{ value }` (°C, one decimal) and
 * `numpadcancel`. Events are named apart from `change`/`confirm` because j-component lets
 * events bubble across components.
 */
import { TEMPERATURE_MAX, TEMPERATURE_MIN } from '../../shared/gate/decide';
import type { Tap } from '../../utils/events';
import { pageState } from '../../utils/page-state';

export interface NumpadConfirm {
  value: number;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', '0', 'ok'];
const RANGE_MESSAGE = `体温应在 ${TEMPERATURE_MIN.toFixed(1)}–${TEMPERATURE_MAX.toFixed(1)} ℃ 之间`;

/** "365" → 36.5, "37" → 37.0; NaN while fewer than two digits. */
export function temperatureOf(digits: string): number {
  if (digits.length < 2) return NaN;
  return Number(`${digits.slice(0, 2)}.${digits.slice(2) || '0'}`);
}

const inRange = (t: number) => t >= TEMPERATURE_MIN && t <= TEMPERATURE_MAX;

/** "3_._", "36._", "36.5" */
function displayOf(digits: string): string {
  const d = (i: number) => digits[i] ?? '_';
  return `${d(0)}${d(1)}.${d(2)}`;
}

/** What a keypad keeps outside `data`: the digits typed so far. */
const runtimeOf = pageState(() => ({ digits: '' }));

Component({
  properties: {
    /** A line above the display, e.g. the person being measured. */
    title: { type: String, value: '请输入体温' },
  },

  data: {
    keys: KEYS,
    display: displayOf(''),
    error: '',
    canConfirm: false,
  },

  methods: {
    setDigits(digits: string) {
      const t = temperatureOf(digits);
      const valid = Number.isFinite(t) && inRange(t);
      runtimeOf(this).digits = digits;
      this.setData({ display: displayOf(digits), canConfirm: valid, error: Number.isFinite(t) && !valid ? RANGE_MESSAGE : '' });
    },

    onKey(e: Tap<{ key: string }>) {
      const key = e.currentTarget.dataset.key;
      const { digits } = runtimeOf(this);
      if (key === 'ok') this.onConfirm();
      else if (key === 'back') this.setDigits(digits.slice(0, -1));
      else if (digits.length < 3) this.setDigits(digits + key);
    },

    onConfirm() {
      const value = temperatureOf(runtimeOf(this).digits);
      if (!this.data.canConfirm) return;
      const detail: NumpadConfirm = { value: Math.round(value * 10) / 10 };
      this.triggerEvent('numpadconfirm', detail);
    },

    onCancel() {
      this.triggerEvent('numpadcancel', {});
    },
  },
});
