/**
 * WeChat's privacy check (用户隐私保护指引). Before a privacy API runs for a user who has not
 * agreed, WeChat asks the listener the app registered with wx.onNeedPrivacyAuthorization (the
 * last one registered) and waits for its `resolve`: `agree` naming a tapped
 * `<button open-type="agreePrivacyAuthorization">`, or `disagree` (the API then fails with
 * errno 104). With no listener WeChat shows its own prompt. The agreement is remembered per
 * user (the phone's panel can forget it). The contract's text lives in the WeChat console, which
 * the preview cannot show: openPrivacyContract fails and says so.
 */
import type { PhoneState } from '../state';
import { notice, showModal } from '../ui';
import { asyncApi, failure } from './callbacks';

type Answer = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId?: string } | { event: 'disagree' };
type Listener = (resolve: (answer: Answer) => void, info: { referrer: string }) => void;

let state: PhoneState | null = null;
let listener: Listener | null = null;
/** Ids of agree buttons the user has tapped (WeChat checks `buttonId` against them). */
const tapped = new Set<string>();

/** The user tapped an open-type="agreePrivacyAuthorization" button with this id. */
export function agreeByButton(id: string): void {
  tapped.add(id);
}

function agreed(): boolean {
  return state?.memory().privacyAgreed ?? false;
}

/** Resolves when `api` may run; rejects with WeChat's failure when the user does not agree. */
export function checkPrivacy(api: string): Promise<void> {
  if (agreed()) return Promise.resolve();
  const refused = failure(api, 'privacy permission is not authorized', { errno: 104 });
  if (!listener) {
    return showModal({
      title: '用户隐私保护提示',
      content: '在你使用此功能前，请仔细阅读《隐私保护指引》。如你同意，请点击“同意”开始使用。',
      showCancel: true,
      cancelText: '拒绝',
      cancelColor: '#000000',
      confirmText: '同意',
      confirmColor: '#576B95',
      editable: false,
      placeholderText: '',
    }).then(({ confirm }) => {
      if (!confirm) throw refused;
      state?.updateMemory({ privacyAgreed: true });
    });
  }
  const ask = listener;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    ask(
      (answer) => {
        if (settled || answer.event === 'exposureAuthorization') return;
        settled = true;
        if (answer.event === 'agree') {
          if (!answer.buttonId || !tapped.has(answer.buttonId)) {
            notice(`resolve({ event: 'agree' }) 的 buttonId「${answer.buttonId ?? ''}」不是用户点过的同意按钮：微信会拒绝`, 'error');
            reject(refused);
            return;
          }
          state?.updateMemory({ privacyAgreed: true });
          resolve();
        } else reject(refused);
      },
      { referrer: api },
    );
  });
}

export function privacyApi(phone: PhoneState) {
  state = phone;
  return {
    onNeedPrivacyAuthorization(fn: Listener) {
      listener = fn;
    },
    getPrivacySetting: asyncApi('getPrivacySetting', async () => ({ needAuthorization: !agreed(), privacyContractName: '《隐私保护指引》' })),
    requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', () => checkPrivacy('requirePrivacyAuthorize').then(() => ({}))),
    openPrivacyContract: asyncApi('openPrivacyContract', async () => {
      notice('隐私保护指引的正文在微信公众平台后台填写，预览打不开（应声明的内容见 docs/PRIVACY.md）');
      throw failure('openPrivacyContract', '预览中没有微信后台的隐私保护指引');
    }),
  };
}
