import { readFile } from 'node:fs/promises';
import type { GremienModule } from '../modules/gremien/gremien.module.ts';
import type { AenderungenUsecases } from '../modules/verbund/verbund.module.ts';
import type { Principal } from '../platform/http/principal.ts';
import {
  AMENDMENT,
  AMENDMENT_DAY,
  AMENDMENT_NR,
  AMENDMENT_SIGNED,
  BETREFFE,
  DEMO_COUNTIES,
  FRAKTIONEN,
  GREMIEN,
  personen,
  SITZUNGEN,
  WAHLPERIODEN,
} from './gremien.data.ts';
import { MISSION_DOCUMENT } from './records.seed.ts';

type Deps = { gremien: GremienModule; aenderungen: AenderungenUsecases };

// Everything goes through the council module's use-cases (numbers, Akten, audit), as a county's
// own staff would enter it; the counties run side by side.
const seedPrincipal = (
  tenantId: string,
  roles: Principal['roles'] = ['kreis-admin', 'leitung', 'sachbearbeitung'],
): Principal => ({
  tenantId,
  userId: null,
  login: 'demo-seed',
  displayName: 'Demodaten',
  roles,
  via: 'session',
});
const BEISPIEL = 'Beispieldaten der Demo: kein echter Beschluss dieses Landkreises.';
const VOTES = {
  KT: { ja: 9, nein: 1, enthaltung: 1 },
  KA: { ja: 4, nein: 0, enthaltung: 1 },
  DA: { ja: 4, nein: 0, enthaltung: 1 },
};

type County = { principal: Principal; gremien: Record<string, string>; anwesend: Record<string, string[]> };

async function seedCounty({ gremien }: Deps, tenantId: string, index: number): Promise<County> {
  const p = seedPrincipal(tenantId);
  const wp: string[] = [];
  for (const w of WAHLPERIODEN) wp.push((await gremien.mitglieder.createWahlperiode(p, w)).id);
  const ids: Record<string, string> = {};
  for (const g of GREMIEN)
    ids[g.key] = (
      await gremien.gremien.createGremium(p, { name: g.name, kuerzel: g.key, art: g.art, sitze: g.sitze })
    ).id;
  const people: string[] = [];
  for (const person of personen(index))
    people.push(
      (
        await gremien.mitglieder.createPerson(p, {
          ...person,
          familienname: `${person.familienname} (Beispieldaten)`,
        })
      ).id,
    );
  const seat = (gremium: string, i: number, current: boolean) =>
    gremien.mitglieder.addMitglied(p, ids[gremium]!, {
      personId: people[i]!,
      wahlperiodeId: wp[current ? 1 : 0]!,
      rolle: i === 0 || (gremium !== 'KT' && i % 5 === 0) ? 'vorsitz' : 'mitglied',
      fraktion: FRAKTIONEN[i % FRAKTIONEN.length]!,
      von: current ? '2019-07-01' : '2014-07-01',
      bis: current ? '2024-06-30' : '2019-06-30',
    });
  for (let i = 0; i < 12; i++) await seat('KT', i, true);
  for (let i = 12; i < 16; i++) await seat('KT', i, false);
  for (let i = 0; i < 5; i++) await seat('KA', i, true);
  for (let i = 5; i < 10; i++) await seat('DA', i, true);
  const anwesend = { KT: people.slice(0, 11), KA: people.slice(0, 5), DA: people.slice(5, 10) };

  const count: Record<string, number> = { KT: 0, KA: 0, DA: 0 };
  for (const s of SITZUNGEN.filter((x) => !x.amendment)) {
    const betreff = BETREFFE[s.gremium][count[s.gremium]!]!;
    count[s.gremium]! += 1;
    const vorlage = await gremien.vorlagen.createVorlage(p, {
      betreff,
      drucksachenNr: `${s.gremium}/${String(10 + index * 20 + count[s.gremium]! * 3).padStart(3, '0')}/2020`,
      einreicher: 'Verwaltung',
      einreichung: s.tag.replace(/-\d\d$/, '-01'),
      beschlussvorschlag: `Der ${GREMIEN.find((g) => g.key === s.gremium)!.name} beschließt: ${betreff}. (${BEISPIEL})`,
      begruendung: BEISPIEL,
      beratungsfolge: [{ gremiumId: ids[s.gremium]!, datum: s.tag, zustaendigkeit: 'entscheidung' }],
    });
    await gremien.vorlagen.freigeben(p, vorlage.id);
    await gremien.vorlagen.veroeffentlichen(p, vorlage.id);
    await beraten({ gremien }, p, {
      gremiumId: ids[s.gremium]!,
      tag: s.tag,
      anwesend: anwesend[s.gremium],
      vorlage,
      votes: VOTES[s.gremium],
    });
  }
  return { principal: p, gremien: ids, anwesend };
}

/** A session of the day with the Vorlage on its agenda, attendance, the vote and the Beschluss. */
async function beraten(
  { gremien }: Pick<Deps, 'gremien'>,
  p: Principal,
  s: {
    gremiumId: string;
    tag: string;
    anwesend: string[];
    vorlage: { id: string; betreff: string };
    votes: { ja: number; nein: number; enthaltung: number };
  },
) {
  const sitzung = await gremien.sitzungen.createSitzung(p, s.gremiumId, {
    beginn: `${s.tag}T15:00:00Z`,
    ende: `${s.tag}T18:00:00Z`,
    ort: 'Sitzungssaal des Landratsamtes',
  });
  // The agenda before the invitation: the Einladung is filed once, as sent (not again for a late item).
  const agenda = await gremien.sitzungen.addTop(p, sitzung.id, {
    titel: s.vorlage.betreff,
    vorlageId: s.vorlage.id,
  });
  await gremien.sitzungen.updateSitzung(p, sitzung.id, { status: 'eingeladen' });
  await gremien.beratungen.setAnwesenheit(p, sitzung.id, s.anwesend);
  const top = agenda.tagesordnung!.at(-1)!;
  await gremien.beratungen.setBeratung(p, top.id, { ergebnis: 'beschlossen', ...s.votes });
  await gremien.sitzungen.updateSitzung(p, sitzung.id, { status: 'durchgefuehrt' });
}

/**
 * The 1. Änderung (KT/103/2020) as a completed process: the source document imported as the
 * Vorlage of the Kreistag Unstrut-Hainich-Kreis (read at seed time), the Vorlagen of the other
 * Kreistage put by the process, each Kreistag's resolution recorded in its session (the hook
 * fills in the Verbund view), signatures, Genehmigung and Bekanntmachung – then the process
 * carries it out (the Wartburgkreis is a member already, so nothing is onboarded twice).
 */
async function seedAmendment(deps: Deps, counties: Record<string, County>) {
  const uhk = counties['unstrut-hainich-kreis']!.principal;
  const imported = await deps.gremien.vorlagenImport.importieren({
    principal: uhk,
    file: { fileName: 'KT-103-2020_Beschlussvorlage.md', bytes: await readFile(MISSION_DOCUMENT) },
    anlegen: true,
  });
  const quelle = imported.angelegt!;
  const serviceteam = seedPrincipal('unstrut-hainich-kreis', ['verbund-admin', 'kreis-admin']);
  const { aenderung } = await deps.aenderungen.createAenderung(
    serviceteam,
    {
      titel: AMENDMENT.titel,
      wortlaut: AMENDMENT.wortlaut,
      begruendung: quelle.begruendung,
      beitritt: { id: 'wartburgkreis', name: 'Wartburgkreis', kreisschluessel: '16063' },
      kostenschluessel: AMENDMENT.kostenschluessel,
    },
    {
      stichtag: '2020-05-27',
      nummer: 1,
      beispieldaten: true,
      vorlagen: {
        einreichung: '2020-05-27',
        nummern: AMENDMENT_NR,
        vorhandene: { 'unstrut-hainich-kreis': { id: quelle.id, drucksachenNr: quelle.drucksachenNr } },
      },
    },
  );
  // The source's proposal names no text version; the demo adds the one the Kreistag resolved.
  await deps.gremien.vorlagen.updateVorlage(uhk, quelle.id, {
    beschlussvorschlag: `${quelle.beschlussvorschlag ?? ''}\n\n[Ergänzung der Demo: Wortlaut der Anlage in der Fassung SHA-256 ${aenderung.wortlautSha256}]`,
  });
  await Promise.all(
    DEMO_COUNTIES.map(async (county) => {
      const c = counties[county]!;
      const party = aenderung.parteien.find((x) => x.landkreisId === county)!;
      const vorlage = { id: party.vorlageId!, betreff: AMENDMENT.titel };
      await deps.gremien.vorlagen.freigeben(c.principal, vorlage.id);
      await deps.gremien.vorlagen.veroeffentlichen(c.principal, vorlage.id);
      await beraten(deps, c.principal, {
        gremiumId: c.gremien.KT!,
        tag: AMENDMENT_DAY[county]!,
        anwesend: c.anwesend.KT!,
        vorlage,
        votes: VOTES.KT,
      });
    }),
  );
  for (const county of DEMO_COUNTIES)
    await deps.aenderungen.recordUnterschrift(serviceteam, aenderung.id, county, AMENDMENT_SIGNED[county]!);
  await deps.aenderungen.recordGenehmigung(serviceteam, aenderung.id, AMENDMENT.genehmigung);
  return deps.aenderungen.recordBekanntmachung(serviceteam, aenderung.id, AMENDMENT.bekanntmachung);
}

/**
 * Council demo data (once; nothing if the Unstrut-Hainich-Kreis has Gremien already): per county a
 * Kreistag and two committees with fictional members in two Wahlperioden, a year (2020) of sessions
 * with Vorlagen, agenda, attendance, votes and Beschlüsse, and the 1. Änderung as a completed process.
 */
export async function seedDemoGremien(deps: Deps) {
  if ((await deps.gremien.gremien.listGremien(seedPrincipal('unstrut-hainich-kreis'))).length > 0)
    return { seeded: false as const };
  const seeded = await Promise.all(DEMO_COUNTIES.map((county, i) => seedCounty(deps, county, i)));
  const counties = Object.fromEntries(DEMO_COUNTIES.map((county, i) => [county, seeded[i]!]));
  const aenderung = await seedAmendment(deps, counties);
  return { seeded: true as const, aenderung };
}
