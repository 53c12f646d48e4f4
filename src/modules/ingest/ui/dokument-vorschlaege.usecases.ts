import type { Principal } from '../../../platform/http/principal.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { createMetadatenUsecases } from '../metadaten/metadaten.usecases.ts';
import { loadOcrRecords } from '../ocr/ocr.repository.ts';
import type { PosteingangPagesDeps } from './posteingang-ui.deps.ts';

type Deps = Pick<PosteingangPagesDeps, 'database' | 'records' | 'ablagevorschlaege'>;

export type Vorschlag = { id: string; label: string; href?: string; konfidenz: number; aktuell: boolean };

/** null when the E-Akte does not let the principal see the object (or it is gone): never shown. */
const visibleOr = async <T>(work: () => Promise<T>) =>
  work().catch((error) => {
    if (toAppError(error).status === 404) return null;
    throw error;
  });

/**
 * What the Posteingang adds to a document's page: the OCR state of each version, the metadata
 * suggested from its text (with the text around each find), and the filing suggestions of the
 * county's model above its threshold, each named by what the principal may see.
 */
export async function loadDokumentVorschlaege(
  deps: Deps,
  { principal, id }: { principal: Principal; id: string },
) {
  const metadaten = createMetadatenUsecases({
    database: deps.database,
    dokumente: deps.records.dokumente,
    aktenplan: deps.records.aktenplan,
  });
  const dokument = await deps.records.dokumente.get(principal, id);
  const [ocr, { text }, vorschlaege] = await Promise.all([
    deps.database.withTenant(principal.tenantId, (trx) => loadOcrRecords(trx, id)),
    deps.records.dokumente.text(principal, id),
    metadaten.suggestions(principal, id),
  ]);
  const ablage = text
    ? await deps.ablagevorschlaege.suggest({
        tenantId: principal.tenantId,
        titel: dokument.titel,
        text,
        dokumentId: id,
      })
    : null;
  const einheit = ablage?.einheit
    ? await visibleOr(() => deps.records.aktenplan.getUnit(principal, ablage.einheit!.klasse))
    : null;
  const vorgang = ablage?.vorgang
    ? await visibleOr(() => deps.records.vorgaenge.getVorgang(principal, ablage.vorgang!.klasse))
    : null;
  return {
    dokument,
    ocr,
    text: text ?? '',
    metadaten: vorschlaege,
    ablage: {
      gelernt: Boolean(ablage),
      einheit:
        einheit && ablage?.einheit
          ? ({
              id: einheit.id,
              label: `${einheit.kennzeichen} ${einheit.titel}`,
              konfidenz: ablage.einheit.konfidenz,
              aktuell: false,
            } satisfies Vorschlag)
          : null,
      vorgang:
        vorgang && ablage?.vorgang
          ? ({
              id: vorgang.id,
              label: `${vorgang.aktenzeichen} – ${vorgang.betreff}`,
              href: `/vorgaenge/${vorgang.id}`,
              konfidenz: ablage.vorgang.konfidenz,
              aktuell: vorgang.id === dokument.vorgangId,
            } satisfies Vorschlag)
          : null,
      art: ablage?.art
        ? ({
            id: ablage.art.klasse,
            label: ablage.art.klasse,
            konfidenz: ablage.art.konfidenz,
            aktuell: ablage.art.klasse === dokument.art,
          } satisfies Vorschlag)
        : null,
    },
  };
}

export type DokumentVorschlaege = Awaited<ReturnType<typeof loadDokumentVorschlaege>>;
