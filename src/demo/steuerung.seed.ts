import path from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../platform/database/database.ts';
import {
  ANTRAEGE_JE_JAHR,
  BEARBEITUNG_TAGE,
  BEISPIEL,
  DEMO_CONNECTORS,
  DEMO_EINWOHNER,
  DEMO_FACHVERFAHREN,
  DEMO_SCHLUESSEL,
  EINWOHNER_QUELLE,
  EINWOHNER_STICHTAG,
  GESTOERT,
  poolCent,
} from './steuerung.data.ts';

const ACTOR = 'system:demo';

const HINWEISE: Array<[string, string]> = [
  [
    'antraege',
    'Die Anträge, Bescheide und Bearbeitungszeiten der Demo sind Beispieldaten (erzeugt beim ersten Start).',
  ],
  [
    'zustellungen',
    'Die Zustellungen der Anbindungen in der Demo sind Beispieldaten, auch die gestörte Anbindung.',
  ],
  ['fachverfahren', 'Die Fachverfahren und Anbindungen der Demo sind Beispieldaten.'],
  ['einwohner', 'Die Einwohnerzahlen der Demo sind gerundete Beispieldaten, keine amtlichen Zahlen.'],
  ['kosten', 'Kostenpool und Kostenschlüssel der Demo sind Beispieldaten.'],
];

/**
 * The Verbund at work, on first start (issue 13, point 9): two Fachverfahren per county, connectors
 * defined by the county that analysed the procedure and activated by others, a year of Anträge up
 * to now with Bescheide and connector deliveries (one receiver failing), population figures, cost
 * pools and a key. Bulk SQL, one statement per table and county; everything is marked as sample data.
 */
export async function seedDemoSteuerung({
  database,
  zustellVerzeichnis,
  jetzt = new Date(),
}: {
  database: DatabaseHandle;
  /** Directory the demo's directory connectors drop into (under the data directory). */
  zustellVerzeichnis: string;
  jetzt?: Date;
}) {
  const tenants = (
    await sql<{
      id: string;
      kreisschluessel: string;
    }>`select id, kreisschluessel from tenants order by id`.execute(database.db)
  ).rows;
  await seedVerbundLevel(database, jetzt);
  let antraege = 0;
  let zustellungen = 0;
  for (const tenant of tenants) {
    await database.withTenant(tenant.id, async (trx) => {
      await registerFachverfahren(trx);
      await activateConnectors(trx, zustellVerzeichnis);
      antraege += await insertAntraege(trx, tenant.kreisschluessel, jetzt);
      zustellungen += await insertZustellungen(trx, jetzt);
    });
  }
  return { antraege, zustellungen };
}

async function seedVerbundLevel(database: DatabaseHandle, jetzt: Date) {
  const db = database.db;
  const members = new Set(
    (await sql<{ id: string }>`select id from tenants`.execute(db)).rows.map((r) => r.id),
  );
  for (const c of DEMO_CONNECTORS.filter((c) => members.has(c.owner)))
    await sql`insert into connector_definitionen (id, name, owner_tenant_id, ausloeser, filter, nutzlast, transport, beschreibung)
      values (${c.id}, ${c.name}, ${c.owner}, 'antrag.eingegangen', ${c.leistung}, 'json', ${c.transport},
        ${`${BEISPIEL} Übergibt jeden Antrag der Leistung an das Fachverfahren.`})
      on conflict (id) do nothing`.execute(db);
  for (const e of DEMO_EINWOHNER)
    await sql`insert into steuerung_einwohner (kreisschluessel, stichtag, einwohner, quelle, beispieldaten, erfasst_von)
      values (${e.kreisschluessel}, ${EINWOHNER_STICHTAG}, ${e.einwohner}, ${EINWOHNER_QUELLE}, true, ${ACTOR})
      on conflict do nothing`.execute(db);
  for (let jahr = 2020; jahr <= jetzt.getUTCFullYear(); jahr++)
    await sql`insert into steuerung_kostenpool (jahr, betrag_cent, bezeichnung, beispieldaten, erfasst_von)
      values (${jahr}, ${poolCent(jahr).toString()}, ${`Gemeinsame Kosten des Serviceteams ${jahr} ${BEISPIEL}`}, true, ${ACTOR})
      on conflict do nothing`.execute(db);
  for (const k of DEMO_SCHLUESSEL)
    await sql`insert into steuerung_kostenschluessel (gilt_ab, gewicht_gleich, gewicht_einwohner, gewicht_nutzung,
        bemerkung, beispieldaten, erfasst_von)
      values (${k.giltAb}, ${k.gleich}, ${k.einwohner}, ${k.nutzung}, ${`${k.bemerkung} ${BEISPIEL}`}, true, ${ACTOR})
      on conflict do nothing`.execute(db);
  for (const [bereich, hinweis] of HINWEISE)
    await sql`insert into steuerung_beispieldaten (bereich, hinweis) values (${bereich}, ${hinweis})
      on conflict do nothing`.execute(db);
}

async function registerFachverfahren(trx: TenantTrx) {
  for (const f of DEMO_FACHVERFAHREN[trx.tenantId] ?? [])
    await sql`insert into fachverfahren (tenant_id, kennung, name, hersteller)
      values (${trx.tenantId}, ${f.kennung}, ${f.name}, ${BEISPIEL}) on conflict do nothing`.execute(trx);
}

async function activateConnectors(trx: TenantTrx, verzeichnis: string) {
  for (const c of DEMO_CONNECTORS.filter((c) => c.aktiv.includes(trx.tenantId))) {
    const ziel =
      c.transport === 'webhook'
        ? `https://${c.id}.${trx.tenantId}.beispiel.invalid/eingang`
        : path.join(verzeichnis, trx.tenantId, c.id);
    await sql`insert into connector_aktivierungen (tenant_id, connector_id, status, ziel, secret)
      select ${trx.tenantId}, ${c.id}, 'active', ${ziel}, encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex')
      where exists (select 1 from connector_definitionen where id = ${c.id})
      on conflict do nothing`.execute(trx);
  }
}

/**
 * A year of Anträge up to `jetzt`, spread evenly (a deterministic hash, not random(), so two first
 * starts look alike): each with its Vorgang in the service's Akte, the Eingang message and — when its
 * processing time has passed — a Bescheid; one in fifty withdrawn. Open ones stay "in Bearbeitung".
 */
async function insertAntraege(trx: TenantTrx, kreisschluessel: string, jetzt: Date) {
  const plan = Object.entries(ANTRAEGE_JE_JAHR[trx.tenantId] ?? {})
    .filter(([, n]) => n > 0)
    .map(([leistung, n]) => ({ leistung, n, ...BEARBEITUNG_TAGE[leistung]! }));
  const { rows } = await sql<{ n: number }>`
    with plan as (
      select p.leistung, p.n, p.min, p.max, la.akte_id, la.zustaendig_oe_id, l.name,
        (select fv.id from formular_versionen fv where fv.formular_id = l.formular_id
         order by fv.version desc limit 1) as formular_version_id
      from jsonb_to_recordset(${JSON.stringify(plan)}::jsonb) as p(leistung text, n int, min int, max int)
      join leistung_aktivierungen la on la.leistung_id = p.leistung and la.aktiv and la.akte_id is not null
      join leistungen l on l.id = p.leistung
    ), gem as (
      select array_agg(ags order by ags) as ags from gemeinden where kreisschluessel = ${kreisschluessel}
    ), g as materialized (
      select plan.*, i, gem.ags[1 + i % cardinality(gem.ags)] as ags,
        ${jetzt.toISOString()}::timestamptz - make_interval(mins => abs(hashtext(plan.leistung || i || 'e')) % 525600)
          as eingang,
        make_interval(days => plan.min + abs(hashtext(plan.leistung || i || 'd')) % (plan.max - plan.min + 1),
          hours => abs(hashtext(plan.leistung || i || 'h')) % 9) as dauer,
        abs(hashtext(plan.leistung || i || 'z')) % 50 = 0 as zurueckgezogen,
        gen_random_uuid() as vorgang_id, gen_random_uuid() as antrag_id, nextval('antrag_nummer_seq') as lfd
      from plan, gem, generate_series(1, plan.n) i
    ), f as materialized (
      select g.*, ${kreisschluessel} || '-' || extract(year from g.eingang)::int || '-' || lpad(g.lfd::text, 6, '0') as nummer,
        case when not g.zurueckgezogen and g.eingang + g.dauer < ${jetzt.toISOString()}::timestamptz
             then g.eingang + g.dauer end as bescheid
      from g
    ), v as (
      insert into vorgaenge (tenant_id, id, akte_id, betreff, status, eingangsdatum, zustaendig_oe_id, externe_referenz,
        created_at, created_by, updated_at)
      select ${trx.tenantId}, f.vorgang_id, f.akte_id, f.name || ' – Antrag ' || f.nummer || ' ${sql.raw(BEISPIEL)}',
        case when f.zurueckgezogen then 'zurueckgezogen' when f.bescheid is not null then 'beschieden' else 'in-bearbeitung' end,
        f.eingang::date, f.zustaendig_oe_id, f.nummer, f.eingang, ${ACTOR}, coalesce(f.bescheid, f.eingang)
      from f returning 1
    ), a as (
      insert into antraege (tenant_id, id, nummer, tracking_hash, leistung_id, formular_version_id, gemeinde_ags, daten,
        vorgang_id, quelle, metadaten, created_at)
      select ${trx.tenantId}, f.antrag_id, f.nummer, encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'),
        f.leistung, f.formular_version_id, f.ags, '{"beispieldaten": true}'::jsonb, f.vorgang_id, 'portal',
        '{"beispieldaten": true}'::jsonb, f.eingang
      from f returning 1
    ), n as (
      insert into antrag_nachrichten (tenant_id, antrag_id, art, text, created_at, created_by)
      select ${trx.tenantId}, f.antrag_id, 'eingang', 'Ihr Antrag ist eingegangen. ${sql.raw(BEISPIEL)}', f.eingang, ${ACTOR} from f
      union all
      select ${trx.tenantId}, f.antrag_id, 'bescheid', 'Ihr Bescheid liegt vor. ${sql.raw(BEISPIEL)}', f.bescheid, ${ACTOR}
      from f where f.bescheid is not null
      returning 1
    )
    select (select count(*) from a)::int as n, (select count(*) from v) + (select count(*) from n) as rest`.execute(
    trx,
  );
  return rows[0]?.n ?? 0;
}

/**
 * One delivery per Antrag of a connector's service in a county that activated it, as the outbox
 * holds them after the worker: delivered 0.15–2 s after the Eingang (one in thirty only at the second
 * attempt). The failing receiver (GESTOERT): its last 30 days are dead letters, the newest delivery
 * is still retrying — that cell of the status grid is red.
 */
async function insertZustellungen(trx: TenantTrx, jetzt: Date) {
  const gestoert = trx.tenantId === GESTOERT.tenant ? GESTOERT.connector : '';
  const { rows } = await sql<{ n: number }>`
    with z as (
      select d.id as connector_id, d.max_versuche, a.vorgang_id, a.nummer, a.leistung_id, a.created_at,
        abs(hashtext(a.nummer || 'z')) as h,
        d.id = ${gestoert} and a.created_at > ${jetzt.toISOString()}::timestamptz - interval '30 days' as tot,
        row_number() over (partition by d.id order by a.created_at desc) as neueste
      from connector_aktivierungen ca
      join connector_definitionen d on d.id = ca.connector_id and d.ausloeser = 'antrag.eingegangen'
      join antraege a on a.leistung_id = d.filter
      where ca.status = 'active'
    ), o as (
      insert into outbox (tenant_id, connector_id, ordering_key, ereignis, payload, status, attempts, max_attempts,
        next_attempt_at, last_error, created_at, delivered_at)
      select ${trx.tenantId}, z.connector_id, z.vorgang_id::text, 'antrag.eingegangen',
        jsonb_build_object('event', jsonb_build_object('ereignis', 'antrag.eingegangen', 'zeit', z.created_at,
          'beispieldaten', true, 'landkreis', jsonb_build_object('id', ${trx.tenantId}::text),
          'antrag', jsonb_build_object('nummer', z.nummer, 'leistung', z.leistung_id)), 'fitConnect', null),
        case when z.tot and z.neueste = 1 then 'pending' when z.tot then 'dead' else 'delivered' end,
        case when z.tot and z.neueste = 1 then 3 when z.tot then z.max_versuche when z.h % 30 = 0 then 2 else 1 end,
        z.max_versuche,
        case when z.tot and z.neueste = 1 then ${jetzt.toISOString()}::timestamptz + interval '30 minutes' else z.created_at end,
        case when z.tot then 'Keine Verbindung: Empfänger nicht erreichbar ${sql.raw(BEISPIEL)}' end,
        z.created_at,
        case when not z.tot then z.created_at + make_interval(secs => (150 + z.h % 1850) / 1000.0
          + case when z.h % 30 = 0 then 60 else 0 end) end
      from z returning 1
    )
    select count(*)::int as n from o`.execute(trx);
  return rows[0]?.n ?? 0;
}
