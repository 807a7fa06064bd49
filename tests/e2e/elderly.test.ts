/**
 * Pages that survive 1.5× text: WeChat's text size set to 24 px (1.5× the standard), a resident
 * with a live pass opens home, the pass and the notices. On each page
 * 1rem is the chosen size (the preview honours <page-meta root-font-size>), no text runs out of
 * its box or over a sibling, nothing scrolls sideways. Screenshots go to .tmp/e2e/elderly/.
 */
import { journey } from './support/journey';
import { layoutProblems, rootFontPx } from './support/layout';
import type { Phone } from './support/phone';
import { approve, registerAndApply } from './support/steps';

jest.setTimeout(240_000);

const LARGE = 24;

async function checkAtLarge(phone: Phone, name: string): Promise<void> {
  expect(await rootFontPx(phone)).toBe(LARGE);
  await phone.shot(`${name}-1.5x`);
  expect(await layoutProblems(phone)).toEqual([]);
}

test('home, pass and inbox keep their text inside its boxes at 1.5× text size', () =>
  journey('elderly', async (j) => {
    const person = { openid: 'e2e-resident-large', name: '欧阳秀英', phone: '13912345672', building: '1号楼', room: '802' };
    await registerAndApply(j, person);
    await approve(j, person);

    // A fresh phone keeps no pass yet: it opens on home, and the pass is a tap away.
    const resident = await j.open(person.openid, '', { fontSizeSetting: LARGE });
    await resident.onPage('联防');
    await resident.see('.home-tile', '出入证');
    await checkAtLarge(resident, 'home');

    await resident.tap('.home-tile', '出入证');
    await resident.onPage('出入证');
    await resident.see('#live');
    await resident.drawn('#qr');
    await checkAtLarge(resident, 'pass');

    const inbox = await j.open(person.openid, '/notices/pages/inbox/inbox', { fontSizeSetting: LARGE });
    await inbox.onPage('通知');
    await inbox.see('.lf-page');
    await checkAtLarge(inbox, 'inbox');

    // The check sees what it looks for: a name squeezed into a narrow box, a line pulled over the one above.
    await resident.frame().evaluate(`(() => {
      const top = document.querySelector('.lf-page-frame:not([hidden])');
      Object.assign(top.querySelector('#pass-name').style, { width: '40px', whiteSpace: 'nowrap' });
    })()`);
    expect(await layoutProblems(resident)).toContainEqual(expect.stringMatching(/^text out of its box: .*#pass-name/));

    // The standard size is the browser's own 16 px: the check above is of the setting, not a default.
    const standard = await j.open(person.openid, '/notices/pages/inbox/inbox');
    await standard.onPage('通知');
    expect(await rootFontPx(standard)).toBe(16);
  }));
