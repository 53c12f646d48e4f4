/**
 * The OZG maturity model (Reifegradmodell 1.x, BMI/IT-Planungsrat, OZG-Leitfaden): levels 0–4 and
 * the ten criteria of its Reifegrad-Check. A Leistung's level is the minimum over its criteria; a
 * criterion that does not apply (e.g. no fee → no payment) does not limit it; a criterion nobody
 * has recorded and the platform cannot derive counts as 0 (the check is only valid when every
 * question is answered).
 */
export const STUFEN = [
  { stufe: 0, name: 'Offline', text: 'Keine Informationen zur Leistung online.' },
  { stufe: 1, name: 'Information', text: 'Informationen zur Leistung online.' },
  {
    stufe: 2,
    name: 'Formular-Assistent',
    text: 'Online-Unterstützung beim Ausfüllen des Antrags; eingereicht wird nicht online.',
  },
  {
    stufe: 3,
    name: 'Online-Leistung',
    text: 'Beantragung einschließlich aller Nachweise online, Bescheid digital möglich.',
  },
  {
    stufe: 4,
    name: 'Online-Transaktion',
    text: 'Vollständig digital; Nachweise nach dem Once-Only-Prinzip aus Registern.',
  },
] as const;

export type Stufe = 0 | 1 | 2 | 3 | 4;

/** The ten criteria; `optional`: „falls erforderlich“ in the Reifegrad-Check. */
export const KRITERIEN = [
  { key: 'leistungsbeschreibung', nr: 1, name: 'Leistungsbeschreibung', optional: false },
  { key: 'antragsprozess', nr: 2, name: 'Antragsprozess und Kontextintegration', optional: false },
  { key: 'nutzerkonto', nr: 3, name: 'Nutzerkonto', optional: true },
  { key: 'authentifizierung', nr: 4, name: 'Authentifizierung', optional: true },
  { key: 'bezahlung', nr: 5, name: 'Bezahlprozess', optional: true },
  { key: 'nachweise', nr: 6, name: 'Nachweise', optional: true },
  { key: 'schriftform', nr: 7, name: 'Schriftform und Signatur', optional: true },
  { key: 'bescheid', nr: 8, name: 'Bescheid und Rückkanal', optional: false },
  { key: 'statusinformation', nr: 9, name: 'Statusinformation', optional: false },
  { key: 'once_only', nr: 10, name: 'Once-Only (Datenübernahme, Nachweisabruf)', optional: false },
] as const;

export type KriteriumKey = (typeof KRITERIEN)[number]['key'];
export const KRITERIUM_KEYS = KRITERIEN.map((k) => k.key) as [KriteriumKey, ...KriteriumKey[]];
export const isKriterium = (value: string): value is KriteriumKey =>
  (KRITERIUM_KEYS as string[]).includes(value);

/** A criterion's value: a level, or „entfällt“ (does not apply). */
export type KriteriumWert = { stufe: Stufe } | { entfaellt: true };

export type KriteriumStand = {
  key: KriteriumKey;
  name: string;
  erfasst: KriteriumWert | null;
  abgeleitet: Stufe | null;
  /** recorded wins over derived: the county knows what the platform cannot see */
  wirksam: KriteriumWert | null;
  quelle: 'erfasst' | 'abgeleitet' | 'offen';
};

/** Facts about a Leistung in a county, read from the platform's own data (the repository gives 0 or 1: only "is there one" derives a criterion). */
export type PlattformFakten = {
  aktiv: boolean;
  mitBeschreibung: boolean;
  mitFormular: boolean;
  onlineAntraege: number;
  antraegeMitNachweis: number;
  digitaleBescheide: number;
  statusNachrichten: number;
};

/**
 * What the platform itself shows: an active Leistung with a text is described online (1); with a
 * FIM form the portal takes the Antrag online (3); uploaded Nachweise, a Bescheid as message and
 * status messages in real Anträge lift those criteria to 3. Nothing derives 4 (Once-Only needs
 * register access the platform does not have) and nothing is derived for an inactive Leistung.
 */
export function ableiten(f: PlattformFakten): Partial<Record<KriteriumKey, Stufe>> {
  if (!f.aktiv) return {};
  const out: Partial<Record<KriteriumKey, Stufe>> = {};
  if (f.mitBeschreibung) out.leistungsbeschreibung = 1;
  if (f.mitFormular) out.antragsprozess = 3;
  if (f.mitFormular && f.antraegeMitNachweis > 0) out.nachweise = 3;
  if (f.digitaleBescheide > 0) out.bescheid = 3;
  if (f.statusNachrichten > 0) out.statusinformation = 3;
  return out;
}

export function kriterienStand({
  erfasst,
  abgeleitet,
}: {
  erfasst: Partial<Record<KriteriumKey, KriteriumWert>>;
  abgeleitet: Partial<Record<KriteriumKey, Stufe>>;
}): KriteriumStand[] {
  return KRITERIEN.map((k) => {
    const e = erfasst[k.key] ?? null;
    const a = abgeleitet[k.key] ?? null;
    const wirksam: KriteriumWert | null = e ?? (a === null ? null : { stufe: a });
    return {
      key: k.key,
      name: k.name,
      erfasst: e,
      abgeleitet: a,
      wirksam,
      quelle: e ? 'erfasst' : a !== null ? 'abgeleitet' : 'offen',
    };
  });
}

/** The level: minimum over the criteria that apply; open ones count 0; all „entfällt“ → 4. */
export function reifegrad(kriterien: Array<{ wirksam: KriteriumWert | null }>): Stufe {
  let min: Stufe = 4;
  for (const k of kriterien) {
    const wert = k.wirksam;
    if (wert && 'entfaellt' in wert) continue;
    const stufe = wert ? wert.stufe : 0;
    if (stufe < min) min = stufe;
  }
  return min;
}

export const istOnline = (stufe: number) => stufe >= 2;
export const istOzgKonform = (stufe: number) => stufe >= 3;
export const stufenName = (stufe: number) => STUFEN[stufe]?.name ?? `Stufe ${stufe}`;

/** Table model for „Leistungen nach Reifegrad je Landkreis“: a row per county, a column per level. */
export function reifegradTabelle(
  zeilen: Array<{ tenantId: string; name: string }>,
  zahlen: Array<{ tenantId: string; stufe: number; leistungen: number }>,
) {
  return zeilen.map((z) => {
    const je = STUFEN.map(
      (s) => zahlen.find((n) => n.tenantId === z.tenantId && n.stufe === s.stufe)?.leistungen ?? 0,
    );
    const gesamt = je.reduce((a, b) => a + b, 0);
    const online = je.slice(2).reduce((a, b) => a + b, 0);
    const konform = je.slice(3).reduce((a, b) => a + b, 0);
    return { tenantId: z.tenantId, name: z.name, jeStufe: je, gesamt, online, ozgKonform: konform };
  });
}
