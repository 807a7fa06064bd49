/**
 * What the gate phone does besides drawing: it keeps the screen on while the page is open, and
 * the verdict is heard and felt: a tone and the spoken verdict (volunteer/audio/<cue>.mp3, shipped in
 * this subpackage, so it works offline) and a vibration — short on 放行, long on 禁止通行. The
 * volunteer can mute the sound (remembered on the phone); vibration stays. Sound plays even with
 * the phone's silent switch on: at a noisy gate the page's own mute is the switch that counts.
 */
import type { GateDenyReason, Verdict } from '../../../../typings/pass';
import { voiceClipPath, voiceCueOf } from '../../../shared/gate/voice';

export const MUTE_KEY = 'lf.gate.muted';

let player: WechatMiniprogram.InnerAudioContext | null = null;

export function isMuted(): boolean {
  try {
    return wx.getStorageSync(MUTE_KEY) === true;
  } catch {
    return false;
  }
}

export function setMuted(muted: boolean): void {
  try {
    wx.setStorageSync(MUTE_KEY, muted);
  } catch {
    // Not remembered; this page still follows the switch.
  }
  if (muted) player?.stop();
}

function playerOf(): WechatMiniprogram.InnerAudioContext | null {
  if (player || typeof wx.createInnerAudioContext !== 'function') return player;
  try {
    wx.setInnerAudioOption?.({ obeyMuteSwitch: false, mixWithOther: true });
  } catch {
    // Older clients: the silent switch then mutes the clips too.
  }
  player = wx.createInnerAudioContext();
  return player;
}

function vibrate(verdict: Verdict): void {
  try {
    if (verdict === 'allow') wx.vibrateShort?.({ type: 'light' });
    else wx.vibrateLong?.({});
  } catch {
    // Haptics are a nicety.
  }
}

/** Says the verdict: vibration always, the clip unless muted (a new verdict cuts the last one off). */
export function announce(verdict: Verdict, reason: GateDenyReason | undefined, muted: boolean): void {
  vibrate(verdict);
  if (muted) return;
  const audio = playerOf();
  if (!audio) return;
  try {
    audio.stop();
    audio.src = voiceClipPath(voiceCueOf(verdict, reason));
    audio.play();
  } catch {
    // The screen still shows the verdict.
  }
}

/** Frees the player when the page goes away. */
export function releaseSound(): void {
  player?.destroy();
  player = null;
}

/** The screen stays on while the gate page is open (a queue at night must not meet a locked phone). */
export function keepScreenOn(on: boolean): void {
  if (typeof wx.setKeepScreenOn === 'function') wx.setKeepScreenOn({ keepScreenOn: on, fail: () => undefined });
}
