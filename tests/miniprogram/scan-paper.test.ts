/**
 * A paper pass (离线出入证, LFP1) at the volunteer's scan page: a genuine code asks the volunteer to
 * compare the ID card's last 4 characters (核对身份证尾号) before the temperature; every refused
 * code is red at once with its own reason; the recorded event says it was a paper pass and how the
 * ID was checked, and the server's re-decision agrees.
 */
import type { VerifyReason } from '../../typings/pass';
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import { VERIFY_REASON_TEXT } from '../../miniprogram/shared/pass/verify';
import type { GateServer } from './support/gate';
import { MORNING, gateServer, issuePaper, serverKey } from './support/gate';
import { isShown, tap, textOf } from './support/mp';
import { atTheGateThisMorning, enterTemperature, openGate, scan, screen, syncedEvents, UUID_V4 } from './support/scan-page';

atTheGateThisMorning();

describe('a genuine paper pass', () => {
  it('shows 核对身份证尾号 with the tail; 已核对放行 goes on to the temperature and lets them in, recorded as confirmed', async () => {
    const server = gateServer();
    const { code } = issuePaper(server.key);
    const { phone, page } = await openGate(server);
    await scan(page, phone, code);

    expect(isShown(page, '#id-check')).toBe(true);
    expect(textOf(page, '#id-check-panel', '#id-check-ask')).toBe('核对身份证尾号 123X');
    expect(textOf(page, '#id-check-panel', '#id-check-tail')).toBe('123X');
    expect(textOf(page, '#id-check-panel', '#id-check-who')).toBe('王*兰 · 3号楼2单元502');
    expect(isShown(page, '#numpad')).toBe(false);
    expect(isShown(page, '#result')).toBe(false);
    expect(syncedEvents(phone)).toEqual([]);

    await tap(page, '#id-check-panel', '#id-confirm');
    expect(isShown(page, '#id-check')).toBe(false);
    expect(textOf(page, '#temp-who')).toBe('王*兰 · 3号楼2单元502');
    await enterTemperature(page, '364');

    expect(screen(page)).toEqual({ color: 'green', title: '放行', who: '王*兰', household: '3号楼2单元502', reason: '', temperature: '36.4 ℃' });
    const [event] = syncedEvents(phone);
    expect(event).toEqual({
      id: expect.stringMatching(UUID_V4),
      at: MORNING,
      kind: 'resident',
      direction: 'in',
      qr: code,
      temperature: 36.4,
      idCheck: 'confirmed',
      verdict: 'allow',
    });
    expect(server.events.get(event.id)?.decision).toMatchObject({ verdict: 'allow', mismatch: false });
  });

  it('不符拒绝 turns them away at once, recorded as a mismatch', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await scan(page, phone, issuePaper(server.key).code);
    await tap(page, '#id-check-panel', '#id-mismatch');

    expect(isShown(page, '#numpad')).toBe(false);
    expect(screen(page)).toMatchObject({ color: 'red', title: '禁止通行', who: '王*兰', reason: GATE_REASON_TEXT.ID_MISMATCH });
    const [event] = syncedEvents(phone);
    expect(event).toMatchObject({ verdict: 'deny', reason: 'ID_MISMATCH', idCheck: 'mismatch' });
    expect(server.events.get(event.id)?.decision).toMatchObject({ verdict: 'deny', reason: 'ID_MISMATCH', mismatch: false });
  });

  it('going out also wants the ID check, and no temperature', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#dir-out');
    await scan(page, phone, issuePaper(server.key).code);
    await tap(page, '#id-check-panel', '#id-confirm');

    expect(isShown(page, '#numpad')).toBe(false);
    expect(screen(page)).toMatchObject({ color: 'green', title: '放行' });
    expect(syncedEvents(phone)[0]).toMatchObject({ direction: 'out', idCheck: 'confirmed', verdict: 'allow' });
  });
});

describe('a refused paper pass', () => {
  const cases: Array<[string, VerifyReason, (s: GateServer) => string, string]> = [
    ['a paper code signed by a forger’s key', 'BAD_SIGNATURE', (s) => issuePaper(s.key, {}, serverKey(s.key.kid)).code, ''],
    [
      'a paper code with its ID tail altered',
      'BAD_SIGNATURE',
      (s) => {
        const { code } = issuePaper(s.key);
        const [prefix, cred, sig] = code.split('.');
        const json = JSON.parse(Buffer.from(cred, 'base64url').toString('utf8'));
        return [prefix, Buffer.from(JSON.stringify({ ...json, idt: '0000' }), 'utf8').toString('base64url'), sig].join('.');
      },
      '',
    ],
    ['an expired paper code', 'EXPIRED', (s) => issuePaper(s.key, { exp: Math.floor(Date.now() / 1000) - 60 }).code, '王*兰'],
    [
      'a paper code of a revoked pass (reported lost)',
      'REVOKED',
      (s) => {
        const paper = issuePaper(s.key);
        s.bundle.revoked = [paper.cred.pid];
        return paper.code;
      },
      '王*兰',
    ],
    [
      'a paper code replaced by a newer card',
      'REPLACED',
      (s) => {
        const paper = issuePaper(s.key);
        s.bundle.paperSerials = { [paper.cred.pid]: 2 };
        return paper.code;
      },
      '王*兰',
    ],
    ['another compound’s paper code', 'OTHER_COMPOUND', (s) => issuePaper(s.key, { cid: 'p-heping' }).code, '王*兰'],
    ['a paper code in the wrong format (no signature)', 'BAD_FORMAT', (s) => issuePaper(s.key).code.split('.').slice(0, 2).join('.'), ''],
    ['a paper code whose ID tail is not 4 characters', 'BAD_FORMAT', (s) => issuePaper(s.key, { idt: '12345' }).code, ''],
  ];

  it.each(cases)('%s is red with its own reason, no ID check and no temperature', async (_name, reason, code, who) => {
    const server = gateServer();
    const qr = code(server);
    const { phone, page } = await openGate(server);
    await scan(page, phone, qr);

    expect(isShown(page, '#id-check')).toBe(false);
    expect(isShown(page, '#numpad')).toBe(false);
    expect(screen(page)).toMatchObject({ color: 'red', title: '禁止通行', reason: VERIFY_REASON_TEXT[reason], who });
    expect(syncedEvents(phone)).toEqual([expect.objectContaining({ verdict: 'deny', reason, kind: 'resident' })]);
    expect(syncedEvents(phone)[0].idCheck).toBeUndefined();
  });

  it('a newer card of a replaced pass still passes', async () => {
    const server = gateServer();
    server.bundle.paperSerials = { p7k2m9x4qa: 2 };
    const { phone, page } = await openGate(server);
    await scan(page, phone, issuePaper(server.key, { ps: 2 }).code);
    expect(textOf(page, '#id-check-panel', '#id-check-ask')).toBe('核对身份证尾号 123X');
  });
});
