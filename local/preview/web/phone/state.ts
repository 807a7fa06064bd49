/**
 * Per phone (one per account): the preview's settings for what a browser cannot know (network
 * on or off, how the user answers subscription requests, where the phone is) and what WeChat
 * itself remembers for the user (privacy agreement, permission scopes). Kept in localStorage
 * apart from the mini program's own storage, so clearing one leaves the other.
 */

export type SubscribeAnswer = 'ask' | 'accept' | 'reject' | 'off';

export interface Position {
  latitude: number;
  longitude: number;
}

export interface PhoneSettings {
  /** The phone has no network: requests fail as with no signal. */
  offline: boolean;
  /** How requestSubscribeMessage is answered ('ask': a dialog each time; 'off': the main switch is off). */
  subscribe: SubscribeAnswer;
  /** Where getLocation says the phone is (gcj02); null: ask the browser. */
  position: Position | null;
}

export interface WeChatMemory {
  /** The user agreed to the mini program's privacy contract. */
  privacyAgreed: boolean;
  /** Permission scopes answered (scope.userLocation → allowed or not). */
  scopes: Record<string, boolean>;
}

const DEFAULT_SETTINGS: PhoneSettings = { offline: false, subscribe: 'ask', position: null };
const DEFAULT_MEMORY: WeChatMemory = { privacyAgreed: false, scopes: {} };

function stored<T extends object>(key: string, fallback: T) {
  return {
    read(): T {
      try {
        return { ...fallback, ...(JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<T>) };
      } catch {
        return { ...fallback };
      }
    },
    write(value: T): void {
      localStorage.setItem(key, JSON.stringify(value));
    },
  };
}

export interface PhoneState {
  settings(): PhoneSettings;
  updateSettings(patch: Partial<PhoneSettings>): PhoneSettings;
  memory(): WeChatMemory;
  updateMemory(patch: Partial<WeChatMemory>): void;
}

export function phoneState(account: string): PhoneState {
  const settings = stored(`lf.preview.${account}.~settings`, DEFAULT_SETTINGS);
  const memory = stored(`lf.preview.${account}.~wechat`, DEFAULT_MEMORY);
  return {
    settings: settings.read,
    updateSettings(patch) {
      const next = { ...settings.read(), ...patch };
      settings.write(next);
      return next;
    },
    memory: memory.read,
    updateMemory(patch) {
      memory.write({ ...memory.read(), ...patch });
    },
  };
}
