/** The privacy notice under a form that collects personal data, as a user meets it. */
import type { FakeWx } from './fake-wx';
import type { Page } from './mp';
import { tap } from './mp';

export const SUBMIT_NOTICE = '提交即表示您已阅读并同意《联防隐私保护指引》';

/** Taps the notice's title; whether that opened WeChat's page of the privacy contract. */
export async function noticeOpensContract(page: Page, fake: FakeWx): Promise<boolean> {
  const before = fake.wx.openPrivacyContract.mock.calls.length;
  await tap(page, '#privacy-notice', '#privacy-contract');
  return fake.wx.openPrivacyContract.mock.calls.length === before + 1;
}
