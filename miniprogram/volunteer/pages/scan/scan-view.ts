/** What the gate page shows, computed from a decision. Pure: no wx here. */
import type { Direction, GateEventKind } from '../../../../typings/pass';
import type { GateOutcome } from '../../../shared/gate/decide';
import { maskName, maskPhone } from '../../../shared/mask';
import type { GateSubject } from '../../../services/gate-decision';
import { shownCredential } from '../../../services/gate-decision';
import type { CourierKind } from '../../../services/gate-labels';
import { COURIER_KIND_LABELS, DIRECTION_LABELS, KIND_LABELS, VERDICT_LABELS, reasonText } from '../../../services/gate-labels';
import { temperatureText } from '../../../services/gate-event-row';
import { normalizePlate } from '../../../shared/plate';
import { normalizePhone, plateError, validateName, validatePhone } from '../../../utils/validate';

export const MODES: Array<{ key: GateEventKind; label: string }> = [
  { key: 'resident', label: '居民扫码' },
  { key: 'visitor', label: '访客' },
  { key: 'courier', label: '快递外卖' },
  { key: 'vehicle', label: '车辆' },
];

/** The full-screen verdict. */
export interface ResultView {
  id: string;
  verdict: 'allow' | 'deny';
  title: string;
  /** Large: the masked name, the courier, or the plate. */
  who: string;
  household: string;
  reason: string;
  temperature: string;
  fever: boolean;
  /** "居民 · 进" */
  caption: string;
  /** "已上传" / "待上传…" / storage failure. */
  sync: string;
}

export const SYNC_TEXT = {
  synced: '记录已上传',
  pending: '记录已保存在本机，联网后自动上传',
  lost: '本机存储已满，这条记录未能保存，请联系小区书记',
};

function whoOf(subject: GateSubject, outcome: GateOutcome): string {
  const person = subject.person;
  switch (subject.kind) {
    case 'resident':
      return shownCredential(outcome)?.nm ?? subject.manual?.who ?? '';
    case 'vehicle':
      return subject.plate ?? '';
    case 'courier': {
      const kind = person?.courierKind ? COURIER_KIND_LABELS[person.courierKind] : '';
      return [kind, person?.company, person?.phone ? maskPhone(person.phone) : ''].filter(Boolean).join(' · ');
    }
    case 'visitor':
      return [person?.name ? maskName(person.name) : '', person?.phone ? maskPhone(person.phone) : ''].filter(Boolean).join(' · ');
  }
}

export function resultView(id: string, subject: GateSubject, outcome: GateOutcome, sync: string): ResultView {
  return {
    id,
    verdict: outcome.verdict,
    title: VERDICT_LABELS[outcome.verdict],
    who: whoOf(subject, outcome),
    household: subject.kind === 'resident' ? (shownCredential(outcome)?.hh ?? subject.manual?.household ?? '') : '',
    reason: reasonText(outcome.reason),
    temperature: temperatureText(subject),
    fever: outcome.fever,
    caption: [KIND_LABELS[subject.kind], DIRECTION_LABELS[subject.direction], subject.method === 'manual' ? '人工登记' : ''].filter(Boolean).join(' · '),
    sync,
  };
}

/* ───────────── the typed-in modes ───────────── */

export interface GateForm {
  visitorName: string;
  visitorPhone: string;
  courierKind: CourierKind;
  courierCompany: string;
  courierPhone: string;
  plate: string;
}

export type FormField = Exclude<keyof GateForm, 'courierKind'>;

export const EMPTY_FORM: GateForm = { visitorName: '', visitorPhone: '', courierKind: 'courier', courierCompany: '', courierPhone: '', plate: '' };
export const NO_ERRORS: Record<FormField, string> = { visitorName: '', visitorPhone: '', courierCompany: '', courierPhone: '', plate: '' };

/** The server records a courier only with a company. */
function validateCompany(raw: string): string {
  const value = raw.trim();
  if (!value) return '请填写快递/外卖公司';
  return value.length > 20 ? '公司名称最多 20 个字' : '';
}

export const FORM_VALIDATORS: Record<FormField, (raw: string) => string> = {
  visitorName: validateName,
  visitorPhone: validatePhone,
  courierCompany: validateCompany,
  courierPhone: validatePhone,
  plate: plateError,
};

/** The fields each typed-in mode submits. */
export const MODE_FIELDS: Record<Exclude<GateEventKind, 'resident'>, FormField[]> = {
  visitor: ['visitorName', 'visitorPhone'],
  courier: ['courierCompany', 'courierPhone'],
  vehicle: ['plate'],
};

/** What a checked form submits for a decision. */
export function formSubject(mode: Exclude<GateEventKind, 'resident'>, form: GateForm, direction: Direction): GateSubject {
  if (mode === 'visitor') return { kind: 'visitor', direction, person: { name: form.visitorName.trim(), phone: normalizePhone(form.visitorPhone) } };
  // Couriers never come in: always recorded as an attempt to enter, and turned away.
  if (mode === 'courier') {
    return {
      kind: 'courier',
      direction: 'in',
      person: { courierKind: form.courierKind, company: form.courierCompany.trim(), phone: normalizePhone(form.courierPhone) },
    };
  }
  return { kind: 'vehicle', direction, plate: normalizePlate(form.plate) };
}
