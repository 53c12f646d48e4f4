import { createHash } from 'node:crypto';

// The rules of an amendment of the Zweckvereinbarung (ThürKGG §§ 11–13), as pure functions.

export type AenderungStatus =
  | 'in_beratung'
  | 'blockiert'
  | 'gescheitert'
  | 'beschlossen'
  | 'genehmigt'
  | 'unterzeichnet'
  | 'bekanntgemacht'
  | 'wirksam';

export type Beteiligung = {
  status: 'offen' | 'beschlossen' | 'abgelehnt';
  beschlosseneFassung: string | null;
  beschlossenAm: string | null;
  unterzeichnetAm: string | null;
};

export type AenderungStand = {
  wortlautSha256: string;
  genehmigungspflichtig: boolean;
  genehmigtAm: string | null;
  bekanntgemachtAm: string | null;
  benanntesWirksamkeitsdatum: string | null;
  vollzogen: boolean;
  /** Once failed, an amendment stays failed (a new one is needed). */
  gescheitert: boolean;
};

/** SHA-256 of the text (UTF-8), hex: the version a Kreistag resolves. */
export const wortlautHash = (wortlaut: string) => createHash('sha256').update(wortlaut, 'utf8').digest('hex');

/** The text that names the version in a county's Beschlussvorschlag; `fassungIn` reads it back. */
export const fassungsVermerk = (hash: string) => `Fassung SHA-256 ${hash}`;
export const fassungIn = (beschlussvorschlag: string | null) =>
  /SHA-256\s+([0-9a-f]{64})/i.exec(beschlussvorschlag ?? '')?.[1]?.toLowerCase() ?? null;

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const latest = (dates: Array<string | null>) =>
  dates.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

/** Every party resolved the current version and none rejected. */
export const allResolved = (stand: AenderungStand, parteien: Beteiligung[]) =>
  parteien.length > 0 &&
  parteien.every((p) => p.status === 'beschlossen' && p.beschlosseneFassung === stand.wortlautSha256);
export const allSigned = (parteien: Beteiligung[]) => parteien.every((p) => p.unterzeichnetAm !== null);

/**
 * The day the amendment takes effect (§ 12 ThürKGG), or null while it cannot be known: with a
 * Genehmigung requirement, the day after the Aufsichtsbehörde's Bekanntmachung unless the
 * amendment names another day; without one, once all parties have resolved and signed (the day of
 * the last of these acts, or the named day).
 */
export function wirksamAb(stand: AenderungStand, parteien: Beteiligung[]): string | null {
  if (stand.gescheitert || !allResolved(stand, parteien)) return null;
  if (stand.genehmigungspflichtig) {
    if (!stand.genehmigtAm || !stand.bekanntgemachtAm) return null;
    return stand.benanntesWirksamkeitsdatum ?? nextDay(stand.bekanntgemachtAm);
  }
  if (!allSigned(parteien)) return null;
  const completed = latest([
    ...parteien.map((p) => p.beschlossenAm),
    ...parteien.map((p) => p.unterzeichnetAm),
  ])!;
  const named = stand.benanntesWirksamkeitsdatum;
  return named && named > completed ? named : completed;
}

/** Where the amendment stands, from its parties' Beratungen and the recorded acts. */
export function aenderungStatus(stand: AenderungStand, parteien: Beteiligung[]): AenderungStatus {
  if (stand.gescheitert || parteien.some((p) => p.status === 'abgelehnt')) return 'gescheitert';
  if (stand.vollzogen) return 'wirksam';
  const otherVersion = parteien.some(
    (p) => p.status === 'beschlossen' && p.beschlosseneFassung !== stand.wortlautSha256,
  );
  if (otherVersion) return 'blockiert';
  if (!allResolved(stand, parteien)) return 'in_beratung';
  if (stand.genehmigungspflichtig) {
    if (stand.bekanntgemachtAm) return 'bekanntgemacht';
    return stand.genehmigtAm ? 'genehmigt' : 'beschlossen';
  }
  return allSigned(parteien) ? 'unterzeichnet' : 'beschlossen';
}

/** A cost key: shares in percent per member, summing to 100 (two decimals). */
export function kostenschluesselFehler(key: Record<string, number>): string | null {
  const sum = Object.values(key).reduce((a, b) => a + b, 0);
  if (Object.keys(key).length === 0) return 'Der Kostenschlüssel nennt keinen Landkreis.';
  if (Math.abs(sum - 100) > 0.005)
    return `Die Anteile des Kostenschlüssels ergeben ${sum.toLocaleString('de-DE')} % statt 100 %.`;
  return null;
}

export const STATUS_LABEL: Record<AenderungStatus, string> = {
  in_beratung: 'in Beratung',
  blockiert: 'blockiert (abweichende Fassung beschlossen)',
  gescheitert: 'gescheitert (abgelehnt)',
  beschlossen: 'von allen beschlossen',
  genehmigt: 'genehmigt',
  unterzeichnet: 'beschlossen und unterzeichnet',
  bekanntgemacht: 'bekanntgemacht',
  wirksam: 'wirksam',
};
