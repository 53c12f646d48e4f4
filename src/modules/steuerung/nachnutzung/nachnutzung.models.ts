/** Reuse (Nachnutzung) of shared artifacts by the members: pure rules, unit-tested. */

export type Artefakt = { art: string; id: string; label: string; ownerTenantId: string | null; seit: string };
export type Nutzung = {
  art: string;
  artefaktId: string;
  tenantId: string;
  aktiviertAm: string;
  zuletztGenutzt: string | null;
  /** First days (YYYY-MM-01) of the months with a use. */
  monate: string[];
};
export type Beteiligt = { id: string; name: string; mitgliedSeit: string; mitgliedBis?: string | null };
export type Zelle = 'eigentuemer' | 'genutzt' | 'aktiviert' | 'nicht';

/** A use counts when the artifact is activated and was used in the 90 days up to the day. */
export const NUTZUNG_TAGE = 90;
const TAG = 86_400_000;
const schluessel = (art: string, id: string, tenantId: string) => `${art}\u0000${id}\u0000${tenantId}`;
const mitgliedAm = (m: Beteiligt, tag: string) =>
  m.mitgliedSeit <= tag && (!m.mitgliedBis || m.mitgliedBis > tag);

/** Uses by non-owners / possible uses (each artifact × each member other than its owner). */
export function grad(genutzt: number, moeglich: number) {
  return { genutzt, moeglich, prozent: moeglich === 0 ? null : Math.round((genutzt / moeglich) * 1000) / 10 };
}

/** The matrix artifact × member on a day, with the Nachnutzungsgrad of that day. */
export function matrix({
  artefakte,
  mitglieder,
  nutzungen,
  stichtag,
}: {
  artefakte: Artefakt[];
  mitglieder: Beteiligt[];
  nutzungen: Nutzung[];
  stichtag: string;
}) {
  const index = new Map(nutzungen.map((n) => [schluessel(n.art, n.artefaktId, n.tenantId), n]));
  const grenze = new Date(Date.parse(`${stichtag}T23:59:59.999Z`) - NUTZUNG_TAGE * TAG).toISOString();
  const dabei = mitglieder.filter((m) => mitgliedAm(m, stichtag));
  let genutzt = 0;
  let moeglich = 0;
  const zeilen = artefakte
    .filter((a) => a.seit <= stichtag)
    .map((a) => {
      const zellen = dabei.map((m): { tenantId: string; zelle: Zelle } => {
        if (m.id === a.ownerTenantId) return { tenantId: m.id, zelle: 'eigentuemer' };
        moeglich++;
        const n = index.get(schluessel(a.art, a.id, m.id));
        if (!n || n.aktiviertAm > stichtag) return { tenantId: m.id, zelle: 'nicht' };
        if (n.zuletztGenutzt && n.zuletztGenutzt >= grenze) {
          genutzt++;
          return { tenantId: m.id, zelle: 'genutzt' };
        }
        return { tenantId: m.id, zelle: 'aktiviert' };
      });
      return { artefakt: a, zellen };
    });
  return { stichtag, mitglieder: dabei, zeilen, ...grad(genutzt, moeglich) };
}

/**
 * The Nachnutzungsgrad at the end of each month: artifacts shared by then, members of that day, a
 * use = activated by then and used in that month or the two before (the 90 days at month
 * granularity, since the history is kept per month).
 */
export function verlauf({
  artefakte,
  mitglieder,
  nutzungen,
  monate,
}: {
  artefakte: Artefakt[];
  mitglieder: Beteiligt[];
  nutzungen: Nutzung[];
  /** YYYY-MM of each point. */
  monate: string[];
}) {
  // The months of each use as a set, built once: 120 months × artifacts × members look-ups.
  const index = new Map(
    nutzungen.map((n) => [schluessel(n.art, n.artefaktId, n.tenantId), { ...n, monate: new Set(n.monate) }]),
  );
  return monate.map((monat) => {
    const [y, m] = monat.split('-').map(Number) as [number, number];
    const ende = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const fenster = [0, 1, 2].map((k) => new Date(Date.UTC(y, m - 1 - k, 1)).toISOString().slice(0, 10));
    const dabei = mitglieder.filter((b) => mitgliedAm(b, ende));
    let genutzt = 0;
    let moeglich = 0;
    for (const a of artefakte.filter((x) => x.seit <= ende))
      for (const b of dabei) {
        if (b.id === a.ownerTenantId) continue;
        moeglich++;
        const n = index.get(schluessel(a.art, a.id, b.id));
        if (n && n.aktiviertAm <= ende && fenster.some((x) => n.monate.has(x))) genutzt++;
      }
    const beitritte = mitglieder.filter((b) => b.mitgliedSeit.slice(0, 7) === monat).map((b) => b.name);
    return { monat, beitritte, ...grad(genutzt, moeglich) };
  });
}
