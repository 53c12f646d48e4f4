import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../../platform/http/principal.ts';
import { forbidden } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import { ensureVorlageAkteById } from '../anlagen/vorlage-akte.ts';
import type { GremienAblage } from '../dokumente/ablage-port.ts';
import { existingGremien } from '../gremien/gremien.repository.ts';
import { gremienErrors } from '../gremien.errors.ts';
import {
  NummernvorlageError,
  parseNummernvorlage,
  renderDrucksachenNr,
  STANDARD_NUMMERNVORLAGE,
  zaehlerOf,
} from './drucksachen-nr.models.ts';
import {
  type BeratungRow,
  findVorlage,
  insertVorlage,
  listVorlagen,
  loadBeratungsfolge,
  loadNummernvorlage,
  nextZaehler,
  reopenVorlage,
  replaceBeratungsfolge,
  saveNummernvorlage,
  setVorlageStatus,
  updateVorlage,
  type VorlageFields,
  type VorlageRow,
} from './vorlagen.repository.ts';

export type BeratungInput = { gremiumId: string; datum?: string | null; zustaendigkeit?: string };
export type VorlageInput = Partial<VorlageFields> & { beratungsfolge?: BeratungInput[] };

const EDITORS = ['sachbearbeitung', 'leitung', 'kreis-admin'] as const;

/** The API's view of a Vorlage with its Beratungsfolge. */
export function vorlageOf(row: VorlageRow, folge: BeratungRow[]) {
  return {
    id: row.id,
    drucksachenNr: row.drucksachen_nr,
    art: row.art,
    status: row.status,
    oeffentlich: row.oeffentlich,
    betreff: row.betreff,
    einreicher: row.einreicher,
    federfuehrendeOeId: row.federfuehrende_oe_id,
    einreichung: row.einreichung,
    beschlussvorschlag: row.beschlussvorschlag,
    begruendung: row.begruendung,
    unterzeichner: row.unterzeichner,
    freigegebenVon: row.freigegeben_von,
    freigegebenAm: row.freigegeben_am?.toISOString() ?? null,
    veroeffentlichtAm: row.veroeffentlicht_am?.toISOString() ?? null,
    akteId: row.akte_id,
    beratungsfolge: folge.map((b) => ({
      position: b.position,
      gremiumId: b.gremium_id,
      gremium: b.gremium,
      kuerzel: b.kuerzel,
      datum: b.datum,
      zustaendigkeit: b.zustaendigkeit,
    })),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
export type Vorlage = ReturnType<typeof vorlageOf>;

type PgError = { code?: string; constraint?: string };
/** Database refusals mapped to the module's errors (unique number, frozen number, unknown OE). */
function mapped(error: unknown, nr?: string): unknown {
  const pg = error as PgError;
  if (pg.code === '23505' && pg.constraint === 'vorlagen_tenant_id_drucksachen_nr_key')
    return gremienErrors.nummerTaken(nr ?? '');
  if (pg.code === '23514' && pg.constraint === 'vorlagen_nummer_eingefroren')
    return gremienErrors.nummerFrozen();
  if (pg.code === '23503' && pg.constraint?.includes('federfuehrende_oe')) return gremienErrors.unknownOe();
  return error;
}

async function checkBeratungsfolge(trx: TenantTrx, folge: BeratungInput[] | undefined) {
  if (!folge || folge.length === 0) return;
  const known = await existingGremien(
    trx,
    folge.map((b) => b.gremiumId),
  );
  const unknown = folge.map((b) => b.gremiumId).filter((id) => !known.has(id));
  if (unknown.length > 0) throw gremienErrors.unknownGremien(unknown);
}

const folgeRows = (folge: BeratungInput[]) =>
  folge.map((b) => ({
    gremiumId: b.gremiumId,
    datum: b.datum ?? null,
    zustaendigkeit: b.zustaendigkeit ?? 'entscheidung',
  }));

type NewVorlageInput = VorlageInput & { betreff: string; drucksachenNr?: string };

export function createVorlagenUsecases({
  database,
  ablage,
}: {
  database: DatabaseHandle;
  /** Files the Drucksache when the Vorlage is published (dokumente/ablegen.usecases.ts). */
  ablage: GremienAblage;
}) {
  const withVorlage = async (trx: TenantTrx, row: VorlageRow) =>
    vorlageOf(row, await loadBeratungsfolge(trx, [row.id]));

  return {
    /** The county's template of Drucksachen-Nr. (the standard one until it sets its own). */
    async getNummernvorlage(principal: Principal) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const vorlage = (await loadNummernvorlage(trx)) ?? STANDARD_NUMMERNVORLAGE;
        const now = new Date().getFullYear();
        return { vorlage, beispiel: renderDrucksachenNr(parseNummernvorlage(vorlage), 1, now) };
      });
    },

    async setNummernvorlage(principal: Principal, text: string) {
      if (!hasRole(principal, 'kreis-admin'))
        throw forbidden('kreis-admin required', 'Die Nummernvorlage ändert nur die Kreis-Administration.');
      let parsed: ReturnType<typeof parseNummernvorlage>;
      try {
        parsed = parseNummernvorlage(text);
      } catch (error) {
        if (error instanceof NummernvorlageError) throw gremienErrors.nummernvorlage(error.message);
        throw error;
      }
      return database.withTenant(principal.tenantId, async (trx) => {
        await saveNummernvorlage(trx, parsed.text);
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.nummernvorlage_gesetzt',
          objectType: 'drucksachen_schema',
          objectId: principal.tenantId,
          data: { vorlage: parsed.text },
        });
        return {
          vorlage: parsed.text,
          beispiel: renderDrucksachenNr(parsed, 1, new Date().getFullYear()),
        };
      });
    },

    /**
     * A new Vorlage with the next Drucksachen-Nr. of the county's template: drawn in the same
     * transaction as the insert, so concurrent creations get consecutive numbers and a failed one
     * leaves no gap.
     */
    async createVorlage(principal: Principal, input: NewVorlageInput) {
      if (!hasRole(principal, ...EDITORS)) throw forbidden();
      return database.withTenant(principal.tenantId, (trx) => createIn(trx, principal, input));
    },

    /** The same in the caller's transaction (the import files the Vorlage and its source as one). */
    async createVorlageIn(trx: TenantTrx, principal: Principal, input: NewVorlageInput) {
      if (!hasRole(principal, ...EDITORS)) throw forbidden();
      return createIn(trx, principal, input);
    },

    async getVorlage(principal: Principal, id: string) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const row = await findVorlage(trx, id);
        if (!row) throw gremienErrors.vorlageNotFound();
        return withVorlage(trx, row);
      });
    },

    async listVorlagen(principal: Principal, query: { status?: string; limit: number; offset: number }) {
      return database.withTenant(principal.tenantId, async (trx) => {
        const { rows, total } = await listVorlagen(trx, query);
        const folge = await loadBeratungsfolge(
          trx,
          rows.map((r) => r.id),
        );
        return {
          items: rows.map((r) =>
            vorlageOf(
              r,
              folge.filter((b) => b.vorlage_id === r.id),
            ),
          ),
          total,
        };
      });
    },

    /** Changes a Vorlage that is not published; its number only until publication (frozen then). */
    async updateVorlage(principal: Principal, id: string, input: VorlageInput & { drucksachenNr?: string }) {
      if (!hasRole(principal, ...EDITORS)) throw forbidden();
      return database.withTenant(principal.tenantId, async (trx) => {
        const current = await findVorlage(trx, id, { lock: true });
        if (!current) throw gremienErrors.vorlageNotFound();
        if (
          input.drucksachenNr !== undefined &&
          input.drucksachenNr !== current.drucksachen_nr &&
          current.veroeffentlicht_am
        )
          throw gremienErrors.nummerFrozen();
        if (current.status === 'veroeffentlicht' || current.status === 'zurueckgezogen')
          throw gremienErrors.notEditable(current.status);
        await checkBeratungsfolge(trx, input.beratungsfolge);
        const { beratungsfolge, ...fields } = input;
        // A change after the Freigabe needs a new one.
        const row = await updateVorlage(trx, id, fields).catch((error) => {
          throw mapped(error, input.drucksachenNr);
        });
        if (beratungsfolge) await replaceBeratungsfolge(trx, id, folgeRows(beratungsfolge));
        const reopened = current.status === 'freigegeben' ? await reopenVorlage(trx, id) : row;
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'gremien.vorlage_geaendert',
          objectType: 'vorlage',
          objectId: id,
          data: { felder: Object.keys(input).sort(), freigabeAufgehoben: current.status === 'freigegeben' },
        });
        return withVorlage(trx, reopened);
      });
    },

    /** Freigabe by the Leitung: the Vorlage may go to the council. */
    async freigeben(principal: Principal, id: string) {
      if (!hasRole(principal, 'leitung')) throw gremienErrors.freigabeForbidden();
      return transition(principal, id, 'freigegeben', ['entwurf']);
    },

    /** Publication: the number is frozen from now on; only a freigegebene Vorlage is published. */
    async veroeffentlichen(principal: Principal, id: string) {
      if (!hasRole(principal, 'leitung', 'sachbearbeitung')) throw forbidden();
      return transition(principal, id, 'veroeffentlicht', ['freigegeben']);
    },
  };

  async function createIn(trx: TenantTrx, principal: Principal, input: NewVorlageInput) {
    await checkBeratungsfolge(trx, input.beratungsfolge);
    const template = parseNummernvorlage((await loadNummernvorlage(trx)) ?? STANDARD_NUMMERNVORLAGE);
    const year = new Date().getFullYear();
    // An imported Vorlage keeps the number it was given (vorlage-import.usecases.ts); no draw.
    const drucksachenNr =
      input.drucksachenNr ??
      renderDrucksachenNr(template, await nextZaehler(trx, zaehlerOf(template, year)), year);
    const row = await insertVorlage(trx, {
      art: input.art ?? 'beschlussvorlage',
      oeffentlich: input.oeffentlich ?? true,
      betreff: input.betreff,
      einreicher: input.einreicher ?? null,
      federfuehrendeOeId: input.federfuehrendeOeId ?? null,
      einreichung: input.einreichung ?? null,
      beschlussvorschlag: input.beschlussvorschlag ?? null,
      begruendung: input.begruendung ?? null,
      unterzeichner: input.unterzeichner ?? null,
      drucksachenNr,
      createdBy: actorOf(principal),
    }).catch((error) => {
      throw mapped(error, drucksachenNr);
    });
    if (input.beratungsfolge) await replaceBeratungsfolge(trx, row.id, folgeRows(input.beratungsfolge));
    // Its own Akte in the county's E-Akte, in this transaction (anlagen/vorlage-akte.ts).
    const { akteId } = await ensureVorlageAkteById(trx, { id: row.id, actor: actorOf(principal) });
    await appendAuditEvent(trx, {
      actor: actorOf(principal),
      action: 'gremien.vorlage_angelegt',
      objectType: 'vorlage',
      objectId: row.id,
      data: { drucksachenNr, betreff: row.betreff, akteId },
    });
    return withVorlage(trx, { ...row, akte_id: akteId });
  }

  async function transition(
    principal: Principal,
    id: string,
    to: 'freigegeben' | 'veroeffentlicht',
    from: string[],
  ) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const current = await findVorlage(trx, id, { lock: true });
      if (!current) throw gremienErrors.vorlageNotFound();
      if (!from.includes(current.status))
        throw gremienErrors.wrongState(to === 'freigegeben' ? 'release' : 'publish', current.status);
      const row = await setVorlageStatus(trx, id, to, actorOf(principal));
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: to === 'freigegeben' ? 'gremien.vorlage_freigegeben' : 'gremien.vorlage_veroeffentlicht',
        objectType: 'vorlage',
        objectId: id,
        data: { drucksachenNr: row.drucksachen_nr },
      });
      if (to === 'veroeffentlicht')
        await ablage.drucksacheAblegen(trx, { vorlageId: id, actor: actorOf(principal) });
      return withVorlage(trx, row);
    });
  }
}

export type VorlagenUsecases = ReturnType<typeof createVorlagenUsecases>;
