/**
 * The gate moving a queue: the live camera decides each code as it comes into view (also under
 * the last verdict), 正常 is one tap, every verdict is heard (a clip per cue) and felt, the page
 * stays on, and a resident without a code is looked up by household and recorded as manual.
 */
import { existsSync, statSync } from 'fs';
import path from 'path';
import { VOICE_PHRASES, type VoiceCue } from '../../miniprogram/shared/gate/voice';
import { GATE_REASON_TEXT } from '../../miniprogram/shared/gate/decide';
import { VERIFY_REASON_TEXT } from '../../miniprogram/shared/pass/verify';
import { MUTE_KEY } from '../../miniprogram/volunteer/pages/scan/scan-device';
import { COMPOUND_ID, WANG_HOUSEHOLD, gateServer, issuePass, qrOf } from './support/gate';
import type { Page } from './support/mp';
import { MINIPROGRAM_ROOT, choose, find, findAll, isShown, openPage, tap, textOf, typeInto } from './support/mp';
import { SCAN, atTheGateThisMorning, cameraReads, openGate, screen, syncedEvents } from './support/scan-page';

atTheGateThisMorning();

/** Taps the volunteer makes, counted. */
function counter(page: Page) {
  let taps = 0;
  return {
    tap: async (...selectors: string[]) => {
      taps += 1;
      return tap(page, ...selectors);
    },
    get taps() {
      return taps;
    },
  };
}

describe('the live camera', () => {
  it('lets a resident in with one tap (正常) and out with none, reading the next code under the last verdict', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    const volunteer = counter(page);

    // In: the camera reads the code, the pad asks for the temperature, 正常 is the one tap.
    await cameraReads(page, qrOf(issuePass(server.key)));
    expect(textOf(page, '#temp-who')).toBe('王*兰 · 3号楼2单元502');
    await volunteer.tap('#temp-normal');
    expect(screen(page)).toMatchObject({ color: 'green', title: '放行', who: '王*兰', temperature: '体温正常' });
    expect(volunteer.taps).toBe(1);

    // The next resident's code is decided while the verdict is still up.
    const second = issuePass(server.key, { pid: 'pchen12345', nm: '陈*' });
    await cameraReads(page, qrOf(second));
    expect(isShown(page, '#temperature')).toBe(true);
    await volunteer.tap('#temp-normal');
    expect(screen(page).who).toBe('陈*');
    expect(volunteer.taps).toBe(2);

    // Out: no tap at all.
    await volunteer.tap('#dir-out');
    const before = volunteer.taps;
    await cameraReads(page, qrOf(issuePass(server.key, { pid: 'pzhao12345', nm: '赵*' })));
    expect(screen(page)).toMatchObject({ color: 'green', who: '赵*' });
    expect(volunteer.taps - before).toBe(0);

    expect(syncedEvents(phone).map((e) => [e.direction, e.verdict, e.temperatureBand])).toEqual([
      ['in', 'allow', 'normal'],
      ['in', 'allow', 'normal'],
      ['out', 'allow', undefined],
    ]);
    expect(phone.scanCode).not.toHaveBeenCalled();
  });

  it('records 正常 as a band, never as a number; a typed reading is kept as typed', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await cameraReads(page, qrOf(issuePass(server.key)));
    await tap(page, '#temp-normal');
    await cameraReads(page, qrOf(issuePass(server.key, { pid: 'pchen12345', nm: '陈*' })));
    for (const d of '368') await tap(page, '#numpad', `#key-${d}`);
    await tap(page, '#numpad', '#key-ok');

    const [banded, typed] = syncedEvents(phone);
    expect(banded).toMatchObject({ temperatureBand: 'normal' });
    expect(banded).not.toHaveProperty('temperature');
    expect(typed).toMatchObject({ temperature: 36.8 });
    expect(typed).not.toHaveProperty('temperatureBand');
    expect(textOf(page, '#log')).toContain('体温正常');
  });

  it('decides a code once however long it stays in view, and the same pass once in 15 s', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await tap(page, '#dir-out');
    const pass = issuePass(server.key);
    const qr = qrOf(pass);
    await cameraReads(page, qr);
    await cameraReads(page, qr);
    await cameraReads(page, qr);
    expect(syncedEvents(phone)).toHaveLength(1);

    // Its next code (a new slot) within 15 s: the same person still in view.
    jest.advanceTimersByTime(10_000);
    await cameraReads(page, qrOf(pass, Date.now()));
    expect(syncedEvents(phone)).toHaveLength(1);
    // Later, they come back through: counted again.
    jest.advanceTimersByTime(40_000);
    await cameraReads(page, qrOf(pass, Date.now()));
    expect(syncedEvents(phone)).toHaveLength(2);
  });

  it('ignores codes while the temperature pad is up', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await cameraReads(page, qrOf(issuePass(server.key)));
    await cameraReads(page, qrOf(issuePass(server.key, { pid: 'pchen12345', nm: '陈*' })));
    expect(textOf(page, '#temp-who')).toBe('王*兰 · 3号楼2单元502');
    await tap(page, '#temp-normal');
    expect(syncedEvents(phone).map((e) => e.verdict)).toEqual(['allow']);
  });
});

describe('heard and felt', () => {
  it('plays the tone and words for each verdict, vibrates long on a refusal', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await cameraReads(page, qrOf(issuePass(server.key)));
    await tap(page, '#temp-normal');
    expect(phone.played).toEqual(['/volunteer/audio/allow.mp3']);
    expect(phone.vibrateShort).toHaveBeenCalledWith({ type: 'light' });

    await cameraReads(page, qrOf(issuePass(server.key, { pid: 'pchen12345', nm: '陈*' })));
    for (const d of '381') await tap(page, '#numpad', `#key-${d}`);
    await tap(page, '#numpad', '#key-ok');
    expect(screen(page).reason).toBe(GATE_REASON_TEXT.FEVER);
    expect(phone.played).toEqual(['/volunteer/audio/allow.mp3', '/volunteer/audio/fever.mp3']);
    expect(phone.vibrateLong).toHaveBeenCalledTimes(1);

    await cameraReads(page, 'https://weixin.qq.com/r/not-a-pass');
    expect(screen(page).reason).toBe(VERIFY_REASON_TEXT.BAD_FORMAT);
    expect(phone.played.at(-1)).toBe('/volunteer/audio/invalid.mp3');
    expect(phone.vibrateLong).toHaveBeenCalledTimes(2);
    // One player for the page, plays even with the phone's silent switch on.
    expect(phone.audio.created).toBe(1);
    expect(phone.setInnerAudioOption).toHaveBeenCalledWith(expect.objectContaining({ obeyMuteSwitch: false }));
  });

  it('mutes on request (remembered), and still vibrates', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    expect(textOf(page, '#mute')).toBe('声音：开');
    await tap(page, '#mute');
    expect(textOf(page, '#mute')).toBe('声音：关');
    expect(phone.storage.get(MUTE_KEY)).toBe(true);

    await cameraReads(page, 'garbage');
    expect(screen(page).title).toBe('禁止通行');
    expect(phone.played).toEqual([]);
    expect(phone.vibrateLong).toHaveBeenCalledTimes(1);

    const again = await openPage(SCAN);
    expect(textOf(again, '#mute')).toBe('声音：关');
  });

  it('ships a clip for every cue in the volunteer subpackage', () => {
    for (const cue of Object.keys(VOICE_PHRASES) as VoiceCue[]) {
      const file = path.join(MINIPROGRAM_ROOT, 'volunteer', 'audio', `${cue}.mp3`);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(2000);
    }
  });

  it('keeps the screen on while the gate is open, and lets it sleep when it is left', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    expect(phone.setKeepScreenOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: true }));
    (page.instance as unknown as { onHide(): void }).onHide();
    expect(phone.setKeepScreenOn).toHaveBeenLastCalledWith(expect.objectContaining({ keepScreenOn: false }));
  });
});

describe('a resident without a code', () => {
  async function lookUp(page: Page, unit = '2', room = '502') {
    await tap(page, '#lookup-open');
    await choose(page, ['#gate-lookup', '#lookup-building'], 0);
    await typeInto(find(page, '#gate-lookup'), '#lookup-unit', unit);
    await typeInto(find(page, '#gate-lookup'), '#lookup-room', room);
    await tap(page, '#gate-lookup', '#lookup-go');
  }

  it('is found by building, unit and room, checked, and recorded as manual with the reason', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await lookUp(page);

    expect(phone.callsOf('org.directory')).toEqual([{ parentId: COMPOUND_ID }]);
    expect(phone.callsOf('gate.lookup')).toEqual([{ compoundId: COMPOUND_ID, buildingId: 'b-3', unit: '2', room: '502' }]);
    expect(textOf(page, '#gate-lookup', '#lookup-household')).toBe('3号楼2单元502 · 请选择本人');
    expect(findAll(page, '#gate-lookup', '.gl-hit').map((n) => n.dom?.textContent)).toEqual(['王*兰（本人）', '李*（家属）']);

    // Nothing is recorded without a person and a reason.
    await tap(page, '#gate-lookup', '#lookup-confirm');
    expect(textOf(page, '#gate-lookup', '#lookup-error')).toBe('请选择要登记的人');
    await tap(page, '#gate-lookup', `#hit-${WANG_HOUSEHOLD.passes[1].passId}`);
    await tap(page, '#gate-lookup', '#lookup-confirm');
    expect(textOf(page, '#gate-lookup', '#lookup-error')).toBe('请选择没有二维码的原因');
    await tap(page, '#gate-lookup', '#reason-2');
    await tap(page, '#gate-lookup', '#lookup-confirm');

    expect(textOf(page, '#temp-who')).toBe('李* · 3号楼2单元502');
    await tap(page, '#temp-normal');
    expect(screen(page)).toMatchObject({ color: 'green', title: '放行', who: '李*', household: '3号楼2单元502', temperature: '体温正常' });
    expect(textOf(page, '#result-caption')).toBe('居民 · 进 · 人工登记');
    const [event] = syncedEvents(phone);
    expect(event).toMatchObject({
      kind: 'resident',
      direction: 'in',
      method: 'manual',
      passId: 'pwangmu001',
      manualReason: '老人不会用手机',
      temperatureBand: 'normal',
      verdict: 'allow',
    });
    expect(event).not.toHaveProperty('qr');
    expect(server.events.get(event.id)?.decision).toMatchObject({ verdict: 'allow', mismatch: false });
    expect(textOf(page, '#log')).toContain('人工登记 · 老人不会用手机');
  });

  it('其他 needs the reason typed', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await lookUp(page);
    await tap(page, '#gate-lookup', `#hit-${WANG_HOUSEHOLD.passes[0].passId}`);
    await tap(page, '#gate-lookup', '#reason-4');
    await tap(page, '#gate-lookup', '#lookup-confirm');
    expect(textOf(page, '#gate-lookup', '#lookup-error')).toBe('请填写原因（2–40 个字）');
    await typeInto(find(page, '#gate-lookup'), '#lookup-other', '手机借给家人了');
    await tap(page, '#gate-lookup', '#lookup-confirm');
    await tap(page, '#temp-normal');
    expect(syncedEvents(phone)[0]).toMatchObject({ manualReason: '手机借给家人了' });
  });

  it('says so when the household has no pass, or the unit is malformed, or there is no network', async () => {
    const server = gateServer();
    const { phone, page } = await openGate(server);
    await lookUp(page, '2', '999');
    expect(textOf(page, '#gate-lookup', '#lookup-error')).toBe('3号楼2单元999 没有有效的出入证，不能人工放行');
    expect(isShown(page, '#gate-lookup', '#lookup-confirm')).toBe(false);

    await typeInto(find(page, '#gate-lookup'), '#lookup-unit', '2单元');
    await tap(page, '#gate-lookup', '#lookup-go');
    expect(textOf(page, '#gate-lookup', '#lookup-error')).toBe('单元号应为 1–6 位数字或字母');
    expect(phone.callsOf('gate.lookup')).toHaveLength(1);

    phone.offline = true;
    await typeInto(find(page, '#gate-lookup'), '#lookup-unit', '2');
    await tap(page, '#gate-lookup', '#lookup-go');
    expect(textOf(page, '#gate-lookup', '#lookup-error')).toBe('人工登记需要联网查询住户，请检查网络后重试');
    await tap(page, '#gate-lookup', '#lookup-cancel');
    expect(isShown(page, '#lookup')).toBe(false);
    expect(syncedEvents(phone)).toEqual([]);
  });
});
