/**
 * Consent in page tests: a phone whose server registers, takes pass applications, lists and
 * acknowledges alerts and records consent reports; the template ids the phone must ask with;
 * what it asked and reported.
 */
import type { TemplateName } from '../../../typings/messages';
import { TEMPLATES } from '../../../miniprogram/shared/templates';
import type { ConsentReport } from '../../../miniprogram/services/subscribe';
import type { FakeWx, FakeWxOptions, Handlers } from './fake-wx';
import { installFakeWx } from './fake-wx';
import { RESIDENT_ME, directory } from './fixtures';
import type { MessageWx } from './messages';
import { addMessageWx, alertView, consentSummary } from './messages';
import { PassServer } from './pass-server';
import { addPassWx } from './pass-wx';

/** The ids the phone must ask with: the server's table (server/messaging/templates.ts) is built from the same TEMPLATES. */
export const ID = Object.fromEntries(Object.entries(TEMPLATES).map(([name, entry]) => [name, entry.id])) as Record<TemplateName, string>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Registration, applying and alerts served; message.subscribed records and answers. A trial build
 * unless told: the template ids are still placeholders, which only a release build leaves unasked.
 */
export function serve(handlers: Handlers = {}, envVersion: FakeWxOptions['envVersion'] = 'trial'): FakeWx & { msg: MessageWx } {
  const passes = new PassServer();
  const fake = installFakeWx({
    envVersion,
    handlers: {
      ...passes.handlers(),
      'org.directory': directory,
      'account.register': () => RESIDENT_ME,
      'alert.list': () => ({ items: [alertView('a1'), alertView('a2')] }),
      'alert.ack': ({ alertId }) => ({ ...alertView(alertId), status: 'acked' }),
      'message.subscribed': ({ answers }) => consentSummary(answers),
      ...handlers,
    },
  });
  addPassWx(fake);
  return Object.assign(fake, { msg: addMessageWx(fake) });
}

export const reports = (fake: FakeWx) => fake.callsOf('message.subscribed') as ConsentReport[];
export const asked = (fake: { msg: MessageWx }) => fake.msg.requestSubscribeMessage.mock.calls.map(([opts]) => opts.tmplIds);
