import { euro, steuerungErrors } from '../../modules/steuerung/steuerung.module.ts';
import { isAppError } from '../../shared/errors.ts';
import { type Command, cliPrincipal, str, withServices } from './command.ts';
import { actingTenant, json, pad, padL } from './steuerung.kit.ts';

const tageText = (v: number | null) =>
  v === null ? '–' : `${(Math.round(v * 10) / 10).toLocaleString('de-DE')} T.`;

/** The year's report of the Verbund: cost split, reuse, volumes and processing times. */
export const STEUERUNG_BERICHT_COMMANDS: Record<string, Command> = {
  'steuerung bericht': {
    synopsis: '--jahr <JJJJ> [--tenant <id>] [--json]',
    description:
      'Bericht eines Jahres: Kostenteilung (wenn ein Pool erfasst ist), Nachnutzungsgrad am 31.12., Anträge je Landkreis und Bearbeitungszeiten (Median, p90) je Landkreis und Leistung.',
    options: { jahr: { type: 'string' }, tenant: { type: 'string' }, json: { type: 'boolean' } },
    required: ['jahr'],
    run: ({ values, config }) => {
      const jahrText = str(values.jahr)!;
      const jahr = Number(jahrText);
      if (!/^\d{4}$/.test(jahrText) || jahr < 2000 || jahr > 2100) throw steuerungErrors.jahr(jahrText);
      return withServices(config, async (services) => {
        const principal = cliPrincipal(await actingTenant(services, str(values.tenant)));
        const { steuerung } = services;
        const kosten = await steuerung.kosten.yearSplit({ principal, jahr }).catch((error) => {
          if (isAppError(error) && error.status === 404) return null;
          throw error;
        });
        const nachnutzung = await steuerung.nachnutzung.matrix({ principal, stichtag: `${jahr}-12-31` });
        const antraege = await steuerung.kennzahlen.antraege({
          principal,
          von: `${jahr}-01-01`,
          bis: `${jahr}-12-31`,
        });
        const namen = new Map(nachnutzung.mitglieder.map((m) => [m.id, m.name]));
        const bericht = {
          jahr,
          kosten,
          nachnutzung: {
            genutzt: nachnutzung.genutzt,
            moeglich: nachnutzung.moeglich,
            prozent: nachnutzung.prozent,
          },
          antraege,
        };
        if (values.json) {
          console.log(json(bericht));
          return 0;
        }
        console.log(`Bericht ${jahr} des Verbunds`);
        if (kosten) {
          console.log(
            `\nKostenteilung (Pool ${euro(BigInt(kosten.pool.betrag_cent))}${kosten.pool.beispieldaten ? ', Beispieldaten' : ''})`,
          );
          for (const a of kosten.abschnitte)
            console.log(`  ${a.von} – ${a.bis} (${a.tage} Tage): ${a.mitglieder.length} Mitglieder`);
          for (const a of kosten.anteile) console.log(`  ${pad(a.name, 30)}${padL(euro(a.cent), 16)}`);
        } else console.log(`\nKostenteilung: kein Kostenpool für ${jahr} erfasst.`);
        console.log(
          `\nNachnutzungsgrad am 31.12.${jahr}: ${nachnutzung.prozent ?? '–'} % (${nachnutzung.genutzt} von ${nachnutzung.moeglich})`,
        );
        console.log('\nAnträge je Landkreis');
        const summe = new Map<string, number>();
        for (const m of antraege.monate) summe.set(m.tenantId, (summe.get(m.tenantId) ?? 0) + m.anzahl);
        for (const [id, n] of summe) console.log(`  ${pad(namen.get(id) ?? id, 30)}${padL(String(n), 10)}`);
        console.log('\nBearbeitungszeit Eingang → Bescheid (Median / p90), offene Fälle');
        for (const z of antraege.zeiten)
          console.log(
            `  ${pad(namen.get(z.tenantId) ?? z.tenantId, 24)}${pad(z.leistungId, 32)}${padL(tageText(z.medianTage), 10)}${padL(tageText(z.p90Tage), 10)}${padL(`${z.offen} offen`, 12)}`,
          );
        return 0;
      });
    },
  },
};
