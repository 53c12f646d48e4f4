import {
  DATEIFORMAT_LIST_VERSION,
  DATEIFORMAT_SONSTIGES,
  dateiformat,
  formatVersion,
  safeFileName,
} from './xdomea.dateiformat.ts';
import type { XdomeaAkte, XdomeaDokument, XdomeaVorgang } from './xdomea.export.models.ts';
import {
  code,
  el,
  MEDIUM_ELEKTRONISCH,
  text,
  textRequired,
  xdomeaUuid,
  xsDate,
  xsDateTime,
} from './xdomea.xml.ts';

const DOKUMENT_TYP = { eingang: 'Eingang', ausgang: 'Ausgang', intern: 'Intern' } as const;

export type PrimaryFile = { dateiname: string; bytes: Uint8Array };

/** One Dokument (DokumentType) with a Version per stored version, each with its primary file. */
function dokumentXml(dokument: XdomeaDokument, position: number, files: PrimaryFile[], used: Set<string>) {
  const uuid = xdomeaUuid(dokument.id);
  const versionen = [...dokument.versionen].sort((a, b) => a.version - b.version);
  const versionXml = versionen.map((version) => {
    const format = dateiformat(version.dateiname, version.mime);
    // stringDateinameType demands a leading UUID; the document's UUID plus the version keeps names unique.
    let dateiname = `${uuid}_v${version.version}_${safeFileName(version.dateiname, format.extension)}`;
    for (let n = 2; used.has(dateiname.toLowerCase()); n++)
      dateiname = `${uuid}_v${version.version}-${n}_${safeFileName(version.dateiname, format.extension)}`;
    used.add(dateiname.toLowerCase());
    files.push({ dateiname, bytes: version.bytes });
    const sonstigerName =
      format.code === DATEIFORMAT_SONSTIGES ? text('SonstigerName', version.mime || format.extension) : null;
    return el(
      'Version',
      textRequired('Nummer', String(version.version)),
      el(
        'Format',
        code('Name', 'urn:xoev-de:xdomea:codeliste:dateiformat', DATEIFORMAT_LIST_VERSION, format.code),
        sonstigerName,
        textRequired('Version', formatVersion(version.bytes)),
        el(
          'Primaerdokument',
          textRequired('Dateiname', dateiname),
          text('DateinameOriginal', version.dateiname),
          text('DatumUhrzeit', xsDateTime(version.erstellt)),
        ),
      ),
    );
  });
  return el(
    'Dokument',
    el(
      'Identifikation',
      textRequired('ID', uuid),
      textRequired('NummerImUebergeordnetenContainer', String(position)),
    ),
    el('AllgemeineMetadaten', text('Betreff', dokument.titel), MEDIUM_ELEKTRONISCH),
    text('DatumDesSchreibens', xsDate(dokument.datum)),
    text('Typ', DOKUMENT_TYP[dokument.art]),
    ...versionXml,
  );
}

function aktenplaneinheitXml(akte: XdomeaAkte) {
  return el(
    'Aktenplaneinheit',
    text('Kennzeichen', akte.kennzeichen),
    text('Inhaltsangabe', akte.aktenplanTitel),
  );
}

/** One Vorgang (VorgangType); the status has no xdomea element, it travels as Bemerkung. */
function vorgangXml(
  akte: XdomeaAkte,
  vorgang: XdomeaVorgang,
  position: number,
  files: PrimaryFile[],
  used: Set<string>,
) {
  const beginn = xsDate(vorgang.eingangsdatum);
  const abgeschlossen = vorgang.status === 'abgeschlossen';
  return el(
    'Vorgang',
    el(
      'Identifikation',
      textRequired('ID', xdomeaUuid(vorgang.id)),
      textRequired('NummerImUebergeordnetenContainer', String(position)),
    ),
    el(
      'AllgemeineMetadaten',
      text('Betreff', vorgang.betreff),
      text('Kennzeichen', vorgang.aktenzeichen),
      text('Bemerkung', vorgang.status ? `Bearbeitungsstatus: ${vorgang.status}` : null),
      MEDIUM_ELEKTRONISCH,
      aktenplaneinheitXml(akte),
    ),
    text('Aktenbetreff', akte.titel),
    textRequired('ZdA', abgeschlossen ? '1' : '0'),
    beginn ? el('Laufzeit', text('Beginn', beginn)) : null,
    ...vorgang.dokumente.map((d, i) => dokumentXml(d, i + 1, files, used)),
  );
}

/** The Akte (AkteType) with the handed-over Vorgänge as its Akteninhalt. */
export function akteMitInhaltXml(
  akte: XdomeaAkte,
  vorgaenge: XdomeaVorgang[],
  files: PrimaryFile[],
  used: Set<string>,
) {
  const beginn = xsDate(akte.createdAt);
  const ende = xsDate(akte.closedAt);
  return el(
    'Akte',
    el('Identifikation', textRequired('ID', xdomeaUuid(akte.id))),
    el(
      'AllgemeineMetadaten',
      text('Betreff', akte.titel),
      text('Kennzeichen', akte.aktenzeichen),
      MEDIUM_ELEKTRONISCH,
      aktenplaneinheitXml(akte),
    ),
    beginn || ende ? el('Laufzeit', text('Beginn', beginn), text('Ende', ende)) : null,
    vorgaenge.length > 0
      ? el('Akteninhalt', ...vorgaenge.map((v, i) => vorgangXml(akte, v, i + 1, files, used)))
      : null,
    textRequired('ZdA', akte.closedAt ? '1' : '0'),
    text('ZdADatum', ende),
  );
}
