import {
  centAusEuro,
  euro,
  SCHLUESSEL_ARTEN,
  type SchluesselArt,
  steuerungErrors,
} from '../../modules/steuerung/steuerung.module.ts';
import { type Command, cliPrincipal, str, withServices } from './command.ts';
import { actingTenant, json, pad, padL } from './steuerung.kit.ts';
import { STEUERUNG_BERICHT_COMMANDS } from './steuerung-bericht.command.ts';

/** Cost sharing and reports of the Verbund (issue 13). */
export const STEUERUNG_COMMANDS: Record<string, Command> = {
  'steuerung beitritt-simulieren': {
    synopsis:
      '--kreisschluessel <nnnnn> [--name <name>] --schluessel gleich|einwohner|nutzung|mix --pool <euro> [--tenant <id>] [--json]',
    description:
      'Zeigt den Anteil jedes Mitglieds vor und nach dem Beitritt eines Landkreises, die Ersparnis je bisherigem Mitglied und den Break-even (die größten Zusatzkosten, bei denen noch jedes bisherige Mitglied spart). Ein Kreisschlüssel eines Mitglieds zeigt dessen Beitritt aus der erfassten Änderung.',
    options: {
      kreisschluessel: { type: 'string' },
      name: { type: 'string' },
      schluessel: { type: 'string' },
      pool: { type: 'string' },
      tenant: { type: 'string' },
      json: { type: 'boolean' },
    },
    required: ['kreisschluessel', 'schluessel', 'pool'],
    run: ({ values, config }) => {
      // Checked before the database is opened: a typo answers at once.
      const art = str(values.schluessel)!;
      if (!(SCHLUESSEL_ARTEN as readonly string[]).includes(art)) throw steuerungErrors.schluessel(art);
      const poolCent = centAusEuro(str(values.pool)!);
      if (poolCent === null) throw steuerungErrors.betrag(str(values.pool)!);
      const kreisschluessel = str(values.kreisschluessel)!;
      if (!/^[0-9]{5}$/.test(kreisschluessel)) throw steuerungErrors.kreisschluessel(kreisschluessel);
      return withServices(config, async (services) => {
        const tenant = await actingTenant(services, str(values.tenant));
        const r = await services.steuerung.kosten.simulateJoin({
          principal: cliPrincipal(tenant),
          kreisschluessel,
          name: str(values.name),
          art: art as SchluesselArt,
          poolCent,
        });
        if (values.json) {
          console.log(json(r));
          return 0;
        }
        const n = r.mitglieder.length;
        console.log(
          `Beitritt ${r.name} (${r.kreisschluessel}): ${n - 1} → ${n} Mitglieder, Schlüssel „${r.art}“, Kostenpool ${euro(r.poolCent)}` +
            (r.aenderung
              ? `\nLaut ${r.aenderung.nummer}. Änderung der Zweckvereinbarung (${r.aenderung.drucksache}, beschlossen ${r.aenderung.beschlossenAm}).`
              : ''),
        );
        console.log(
          `\n${pad('Mitglied', 32)}${padL('vorher', 16)}${padL('nachher', 16)}${padL('Ersparnis', 16)}`,
        );
        for (const m of r.mitglieder)
          console.log(
            pad(`${m.name}${m.neu ? ' (neu)' : ''}`, 32) +
              padL(m.vorherCent === null ? '–' : euro(m.vorherCent), 16) +
              padL(euro(m.nachherCent), 16) +
              padL(m.ersparnisCent === null ? '–' : euro(m.ersparnisCent), 16),
          );
        if (r.breakEvenCent !== null)
          console.log(
            `\nBreak-even: Bringt ${r.name} bis zu ${euro(r.breakEvenCent)} zusätzliche Kosten mit (Pool danach ${euro(r.poolCent + r.breakEvenCent)}), zahlt kein bisheriges Mitglied mehr als vorher; darunter spart jedes.`,
          );
        for (const a of r.annahmen) console.log(`Annahme: ${a}`);
        return 0;
      });
    },
  },
  'steuerung nachnutzung': {
    synopsis: '[--stichtag <JJJJ-MM-TT>] [--tenant <id>] [--json]',
    description:
      'Zeigt die geteilten Bausteine je Art mit Eigentümer, wie viele Mitglieder sie nutzen (aktiviert und in den letzten 90 Tagen genutzt) und den Nachnutzungsgrad.',
    options: { stichtag: { type: 'string' }, tenant: { type: 'string' }, json: { type: 'boolean' } },
    run: ({ values, config }) => {
      const stichtag = str(values.stichtag);
      if (stichtag !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(stichtag))
        throw steuerungErrors.datum(stichtag);
      return withServices(config, async (services) => {
        const tenant = await actingTenant(services, str(values.tenant));
        const m = await services.steuerung.nachnutzung.matrix({ principal: cliPrincipal(tenant), stichtag });
        if (values.json) {
          console.log(json(m));
          return 0;
        }
        const namen = new Map(m.mitglieder.map((b) => [b.id, b.name]));
        console.log(
          `Nachnutzung am ${m.stichtag}: ${m.genutzt} von ${m.moeglich} möglichen Nutzungen = ${m.prozent ?? '–'} %`,
        );
        for (const art of m.arten) {
          const zeilen = m.zeilen.filter((z) => z.artefakt.art === art.art);
          if (zeilen.length === 0) continue;
          console.log(`\n${art.label} (${zeilen.length})`);
          for (const z of zeilen) {
            const nutzer = z.zellen.filter((c) => c.zelle === 'genutzt').length;
            const andere = z.zellen.filter((c) => c.zelle !== 'eigentuemer').length;
            console.log(
              `  ${pad(z.artefakt.label, 48)} ${pad(namen.get(z.artefakt.ownerTenantId ?? '') ?? 'Verbund', 24)} genutzt von ${nutzer} / ${andere}`,
            );
          }
        }
        return 0;
      });
    },
  },
  ...STEUERUNG_BERICHT_COMMANDS,
};
