/**
 * A resident without a code, end to end: their pass is approved; at the gate the volunteer looks
 * the household up (building, unit, room), checks the person, picks them and why there is no code,
 * taps 正常 — one tap for the temperature — and the verdict is green, marked 人工登记. The
 * secretary's gate log counts it among today's manual entries and shows who, why and 体温正常.
 */
import { journey } from './support/journey';
import { approve, registerAndApply } from './support/steps';

jest.setTimeout(240_000);

test('a resident without a code is let in by hand at the gate, and the secretary sees the manual entry', () =>
  journey('gate-manual', async (j) => {
    const person = { openid: 'e2e-resident-nocode', name: '郑桂芳', phone: '13912345670', building: '1号楼', room: '602' };
    await registerAndApply(j, person);
    await approve(j, person);

    const volunteer = await j.open('demo-volunteer-1', '/volunteer/pages/scan/scan');
    await volunteer.onPage('门岗核验');
    await volunteer.choose('#gate-picker', '东门');
    await volunteer.see('#post', '威尼斯水城 · 东门');
    await volunteer.tap('#lookup-open');
    await volunteer.see('#lookup');
    await volunteer.choose('#lookup-building', '1号楼');
    await volunteer.type('#lookup-unit', '2');
    await volunteer.type('#lookup-room', '602');
    await volunteer.tap('#lookup-go');
    await volunteer.see('#lookup-household', '1号楼2单元602 · 请选择本人');
    // The one pass of the household is picked already; the reason is the volunteer's to give.
    await volunteer.see('#gate-lookup', '郑*芳（本人）');
    await volunteer.tap('#reason-1');
    await volunteer.shot('lookup-found');
    await volunteer.tap('#lookup-confirm');
    await volunteer.see('#temp-who', '郑*芳 · 1号楼2单元602');
    await volunteer.tap('#temp-normal');
    await volunteer.see('#result-title', '放行');
    await volunteer.see('#result-caption', '居民 · 进 · 人工登记');
    await volunteer.see('#result-temp', '体温正常');
    await volunteer.see('#result-sync', '记录已上传');
    await volunteer.shot('manual-allowed');

    const secretary = await j.open('demo-secretary', '/staff/pages/gatelog/gatelog');
    await secretary.onPage('门岗记录');
    await secretary.see('#today-manual', '1');
    await secretary.tap('#method-manual');
    await secretary.see('.gl-who', '郑*芳 · 1号楼2单元602 体温正常');
    await secretary.see('.gl-manual-line', '人工登记 · 手机没电');
    await secretary.shot('gatelog-manual');
  }));
