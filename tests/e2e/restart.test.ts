/**
 * The local runtime goes down mid-journey and comes back: a resident's registration fails with
 * the form kept and goes through on retry; the gate phone decides a car on its own meanwhile
 * and uploads the record when the volunteer retries.
 */
import { journey } from './support/journey';

jest.setTimeout(240_000);

/** What a browser reports while the runtime is down: refused connections. */
const OUTAGE = [/ERR_CONNECTION_REFUSED/];

test('the runtime restarted mid-journey: the pages recover on retry, nothing typed is lost', () =>
  journey('runtime-restart', async (j) => {
    const volunteer = await j.open('demo-volunteer-1', '/volunteer/pages/scan/scan');
    await volunteer.choose('#gate-picker', '东门');
    await volunteer.see('#pending', '记录已全部上传');
    await volunteer.tap('#mode-vehicle');

    const resident = await j.open('e2e-resident-restart', '/resident/pages/register/register');
    await resident.onPage('登记为居民');
    const form: Array<[string, string]> = [
      ['#name', '孙静'],
      ['#phone', '13912342222'],
      ['#unit', '3'],
      ['#room', '602'],
    ];
    for (const [field, value] of form) await resident.type(field, value);
    await resident.choose('#bp-row-1', '城关街道');
    await resident.choose('#bp-row-2', '东店社区');
    await resident.choose('#bp-row-3', '威尼斯水城');
    await resident.choose('#bp-row-4', '3号楼');
    await resident.shot('register-filled');

    await j.restartRuntime(() =>
      j.problems.tolerating(OUTAGE, async () => {
        await resident.tap('#submit');
        await resident.allowSubscription();
        await resident.see('#form-error', '无法连接服务器');
        for (const [field, value] of form) expect(await resident.$(`${field} .lf-field`).inputValue()).toBe(value);
        await resident.see('#bp-row-4', '3号楼');
        await resident.shot('register-failed');

        // The gate decides without the server, from what it cached, and keeps the record.
        await volunteer.type('#plate', '陕H12345');
        await volunteer.tap('#vehicle-submit');
        await volunteer.see('#result-sync', '联网后自动上传');
        await volunteer.shot('gate-offline');
        await volunteer.tap('#next');
        await volunteer.see('#pending', '待上传 1 条');
      }),
    );

    await resident.tap('#submit');
    await resident.allowSubscription();
    await resident.onPage('联防');
    await resident.see('#me-household', '威尼斯水城 3号楼 3单元 602室');
    await resident.shot('registered-after-restart');

    await volunteer.tap('#pending');
    await volunteer.see('#pending', '记录已全部上传');
    await volunteer.shot('gate-synced');
  }));
