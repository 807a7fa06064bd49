/**
 * wx.requestSubscribeMessage. As on the phone it works only inside the user's tap, and asks
 * for at most 5 templates; the answer comes from the phone's setting: ask each time (WeChat's
 * dialog, a switch per template), always allow, always refuse, or the main switch off (20004).
 */
import { h } from '../dom';
import { inTap } from '../events';
import type { PhoneState } from '../state';
import { openSheet } from '../ui';
import { asyncApi, failure } from './callbacks';

type Answer = 'accept' | 'reject';

function ask(ids: string[]): Promise<Record<string, Answer>> {
  return new Promise((resolve) => {
    const boxes = ids.map((id) => h('input', { type: 'checkbox', checked: true, 'data-template': id }));
    let done = false;
    const finish = (allow: boolean, close: () => void) => {
      if (done) return;
      done = true;
      close();
      resolve(Object.fromEntries(ids.map((id, i) => [id, allow && boxes[i].checked ? 'accept' : 'reject'])));
    };
    const close = openSheet(
      'lf-subscribe',
      (sheet, close) => {
        const allow = h('button', { class: 'lf-subscribe-allow', id: 'lf-subscribe-allow' }, '允许');
        const cancel = h('button', { class: 'lf-subscribe-cancel', id: 'lf-subscribe-cancel' }, '取消');
        allow.onclick = () => finish(true, close);
        cancel.onclick = () => finish(false, close);
        sheet.append(
          h('div', { class: 'lf-subscribe-title' }, '联防 申请发送以下订阅消息'),
          ...ids.map((id, i) => h('label', { class: 'lf-subscribe-row' }, h('span', {}, `模板 ${id}`), boxes[i])),
          h('div', { class: 'lf-subscribe-actions' }, cancel, allow),
        );
      },
      () => finish(false, close),
    );
  });
}

export function subscribeApi(state: PhoneState) {
  return {
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', ({ tmplIds = [] }: { tmplIds?: string[] }) => {
      // Checked before any await: the call has to come from inside the tap.
      if (!inTap()) return Promise.reject(failure('requestSubscribeMessage', 'can only be invoked by user TAP gesture.', { errCode: 10005 }));
      if (!tmplIds.length) return Promise.reject(failure('requestSubscribeMessage', 'parameter error: tmplIds is empty', { errCode: 10001 }));
      if (tmplIds.length > 5) return Promise.reject(failure('requestSubscribeMessage', 'templates count out of max bounds', { errCode: 20003 }));
      const setting = state.settings().subscribe;
      if (setting === 'off') return Promise.reject(failure('requestSubscribeMessage', 'main switch is switched off', { errCode: 20004 }));
      if (setting === 'ask') return ask(tmplIds);
      return Promise.resolve(Object.fromEntries(tmplIds.map((id) => [id, setting])));
    }),
  };
}
