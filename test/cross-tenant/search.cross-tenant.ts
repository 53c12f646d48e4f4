import pg from 'pg';
import { expect } from 'vitest';
import { analyzeWord } from '../../src/modules/search/search.module.ts';
import { defineCrossTenantCase } from '../support/cross-tenant.ts';
import { drainJobs } from '../support/jobs.ts';

/** Rows of the search vocabulary with the key `schluessel`, read as the app role in `tenant`. */
async function vocabularyRows(appUrl: string, tenant: string, schluessel: string) {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
    const { rows } = await client.query<{ tenant_id: string; schluessel: string }>(
      'select tenant_id, schluessel from search_vocabulary where schluessel = $1',
      [schluessel],
    );
    await client.query('rollback');
    return rows;
  } finally {
    await client.end();
  }
}

export const searchCrossTenant = defineCrossTenantCase({
  name: 'Suche: „Meinten Sie …?“ aus dem eigenen Wortschatz',
  covers: [],
  async setup({ t, ownerTenant, ownerToken }) {
    // A word of this run only (letters, no digits: numbers are not in the vocabulary), filed in the
    // owner county; the query misses one of its letters.
    const tail = [...String(Date.now()).slice(-6)].map((d) => 'qwrtzp'[Number(d) % 6]).join('');
    const word = `Quellschutzgebietsakte${tail}`;
    const typo = word.replace('gebiets', 'gebits');
    const akte = await t.request('/api/v1/akten', {
      token: ownerToken,
      json: { titel: 'Wasserrecht', aktenplan: '00.20' },
    });
    const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
      token: ownerToken,
      json: { betreff: 'Schutzgebiet' },
    });
    const form = new FormData();
    form.set(
      'datei',
      new Blob([`Vermerk zur ${word} des Landkreises.`], { type: 'text/plain' }),
      'vermerk.txt',
    );
    const dokument = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, {
      token: ownerToken,
      body: form,
    });
    if (akte.status !== 201 || vorgang.status !== 201 || dokument.status !== 201)
      throw new Error(`setup failed for ${ownerTenant}: ${akte.text} ${vorgang.text} ${dokument.text}`);
    await drainJobs(t);

    // The vocabulary row is the owner's: the app role of another county reads nothing of it
    // (row-level security), and cannot write a row in the owner's name either.
    const key = analyzeWord(word).keys[0]!;
    expect(await vocabularyRows(t.appUrl, ownerTenant, key)).toEqual([
      { tenant_id: ownerTenant, schluessel: key },
    ]);
    expect(await vocabularyRows(t.appUrl, 'nordhausen', key)).toEqual([]);
    const intruder = new pg.Client({ connectionString: t.appUrl });
    await intruder.connect();
    try {
      await intruder.query('begin');
      await intruder.query(`select set_config('app.tenant_id', 'nordhausen', true)`);
      await expect(
        intruder.query(`insert into search_vocabulary values ($1, 'eingeschleust', 'eingeschleust')`, [
          ownerTenant,
        ]),
      ).rejects.toThrow(/row-level security/);
      await intruder.query('rollback');
    } finally {
      await intruder.end();
    }

    return {
      // The document with the word: another county cannot open it.
      probes: [{ method: 'GET', path: `/api/v1/dokumente/${dokument.json.id}` }],
      // The owner is offered the word for the typo; another county never sees it suggested.
      lists: [{ path: `/api/v1/suche?q=${encodeURIComponent(typo)}`, ids: [word] }],
    };
  },
});
