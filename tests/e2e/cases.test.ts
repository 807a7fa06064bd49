/**
 * A case end to end: 居民 张伟 (demo-resident-1) reports a returnee staying in his own room, 1单元
 * 202室; the compound's secretary 代红军 confirms it, records 已劝阻, then starts home observation,
 * picking the person from the building's census (the report's room comes up first); the case shows
 * 居家观察 from today to its fourteenth day.
 */
import { journey } from './support/journey';

jest.setTimeout(240_000);

/** A day in Shanghai, YYYY-MM-DD, `plus` days from now (the runtime's clock is the real one here). */
const shanghaiDay = (plus = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + plus * 86_400_000));

test('a resident reports a returnee; the secretary acknowledges, records 已劝阻 and starts home observation of the census person', () =>
  journey('cases', async (j) => {
    const resident = await j.open('demo-resident-1', '/resident/pages/report/report');
    await resident.onPage('上报线索');
    await resident.see('#building', '1号楼');
    await resident.tap('#kind-returnee');
    await resident.type('#unit', '1');
    await resident.type('#room', '202');
    await resident.type('#origin', '新疆喀什');
    await resident.tap('#arrivalDate');
    await resident.screen.locator('.lf-picker-confirm').click(); // today
    await resident.tap('#transport-train');
    await resident.type('#plannedAddress', '1号楼1单元202室');
    await resident.shot('report-form');
    await resident.tap('#submit');
    await resident.see('#mine .rp-mine-head', /^外省返乡 · .*1单元 202室 · 待确认$/);
    await resident.shot('report-sent');

    const secretary = await j.open('demo-secretary');
    await secretary.find('.home-tile', '线索处置').scrollIntoViewIfNeeded();
    await secretary.tap('.home-tile', '线索处置');
    await secretary.onPage('线索处置');
    const card = '.cs-case:has-text("新疆喀什")';
    await secretary.see(`${card} .cs-state`, '待确认');
    await secretary.see(`${card} .cs-reporter`, '居民 张伟');
    await secretary.shot('case-reported');
    await secretary.tap(`${card} .cs-ack`);
    await secretary.see(`${card} .cs-state`, '已确认');
    await secretary.tap(`${card} .cs-act-dissuaded`);
    await secretary.see(`${card} .cs-state`, '处置中');
    await secretary.see(`${card} .cs-response`, '上报到处置用时');

    // 居家观察: the case names nobody yet, so the census picker opens on the report's room.
    await secretary.tap(`${card} .cs-act-observation`);
    await secretary.see(`${card} .cs-picker-room`, /^1单元 202室（\d 人）$/);
    await secretary.see(`${card} .cs-pick-0`, /^张伟（\d{4}年生）$/);
    await secretary.$(`${card} .cs-picker`).scrollIntoViewIfNeeded();
    await secretary.shot('census-picker');
    await secretary.tap(`${card} .cs-pick-1`);
    await secretary.see(`${card} .cs-observation`, `居家观察 ${shanghaiDay()} 至 ${shanghaiDay(13)}（14 天）`);
    await secretary.tap(`${card} .cs-more`);
    for (const step of ['上报', '确认', '已劝阻', '开始居家观察']) await secretary.see(`${card} .cs-step`, step);
    await secretary.$(`${card} .cs-observation`).scrollIntoViewIfNeeded();
    await secretary.shot('case-observing');
  }));
