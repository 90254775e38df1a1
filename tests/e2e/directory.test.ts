import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { expectNoAxeViolations, useBrowserSuite } from '../support/browser-suite';
import { rawRequest, registerUser } from '../support/http';

const suite = useBrowserSuite();

/** Listed people of 22 organisations: one more page than the directory's 20. */
const ORGANISATIONS = Array.from({ length: 22 }, (_, index) => `Collectif ${String(index + 1).padStart(2, '0')}`);

async function listPerson(displayName: string, organisationName: string) {
  const session = await registerUser(suite.server().url, { displayName });
  const response = await rawRequest(suite.server().url, {
    method: 'PATCH',
    path: '/api/me',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ organisationName, territory: 'Drôme', listedInDirectory: true }),
  });
  expect(response.status, response.text).toBe(200);
}

describe('the directory in the browser', () => {
  it('pages through organisations with "Afficher plus", focus on the first new one, on a phone', async () => {
    for (const [index, organisation] of ORGANISATIONS.entries()) await listPerson(`Membre ${index + 1}`, organisation);
    const { page, problems } = await suite.person('Lectrice Annuaire', { viewport: 'phone' });

    await page.goto('/annuaire?vue=organisations');
    await page.getByRole('tab', { name: 'Organisations', selected: true }).waitFor();
    await page.getByText('20 organisations affichées, et d’autres encore.').waitFor();
    await expectNoAxeViolations(page, '/annuaire?vue=organisations');

    await page.getByRole('button', { name: 'Afficher plus' }).click();
    await page.getByText('22 organisations trouvées.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(ORGANISATIONS[20]);
    expect(await page.getByRole('button', { name: 'Afficher plus' }).count()).toBe(0);
    const titles = await page.locator('.directory-card__title').allTextContents();
    expect(titles.map((title) => title.trim())).toEqual(ORGANISATIONS);
    await screenshot(page, 'annuaire-organisations-phone');
    expect(problems).toEqual([]);
  });
});
