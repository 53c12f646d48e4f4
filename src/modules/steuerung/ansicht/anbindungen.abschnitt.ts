import type { DatabaseHandle } from '../../../platform/database/database.ts';
import {
  type StatusZelle,
  statusrasterTabelle as statusTabelle,
} from '../../../platform/ui/charts/charts.ts';
import type { createAnbindungenZustandUsecases } from '../anbindungen/zustand.usecases.ts';
import type { AbschnittQuelle, SteuerungKontext } from './abschnitte.ts';
import { ansichtRepository } from './ansicht.repository.ts';

const prozent = (q: number | null) => (q === null ? '–' : `${String(q).replace('.', ',')} %`);
const zeitpunkt = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }) : 'noch nie';

/** Connector health: a status grid connector × county (counties as far as the database shows them). */
export function anbindungenAbschnitt({
  database,
  anbindungen,
}: {
  database: DatabaseHandle;
  anbindungen: ReturnType<typeof createAnbindungenZustandUsecases>;
}): AbschnittQuelle {
  return {
    key: 'anbindungen',
    titel: 'Anbindungen (Zustellung an Fachverfahren)',
    reihenfolge: 40,
    async laden(k: SteuerungKontext) {
      const [alle, namen] = await Promise.all([
        anbindungen.zustand({ principal: k.principal }),
        ansichtRepository.connectorNamen({ database }),
      ]);
      // The database already returns a county only its own rows (0044); kept here as a second guard.
      const zustaende = alle.filter((z) => k.verbundsicht || z.tenantId === k.principal.tenantId);
      const connectoren = [...new Set(zustaende.map((z) => z.connectorId))].sort();
      const kreise = [...new Set(zustaende.map((z) => z.tenantId))].sort((a, b) =>
        (k.namen.get(a) ?? a).localeCompare(k.namen.get(b) ?? b, 'de'),
      );
      const zellen = connectoren.map((c) =>
        kreise.map((t): StatusZelle | null => {
          const z = zustaende.find((x) => x.connectorId === c && x.tenantId === t);
          if (!z) return null;
          return {
            status: z.ampel,
            kurz:
              z.quote24h === null
                ? z.aktiv
                  ? 'keine Zustellung'
                  : 'inaktiv'
                : `${prozent(z.quote24h)} (24 h)`,
            text: `Erfolg 24 h ${prozent(z.quote24h)}, 7 Tage ${prozent(z.quote7d)}; letzter Erfolg ${zeitpunkt(z.letzterErfolg)}; ${z.tot} unzustellbar, ${z.fehlerhaft} im Wiederholversuch; p95 ${z.p95Ms === null ? '–' : `${Math.round(z.p95Ms)} ms`}`,
          };
        }),
      );
      const modell = {
        titel: 'Zustand der Anbindungen je Landkreis',
        zeilen: connectoren.map((c) => namen.get(c) ?? c),
        spalten: kreise.map((t) => k.namen.get(t) ?? t),
        zellen,
        hinweis: k.beispiel('zustellungen', 'fachverfahren'),
      };
      return {
        kennzahlen: [
          {
            key: 'anbindungen-zustand',
            beschreibung:
              'Ampel je Anbindung und Landkreis: rot, sobald eine Zustellung gerade scheitert oder unzustellbar ist; gelb unter 95 % Erfolg in 24 Stunden; grau ohne Aktivierung oder Zustellung; sonst grün. Jede Zelle nennt die Erfolgsquote.',
            darstellung: { art: 'status', modell, zeilenTitel: 'Anbindung' },
            leer: 'Noch keine Anbindung aktiviert.',
            tabelle: statusTabelle(modell),
          },
        ],
      };
    },
  };
}
