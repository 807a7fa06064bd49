/** The lookup of a resident without a code, as a form: its state and checks. Pure: no wx here. */

/** Why there is no code, as the volunteer picks it (the label is what the ledger keeps); 其他 is typed. */
export const MANUAL_REASONS = ['未带手机', '手机没电', '老人不会用手机', '二维码打不开', '其他'] as const;
export const OTHER_REASON = '其他';

export interface ManualHit {
  passId: string;
  nameMasked: string;
  relation: string;
  validUntil: number;
}

/** The lookup overlay: building → unit → room → the household's passes → who and why. */
export interface ManualState {
  buildings: Array<{ id: string; name: string }>;
  buildingNames: string[];
  buildingIndex: number;
  unit: string;
  room: string;
  /** A field's problem, or why the lookup failed. */
  error: string;
  loading: boolean;
  /** Set once looked up: "3号楼2单元502". */
  household: string;
  hits: ManualHit[];
  passId: string;
  reason: string;
  otherReason: string;
}

export const EMPTY_MANUAL: ManualState = {
  buildings: [],
  buildingNames: [],
  buildingIndex: -1,
  unit: '',
  room: '',
  error: '',
  loading: false,
  household: '',
  hits: [],
  passId: '',
  reason: '',
  otherReason: '',
};

/** The reason to record, or why it cannot be recorded yet. */
export function manualReasonOf(state: Pick<ManualState, 'passId' | 'reason' | 'otherReason'>): { reason: string } | { error: string } {
  if (!state.passId) return { error: '请选择要登记的人' };
  if (!state.reason) return { error: '请选择没有二维码的原因' };
  if (state.reason !== OTHER_REASON) return { reason: state.reason };
  const typed = state.otherReason.trim();
  if (typed.length < 2 || typed.length > 40) return { error: '请填写原因（2–40 个字）' };
  return { reason: typed };
}
