import ical, { ICalEventStatus } from 'ical-generator';
import type { PublicSitzungRow } from './sitzungen.repository.ts';

/**
 * The iCal feed of a Gremium: one event per session with a stable UID (the session's id), SEQUENCE
 * = the session's change counter (`sitzungen.sequenz`, raised by every change of time, place or
 * state), STATUS CANCELLED for a cancelled session, TENTATIVE for one only planned. Times in UTC.
 * DTSTAMP is the session's last change, so an unchanged feed has unchanged bytes (and ETag).
 */
export function gremiumIcs({
  kreis,
  gremium,
  sitzungen,
  sitzungUrl,
}: {
  kreis: { id: string; name: string };
  gremium: { name: string };
  sitzungen: PublicSitzungRow[];
  sitzungUrl: (id: string) => string;
}) {
  const calendar = ical({
    name: `${gremium.name} – ${kreis.name}`,
    prodId: { company: 'Verbund E-Government', product: 'Ratsinformation', language: 'DE' },
  });
  for (const s of [...sitzungen].reverse()) {
    const abgesagt = s.status === 'abgesagt';
    calendar.createEvent({
      id: `sitzung-${s.id}@${kreis.id}.ratsinfo.verbund`,
      sequence: s.sequenz,
      status: abgesagt
        ? ICalEventStatus.CANCELLED
        : s.status === 'geplant'
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
      start: s.beginn,
      end: s.ende ?? undefined,
      stamp: s.updated_at,
      created: s.created_at,
      lastModified: s.updated_at,
      summary: `${abgesagt ? 'Abgesagt: ' : ''}${s.gremium}, ${s.nummer}. Sitzung`,
      location: s.ort ?? undefined,
      url: sitzungUrl(s.id),
      description: `Tagesordnung und Unterlagen: ${sitzungUrl(s.id)}`,
    });
  }
  return calendar.toString();
}
