import { readFile } from 'node:fs/promises';
import type { BlobStore } from '../modules/blobs/blobs.module.ts';
import {
  createAkteInTrx,
  createVorgangInTrx,
  fileDokument,
  renderTextPdf,
  STANDARD_TEMPLATE_ID,
} from '../modules/records/records.module.ts';
import type { DatabaseHandle, TenantTrx } from '../platform/database/database.ts';
import { AREAS, createDocumentGenerator, type GeneratedDocument } from './generator/documents.ts';

const ACTOR = 'system:seed';
export const MISSION_DOCUMENT = new URL('../../demo/KT-103-2020_Beschlussvorlage.md', import.meta.url);

// The demo counties: name, generator seed, and the places their documents mention.
const COUNTY_ROWS: Array<[id: string, name: string, seed: number, places: string]> = [
  ['nordhausen', 'Landkreis Nordhausen', 16062, 'Nordhausen; Bleicherode; Ellrich; Heringen/Helme'],
  ['kyffhaeuserkreis', 'Kyffhäuserkreis', 16065, 'Sondershausen; Artern; Bad Frankenhausen; Greußen'],
  [
    'unstrut-hainich-kreis',
    'Unstrut-Hainich-Kreis',
    16064,
    'Mühlhausen; Bad Langensalza; Schlotheim; Nottertal-Heilinger Höhen',
  ],
  ['wartburgkreis', 'Wartburgkreis', 16063, 'Bad Salzungen; Gerstungen; Ruhla; Dermbach'],
];
const COUNTIES: Record<string, { name: string; places: string[]; seed: number }> = Object.fromEntries(
  COUNTY_ROWS.map(([id, name, seed, places]) => [id, { name, places: places.split('; '), seed }]),
);

// Generator areas → units of the Verbund template (by title keywords), for counties on the standard plan.
const AREA_HINTS: Array<[RegExp, string]> = [
  [/kreistag|gremi/i, '00.10.01'],
  [/zweckverein|interkommunal|e-government|digital|ozg/i, '00.30'],
  [/organisation/i, '00'],
  [/personal/i, '01.10'],
  [/haushalt|finanz/i, '02.10'],
  [/förder/i, '02.20'],
  [/kfz|zulassung/i, '03.10.01'],
  [/führerschein|fahrerlaub/i, '03.10.02'],
  [/park/i, '03.10.03'],
  [/straßenverkehr|ordnung/i, '03.10'],
  [/waffen|jagd/i, '03.20'],
  [/wohngeld/i, '04.10'],
  [/grundsicherung/i, '04.20'],
  [/eingliederung/i, '04.30'],
  [/sozial/i, '04'],
  [/jugend/i, '05.20'],
  [/schul/i, '05.10'],
  [/gesundheit/i, '06'],
  [/bau/i, '07.10'],
  [/umwelt|natur/i, '08.10'],
  [/abfall|immission/i, '08.20'],
];

function unitFor(doc: GeneratedDocument, units: Map<string, string>) {
  const area = AREAS.find((a) => a.key === doc.area);
  if (area && units.has(area.kennzeichen)) return area.kennzeichen;
  const text = `${area?.title ?? ''} ${doc.subject}`;
  for (const [re, kennzeichen] of AREA_HINTS) if (re.test(text) && units.has(kennzeichen)) return kennzeichen;
  return '00.40';
}

/** Marks the Verbund template as built and owned by the Unstrut-Hainich-Kreis (demo data). */
export async function assignDemoTemplateOwner(database: DatabaseHandle) {
  await database.db
    .updateTable('aktenplan_templates')
    .set({ owner_tenant_id: 'unstrut-hainich-kreis' })
    .where('id', '=', STANDARD_TEMPLATE_ID)
    .where('owner_tenant_id', 'is', null)
    .execute();
}

async function seedMissionAkte(trx: TenantTrx, blobs: BlobStore) {
  const akte = await createAkteInTrx(trx, ACTOR, {
    titel: 'Zweckvereinbarung Interkommunales Serviceteam E-Government',
    aktenplan: '00.20',
    federfuehrendeOe: 'SE',
  });
  const vorgang = await createVorgangInTrx(trx, ACTOR, akte.id, {
    betreff: '1. Änderung der Zweckvereinbarung – Beitritt des Wartburgkreises',
    eingangsdatum: '2020-05-27',
    zustaendigOe: 'KTB',
    externeReferenz: 'KT/103/2020',
  });
  const bytes = await readFile(MISSION_DOCUMENT);
  const blob = await blobs.put(bytes);
  await fileDokument({
    trx,
    actor: ACTOR,
    vorgang: { id: vorgang.id, akteId: akte.id },
    file: { fileName: 'KT-103-2020_Beschlussvorlage.md', blob },
    fields: {
      titel: 'Beschlussvorlage KT/103/2020 – 1. Änderung der Zweckvereinbarung',
      art: 'intern',
      datum: '2020-05-27',
      absender: 'Verwaltung (Einreicher)',
      empfaenger: 'Kreistag Unstrut-Hainich-Kreis',
      metadaten: [
        { name: 'Drucksachen-Nr.', typ: 'text', wert: 'KT/103/2020' },
        { name: 'Beratung Kreistag', typ: 'datum', wert: '2020-06-24' },
        { name: 'öffentlich', typ: 'ja-nein', wert: true },
      ],
    },
  });
  return akte;
}

/**
 * Demo E-Akte content: in the Unstrut-Hainich-Kreis the Akte with the source document, and in
 * every county `perCounty` generated, realistic documents in Akten and Vorgänge across the
 * Aktenplan, some assigned to the demo case worker with due Wiedervorlagen and Fristen.
 * Idempotent: a county that has Akten already is skipped.
 */
export async function seedDemoRecords({
  database,
  blobs,
  perCounty = 250,
  tenants = Object.keys(COUNTIES),
  onProgress,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  perCounty?: number;
  tenants?: string[];
  onProgress?: (tenantId: string, done: number, total: number) => void;
}) {
  let documents = 0;
  for (const tenantId of tenants) {
    const county = COUNTIES[tenantId];
    if (!county) continue;
    const generator = createDocumentGenerator({ seed: county.seed, county });
    const generated = Array.from({ length: perCounty }, () => generator.next());
    // Blobs first (outside the transaction); a tenth of the documents as PDFs with a text layer.
    const files = await Promise.all(
      generated.map(async (doc, i) => {
        const header = [
          doc.sender ? `Absender: ${doc.sender}` : '',
          doc.recipient ? `Empfänger: ${doc.recipient}` : '',
          `Datum: ${doc.date}`,
        ]
          .filter(Boolean)
          .join('\n');
        const asPdf = i % 10 === 0;
        const bytes = asPdf
          ? await renderTextPdf(doc.title, `${header}\n\n${doc.body}`)
          : Buffer.from(`${doc.title}\n\n${header}\n\n${doc.body}\n`, 'utf8');
        const name = `${doc.title
          .replace(/[^\p{L}\p{N} ]+/gu, ' ')
          .trim()
          .slice(0, 60)}.${asPdf ? 'pdf' : 'txt'}`;
        return { name, blob: await blobs.put(bytes) };
      }),
    );
    const seeded = await database.withTenant(tenantId, async (trx) => {
      const existing = await trx.selectFrom('dokumente').select('id').limit(1).execute();
      if (existing.length > 0) return 0;
      if (tenantId === 'unstrut-hainich-kreis') await seedMissionAkte(trx, blobs);
      const units = new Map(
        (await trx.selectFrom('aktenplan_units').select(['kennzeichen', 'id']).execute()).map((u) => [
          u.kennzeichen,
          u.id,
        ]),
      );
      const caseWorker = await trx
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'sachbearbeitung')
        .executeTakeFirst();
      const akten = new Map<string, string>();
      const vorgaenge = new Map<string, { id: string; akteId: string }>();
      const today = new Date();
      const dayOffset = (days: number) =>
        new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
      let n = 0;
      for (const [i, doc] of generated.entries()) {
        const kennzeichen = unitFor(doc, units);
        const akteKey = `${kennzeichen}|${doc.subject}`;
        let akteId = akten.get(akteKey);
        if (!akteId) {
          const akte = await createAkteInTrx(trx, ACTOR, {
            titel: doc.subject,
            aktenplan: kennzeichen,
            federfuehrendeOe: /^04/.test(kennzeichen)
              ? 'SOZ'
              : /^03/.test(kennzeichen)
                ? 'OA'
                : /^00\.10/.test(kennzeichen)
                  ? 'KTB'
                  : 'HA',
          });
          akteId = akte.id;
          akten.set(akteKey, akteId);
        }
        // The generator's case: its documents are one Vorgang, with the case's Zeichen as reference.
        let vorgang = vorgaenge.get(doc.vorgang.key);
        if (!vorgang) {
          const assigned = caseWorker && vorgaenge.size % 9 === 0;
          const created = await createVorgangInTrx(trx, ACTOR, akteId, {
            betreff:
              doc.vorgang.betreff.length > 120
                ? `${doc.vorgang.betreff.slice(0, 117)}…`
                : doc.vorgang.betreff,
            eingangsdatum: doc.date,
            zustaendigPerson: assigned ? caseWorker.id : null,
            zustaendigOe: assigned ? 'SE' : null,
            wiedervorlage: assigned ? dayOffset(-(vorgaenge.size % 5)) : null,
            frist: assigned ? dayOffset((vorgaenge.size % 11) - 2) : null,
            externeReferenz: doc.vorgang.aktenzeichen,
          });
          vorgang = { id: created.id, akteId };
          vorgaenge.set(doc.vorgang.key, vorgang);
        }
        await fileDokument({
          trx,
          actor: ACTOR,
          vorgang: { id: vorgang.id, akteId: vorgang.akteId },
          file: { fileName: files[i]!.name, blob: files[i]!.blob },
          fields: {
            titel: doc.title,
            art: doc.kind,
            datum: doc.date,
            absender: doc.sender,
            empfaenger: doc.recipient,
            metadaten: doc.reference ? [{ name: 'Bezug', typ: 'text', wert: doc.reference }] : [],
          },
        });
        n++;
        if (n % 50 === 0) onProgress?.(tenantId, n, generated.length);
      }
      return n;
    });
    documents += seeded;
  }
  return { documents };
}
