import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import type { ScreenUpload } from '../../ingest/ingest.module.ts';
import { fileFields, setAtPath } from '../formulare/form-data.models.ts';
import { validateFormData } from '../formulare/form-validation.models.ts';
import type { FormulareUsecases } from '../formulare/formulare.usecases.ts';
import { filingActivation } from '../leistungen/aktivierungen.models.ts';
import { leistungErrors } from '../leistungen/leistungen.errors.ts';
import { LEISTUNG_ID } from '../leistungen/leistungen.models.ts';
import type { LeistungenUsecases } from '../leistungen/leistungen.usecases.ts';
import { antragErrors } from './antraege.errors.ts';
import { type AntragFile, emailOf } from './antraege.models.ts';
import { nextAntragNummer } from './antraege.repository.ts';
import { type AntragForRender, renderAntragXml } from './antrag.render.ts';
import { receiptMail } from './antrag-mails.models.ts';
import { executeSubmission, isStaleActivation } from './submission.repository.ts';
import { newTrackingCode, trackingHash } from './tracking-code.models.ts';

export type SubmitInput = {
  leistung: string;
  gemeinde: string;
  daten: unknown;
  files: AntragFile[];
  quelle: 'portal' | 'api';
  actor: string;
  /** Portal drafts validate against the version the citizen started with. */
  formularVersionId?: string | null;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** Attachments answer file fields (by path) or are additional (field null); each is noted in the data. */
function attachFiles(data: Record<string, unknown>, files: AntragFile[], knownFileFields: Set<string>) {
  files.forEach((file, i) => {
    if (!file.field) return;
    if (!knownFileFields.has(file.field.replace(/\[\d+\]/g, '')))
      throw antragErrors.unknownFileField(file.field);
    if (!setAtPath(data, file.field, { anlage: i + 1, dateiname: file.fileName }))
      throw antragErrors.badFileField(file.field);
  });
}

/** Submitting an Antrag (API and portal). */
export function createEinreichenUsecase({
  database,
  blobs,
  leistungen,
  formulare,
  mailEnabled,
  screenUpload,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
  leistungen: LeistungenUsecases;
  formulare: FormulareUsecases;
  mailEnabled: boolean;
  /** The virus scan of the attachments before anything is filed (issue 14). */
  screenUpload?: ScreenUpload;
}) {
  /**
   * Submits an Antrag: validates it against the service's form, then — in one transaction of the
   * responsible county — creates the Vorgang in the service's Akte, files the data (JSON, XML) and
   * the attachments as documents, records the Antrag with its FIT-Connect metadata, and queues the
   * PDF/A rendition and the e-mail notice. All or nothing: nothing is acknowledged before commit.
   */
  return async function submit(input: SubmitInput) {
    const leistung = await leistungen.getLeistung(input.leistung);
    const { gemeinde, tenant } = await leistungen.resolveZustaendigkeit(input.gemeinde);
    const form = input.formularVersionId
      ? await formulare.formVersion(input.formularVersionId)
      : await formulare.currentForm(leistung);
    const definition = form?.definition ?? null;
    const data = isPlainObject(input.daten) ? structuredClone(input.daten) : {};
    if (input.daten !== undefined && !isPlainObject(input.daten)) throw antragErrors.datenNotObject();
    // Not offered by this county: say so before any field errors (re-checked in the transaction).
    if (!LEISTUNG_ID.test(leistung.id)) throw leistungErrors.notFound();
    const inactive = () =>
      leistungErrors.inactive({
        leistungId: leistung.id,
        leistungName: leistung.name,
        tenantId: tenant.id,
        tenantName: tenant.name,
      });
    if (!(await leistungen.activation(tenant.id, leistung.id))?.aktiv) throw inactive();
    // Infected attachments are refused (422) before anything is filed, audited in the county's chain.
    for (const file of input.files)
      await screenUpload?.({
        tenantId: tenant.id,
        actor: input.actor,
        source: input.quelle === 'api' ? 'antrag.api' : 'portal.upload',
        fileName: file.fileName,
        sha256: file.blob.sha256,
      });
    attachFiles(
      data,
      input.files,
      new Set(definition ? fileFields(definition.children).map((f) => f.path.replace(/\[\d+\]/g, '')) : []),
    );
    let value = data;
    if (definition) {
      const result = validateFormData(definition, data);
      if (result.errors.length > 0) throw antragErrors.invalid(result.errors);
      value = result.value;
    }
    const eingang = new Date();
    const nummer = `${tenant.kreisschluessel}-${eingang.getFullYear()}-${(await nextAntragNummer(database)).padStart(6, '0')}`;
    const trackingCode = newTrackingCode(tenant.kreisschluessel);
    const formular =
      form && definition ? { id: definition.id, version: form.version, title: definition.title } : null;
    const render: AntragForRender = {
      nummer,
      eingang,
      leistung: { name: leistung.name, leika: leistung.leika },
      gemeinde,
      zustaendig: tenant.name,
      formular,
      definition,
      daten: value,
      anlagen: input.files.map((f) => ({ dateiname: f.fileName, groesse: f.blob.size })),
    };
    const json = Buffer.from(
      JSON.stringify(
        {
          nummer,
          eingang: eingang.toISOString(),
          leistung: { id: leistung.id, leika: leistung.leika },
          gemeinde: gemeinde.ags,
          formular,
          daten: value,
        },
        null,
        2,
      ),
    );
    const xml = Buffer.from(renderAntragXml(render));
    const [jsonBlob, xmlBlob] = await Promise.all([blobs.put(json), blobs.put(xml)]);
    const email = emailOf(value, definition);
    const submission = {
      antragId: randomUUID(),
      vorgangId: randomUUID(),
      nummer,
      trackingHash: trackingHash(trackingCode),
      eingang,
      tenant,
      leistung,
      gemeinde,
      formularVersionId: form?.id ?? null,
      formular,
      daten: value,
      email,
      quelle: input.quelle,
      actor: input.actor,
      files: input.files,
      json: { bytes: json, blob: jsonBlob },
      xml: { blob: xmlBlob },
      mail:
        mailEnabled && email
          ? receiptMail({ to: email, nummer, leistung: leistung.name, zustaendig: tenant.name })
          : null,
      eingangText: `Ihr Antrag ist am ${eingang.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })} bei ${tenant.name} eingegangen.`,
    };
    // The cached activation first; if live data disagrees (changed within the cache time), once more
    // with what is in the database now.
    let metadata: Record<string, unknown> | undefined;
    for (const fresh of [false, true]) {
      const act = filingActivation(await leistungen.activation(tenant.id, leistung.id, { fresh }));
      if (!act) throw inactive();
      if (act.akte_status === 'zda') throw leistungErrors.akteClosed(tenant.name, leistung.name);
      try {
        metadata = await executeSubmission(database, submission, act);
        break;
      } catch (error) {
        if (!isStaleActivation(error)) throw error;
        if (fresh) throw inactive();
      }
    }
    return {
      id: submission.antragId,
      nummer,
      trackingCode,
      vorgangId: submission.vorgangId,
      zustaendig: tenant,
      leistung: { id: leistung.id, name: leistung.name, leika: leistung.leika },
      eingang: eingang.toISOString(),
      metadaten: metadata!,
    };
  };
}
