/**
 * 督促-整改-督促 end to end: 王干事 (street staff of 城关街道) drills down to 威尼斯水城 and records
 * a finding with a photo; the compound's secretary sees it (photo and all), rectifies it with a
 * note and an after photo; 王干事 sees the evidence and accepts it. Then a finding 王干事 rectifies
 * himself: his own 核查通过 is refused — the verifier is never the rectifier.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journey } from './support/journey';

jest.setTimeout(240_000);

const PHOTO = readFileSync(join(__dirname, '../fixtures/photo.png'));

test('street staff record a finding, the secretary rectifies it with a photo, the street verifies; the rectifier may not verify', () =>
  journey('inspect', async (j) => {
    const street = await j.open('demo-street-staff', '/staff/pages/inspect/inspect');
    await street.onPage('督导检查');
    await street.see('#place', '城关街道');
    await street.tap('#child-sz-s1-c01');
    await street.tap('#child-sz-s1-c01-x01');
    await street.see('#place', '威尼斯水城');
    await street.tap('#cat-disinfect');
    await street.tap('#item-disinfect-log');
    await street.type('#description', '3 号楼消毒记录缺失两天');
    await street.tap('#add-photo');
    await street.choosePhoto(PHOTO, 'before.png');
    await street.see('#photos .wh-photo');
    await street.shot('record');
    await street.tap('#record-send');
    await street.see('#done', '威尼斯水城需在时限内整改');
    const finding = street.find('.wh-item', '3 号楼消毒记录缺失两天');
    await finding.waitFor();

    const secretary = await j.open('demo-secretary', '/staff/pages/inspect/inspect');
    await secretary.onPage('督导检查');
    const mine = secretary.find('.wh-item', '3 号楼消毒记录缺失两天');
    await mine.locator('[id^="photos-"] .wh-photo').waitFor();
    await mine.locator('wx-button', { hasText: '提交整改' }).click();
    await secretary.type('#note', '已补记，安排专人每日登记');
    await secretary.tap('#add-photo');
    await secretary.choosePhoto(PHOTO, 'after.png');
    await secretary.shot('rectify');
    await secretary.tap('#note-send');
    await secretary.find('.wh-item', '整改：代红军：已补记，安排专人每日登记').waitFor();
    await mine.locator('[id^="rectify-photos-"] .wh-photo').waitFor();
    await secretary.shot('rectified');

    // 王干事 again, the page opened afresh.
    const verifier = await j.open('demo-street-staff', '/staff/pages/inspect/inspect');
    const done = verifier.find('.wh-item', '3 号楼消毒记录缺失两天');
    await done.locator('[id^="rectify-photos-"] .wh-photo').waitFor();
    await done.locator('wx-button', { hasText: '核查通过' }).click();
    await verifier.find('.wh-item', '3 号楼消毒记录缺失两天').filter({ hasText: '已销号' }).waitFor();
    await verifier.shot('verified');

    // A finding the street rectifies itself: its own acceptance is refused, said on the page.
    await verifier.tap('#child-sz-s1-c01');
    await verifier.tap('#child-sz-s1-c01-x01');
    await verifier.tap('#cat-duty');
    await verifier.tap('#item-duty-absent');
    await verifier.type('#description', '夜间值守人员脱岗');
    await verifier.tap('#record-send');
    const own = verifier.find('.wh-item', '夜间值守人员脱岗');
    await own.locator('wx-button', { hasText: '提交整改' }).click();
    await verifier.type('#note', '街道督办，现场整改完毕');
    await verifier.tap('#note-send');
    await verifier.find('.wh-item', '整改：王干事：街道督办，现场整改完毕').waitFor();
    await own.locator('wx-button', { hasText: '核查通过' }).click();
    await verifier.see('#action-error', '核查人不能是整改人本人');
    await verifier.shot('refused');
  }));
