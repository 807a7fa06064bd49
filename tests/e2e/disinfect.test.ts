/**
 * Disinfection end to end: demo-volunteer-1 is on tomorrow morning's 环境消毒岗 (set up through the
 * API); then, that morning on the dev clock, opens 环境消毒, taps 拍照登记 on a stairwell, picks a photo, and
 * submits — the photo uploaded to the local runtime under the log's request id. The secretary's
 * 消毒情况 shows the stairwell done once, and the log's photo is served back to the secretary (and
 * to nobody else).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journey } from './support/journey';

jest.setTimeout(240_000);

const COMPOUND = 'sz-s1-c01-x01';
const POST = `${COMPOUND}-p-disinfection`;
const AREA = `${COMPOUND}-b01-d`;
const PHOTO = readFileSync(join(__dirname, '../fixtures/photo.png'));

test('a volunteer on the 环境消毒岗 logs a stairwell with a photo; the secretary sees it done and the photo', () =>
  journey('disinfect', async (j) => {
    const day = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10); // tomorrow in China
    await j.call('demo-secretary', 'duty.generate', { compoundId: COMPOUND, postIds: [POST], from: day, days: 1, shifts: [{ start: '08:00', end: '12:00' }] });
    await j.call('demo-secretary', 'duty.assign', { shiftId: `${POST}-${day.replace(/-/g, '')}0800-240`, openid: 'demo-volunteer-1' });
    // That day before the shift starts: on the rota today, and not yet a no-show for the timer.
    await j.moveClock(Date.parse(`${day}T07:30:00+08:00`) - Date.now());

    const volunteer = await j.open('demo-volunteer-1', '/volunteer/pages/disinfect/disinfect');
    await volunteer.onPage('环境消毒');
    await volunteer.see(`#area-${AREA}`, '0/2');
    await volunteer.shot('areas');
    await volunteer.tap(`#log-${AREA}`);
    await volunteer.choosePhoto(PHOTO);
    await volunteer.see('#form-area', '登记消毒');
    await volunteer.shot('form');
    await volunteer.tap('#submit');
    await volunteer.see(`#area-${AREA}`, '1/2');
    await volunteer.shot('logged');

    const secretary = await j.open('demo-secretary', '/staff/pages/disinfection/disinfection');
    await secretary.onPage('消毒情况');
    await secretary.see(`#area-${AREA}`, '1/2');
    await secretary.shot('compliance');

    // The log's photo, by the URL the server hands the secretary: the very bytes uploaded.
    const logs = (await j.call('demo-secretary', 'disinfect.logs', { compoundId: COMPOUND, date: day })) as {
      items: Array<{ areaId: string; photos: string[] }>;
    };
    const [url] = logs.items.find((l) => l.areaId === AREA)!.photos;
    const shown = await secretary.page.request.get(url);
    expect(shown.status()).toBe(200);
    expect(shown.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await shown.body(), PHOTO)).toBe(0);
    // Someone else with the secretary's URL is refused.
    expect((await secretary.page.request.get(url, { headers: { 'X-Openid': 'demo-resident-1' } })).status()).toBe(404);
  }));
