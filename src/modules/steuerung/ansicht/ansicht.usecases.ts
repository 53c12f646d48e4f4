import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import type { createAnbindungenZustandUsecases } from '../anbindungen/zustand.usecases.ts';
import { kostenRepository } from '../kosten/kosten.repository.ts';
import type { KostenUsecases } from '../kosten/kosten.usecases.ts';
import type { NachnutzungUsecases } from '../nachnutzung/nachnutzung.usecases.ts';
import { steuerungErrors } from '../steuerung.errors.ts';
import {
  type Abschnitt,
  createAbschnittRegister,
  type Kennzahl,
  type SteuerungKontext,
} from './abschnitte.ts';
import { anbindungenAbschnitt } from './anbindungen.abschnitt.ts';
import { ansichtRepository } from './ansicht.repository.ts';
import { antraegeAbschnitt } from './antraege.abschnitt.ts';
import { kostenAbschnitt } from './kosten.abschnitt.ts';
import { nachnutzungAbschnitt } from './nachnutzung.abschnitt.ts';

export type SteuerungBericht = {
  jahr: number;
  /** 'verbund': every county (Serviceteam); 'kreis': own county and Verbund totals. Decided by the database. */
  sicht: 'verbund' | 'kreis';
  /** When the figures were read; they are computed at that moment (aggregates plus the live tail). */
  stand: string;
  abschnitte: Abschnitt[];
};

/** The Steuerung pages' and API's one source: every section's figure tables for a caller and year. */
export function createSteuerungAnsicht(deps: {
  database: DatabaseHandle;
  kosten: KostenUsecases;
  nachnutzung: NachnutzungUsecases;
  anbindungen: ReturnType<typeof createAnbindungenZustandUsecases>;
}) {
  const { database } = deps;
  const mitglieder = () => kostenRepository.listMitglieder(database.db);
  const register = createAbschnittRegister([
    kostenAbschnitt({ kosten: deps.kosten, mitglieder }),
    nachnutzungAbschnitt(deps),
    antraegeAbschnitt(deps),
    anbindungenAbschnitt(deps),
  ]);

  async function kontext(principal: Principal, jahr: number): Promise<SteuerungKontext> {
    if (!Number.isInteger(jahr) || jahr < 2000 || jahr > 2100) throw steuerungErrors.jahr(String(jahr));
    const [verbundsicht, liste, beispiel] = await Promise.all([
      ansichtRepository.verbundsicht({ database, principal }),
      mitglieder(),
      ansichtRepository.beispieldaten({ database }),
    ]);
    return {
      principal,
      jahr,
      verbundsicht,
      namen: new Map(liste.map((m) => [m.id, m.name])),
      beispiel: (...bereiche) => {
        const texte = bereiche.flatMap((b) => (beispiel.has(b) ? [beispiel.get(b) as string] : []));
        return texte.length ? `Beispieldaten: ${texte.join(' ')}` : undefined;
      },
    };
  }

  async function bericht({
    principal,
    jahr,
  }: {
    principal: Principal;
    jahr: number;
  }): Promise<SteuerungBericht> {
    const k = await kontext(principal, jahr);
    const stand = new Date().toISOString();
    // Two sections at a time (one per core of the reference machine), each in its own audited
    // transaction: at most two pooled connections per page, shared with every other request.
    const quellen = register.alle();
    const abschnitte: Abschnitt[] = new Array(quellen.length);
    let naechste = 0;
    const strang = async () => {
      for (let i = naechste++; i < quellen.length; i = naechste++) {
        const quelle = quellen[i]!;
        abschnitte[i] = { key: quelle.key, titel: quelle.titel, ...(await quelle.laden(k)) };
      }
    };
    await Promise.all([strang(), strang()]);
    return { jahr, sicht: k.verbundsicht ? 'verbund' : 'kreis', stand, abschnitte };
  }

  return {
    /** Sections of other parts of the module (Reifegrad, Fördermittel) join the page and the API. */
    registriereAbschnitt: register.register,
    bericht,
    /** One figure table by its key (for CSV/XLSX and the API); 404 when the caller has no such figure. */
    async kennzahl({
      principal,
      jahr,
      key,
    }: {
      principal: Principal;
      jahr: number;
      key: string;
    }): Promise<Kennzahl> {
      // Only the section the key belongs to is read, not the whole report.
      const quelle = register.zu(key);
      const treffer = quelle
        ? (await quelle.laden(await kontext(principal, jahr))).kennzahlen.find((x) => x.key === key)
        : undefined;
      if (!treffer) throw steuerungErrors.kennzahlUnbekannt(key);
      return treffer;
    },
  };
}

export type SteuerungAnsicht = ReturnType<typeof createSteuerungAnsicht>;
