/**
 * What the gate says aloud after each verdict: one short clip per cue (a tone, then the words),
 * shipped in the volunteer subpackage (volunteer/audio/<cue>.mp3, made by scripts/gate-audio.ts).
 * Pure: the phone picks the cue, the script speaks the phrases.
 */
import type { GateDenyReason, Verdict } from '../../../typings/pass';
import { VERIFY_REASON_TEXT } from '../pass/verify';

export const VOICE_PHRASES = {
  allow: '通过',
  fever: '禁止通行，体温异常',
  invalid: '禁止通行，出入证无效',
  courier: '禁止进入，请在门口交接',
  visitor: '禁止通行，谢绝访客',
  vehicle: '禁止通行，车辆未登记',
  deny: '禁止通行',
} as const;

export type VoiceCue = keyof typeof VOICE_PHRASES;

const REASON_CUES: Partial<Record<GateDenyReason, VoiceCue>> = {
  FEVER: 'fever',
  COURIER: 'courier',
  VISITOR_NOT_ALLOWED: 'visitor',
  VEHICLE_NOT_REGISTERED: 'vehicle',
  NO_PASS: 'invalid',
};

/** The cue for a verdict: a pass that does not check out says so; a reason without its own clip says 禁止通行. */
export function voiceCueOf(verdict: Verdict, reason?: GateDenyReason): VoiceCue {
  if (verdict === 'allow') return 'allow';
  if (!reason) return 'deny';
  return REASON_CUES[reason] ?? (reason in VERIFY_REASON_TEXT ? 'invalid' : 'deny');
}

/** Where the phone finds a cue's clip. */
export const voiceClipPath = (cue: VoiceCue) => `/volunteer/audio/${cue}.mp3`;
