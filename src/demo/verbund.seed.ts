import { addUserInTrx } from '../modules/identity/identity.module.ts';
import { AGREEMENT_ID, type VerbundUsecases } from '../modules/verbund/verbund.module.ts';
import type { DatabaseHandle } from '../platform/database/database.ts';
import type { Role } from '../platform/http/principal.ts';

export const DEMO_PASSWORD = 'verbund-demo-2020';

/** The Verbund as the source document (KT/103/2020) describes it. */
const FOUNDERS = [
  { id: 'nordhausen', name: 'Landkreis Nordhausen', kreisschluessel: '16062' },
  { id: 'kyffhaeuserkreis', name: 'Kyffhäuserkreis', kreisschluessel: '16065' },
  { id: 'unstrut-hainich-kreis', name: 'Unstrut-Hainich-Kreis', kreisschluessel: '16064' },
];
const WARTBURGKREIS = { id: 'wartburgkreis', name: 'Wartburgkreis', kreisschluessel: '16063' };

const DEMO_USERS: Array<{ login: string; name: string; roles: Role[]; orgUnit: string }> = [
  { login: 'sachbearbeitung', name: 'Sachbearbeitung (Demo)', roles: ['sachbearbeitung'], orgUnit: 'SE' },
  { login: 'leitung', name: 'Leitung (Demo)', roles: ['leitung', 'sachbearbeitung'], orgUnit: 'SE' },
  { login: 'lesen', name: 'Lesezugriff (Demo)', roles: ['lesen'], orgUnit: 'HA' },
];

/** Seeds the demo Verbund once (idempotent: does nothing if members exist). Returns whether it seeded. */
export async function seedDemoVerbund({
  database,
  verbund,
}: {
  database: DatabaseHandle;
  verbund: VerbundUsecases;
}) {
  const existing = await database.db.selectFrom('tenants').select('id').limit(1).execute();
  if (existing.length > 0) return { seeded: false };
  const actor = 'system:seed';
  await database.db
    .insertInto('agreements')
    .values({
      id: AGREEMENT_ID,
      title: 'Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams im Bereich E-Government',
      kind: 'Zweckvereinbarung',
      basis: 'Beschluss des Kreistages vom 27.11.2019, Beschlussnummer KT/065-03/19',
      concluded_on: '2019-11-27',
      purpose:
        'Digitalisierung von Verwaltungsleistungen nach dem Onlinezugangsgesetz (OZG); Analyse der Fachverfahren der Landkreise in Arbeitsteilung und Einbindung in ein gemeinsam zu beschaffendes Dokumentenmanagementsystem.',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const founder of FOUNDERS) {
    await verbund.addMember({
      member: { ...founder, joinedOn: '2019-11-27' },
      actor,
      adminPassword: DEMO_PASSWORD,
    });
  }
  await verbund.addMember({
    member: {
      ...WARTBURGKREIS,
      joinedOn: '2020-06-24',
      amendment: {
        number: 1,
        title:
          '1. Änderung der Zweckvereinbarung zur Gründung eines interkommunalen Serviceteams im Bereich E-Government',
        drucksache: 'KT/103/2020',
        resolvedBy: 'Kreistag Unstrut-Hainich-Kreis',
        resolvedOn: '2020-06-24',
        summary: 'Aufnahme des Wartburgkreises; Erweiterung von drei auf vier Landkreise.',
      },
    },
    actor,
    adminPassword: DEMO_PASSWORD,
  });
  for (const tenant of [...FOUNDERS, WARTBURGKREIS]) {
    await database.withTenant(tenant.id, async (trx) => {
      for (const user of DEMO_USERS) {
        await addUserInTrx(trx, {
          tenantId: tenant.id,
          login: user.login,
          displayName: user.name,
          password: DEMO_PASSWORD,
          roles: user.roles,
          orgUnit: user.orgUnit,
          actor,
        });
      }
      if (tenant.id === 'unstrut-hainich-kreis') {
        await addUserInTrx(trx, {
          tenantId: tenant.id,
          login: 'serviceteam',
          displayName: 'Serviceteam E-Government (Demo)',
          password: DEMO_PASSWORD,
          roles: ['verbund-admin', 'kreis-admin'],
          orgUnit: 'SE',
          actor,
        });
      }
    });
  }
  return { seeded: true };
}

export const demoLogins = () => [
  'serviceteam@unstrut-hainich-kreis (Serviceteam/verbund-admin)',
  ...['admin', 'sachbearbeitung', 'leitung', 'lesen'].map(
    (login) => `${login}@<landkreis> (${login === 'admin' ? 'kreis-admin' : login})`,
  ),
  'Landkreise: nordhausen, kyffhaeuserkreis, unstrut-hainich-kreis, wartburgkreis',
  `Passwort für alle Demo-Konten: ${DEMO_PASSWORD}`,
];
