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

/**
 * Feeds already built, by Gremium: ical-generator needs tens of milliseconds for a few hundred events,
 * so a feed is built again only when its data changed. The key holds what the bytes depend on: the
 * address, the latest change of the Gremium and its sessions, and their number (sessions are never
 * deleted or moved to another Gremium).
 */
export function createFeedCache(max = 50) {
  const feeds = new Map<string, string>();
  return (key: string, build: () => string) => {
    const hit = feeds.get(key);
    if (hit !== undefined) {
      feeds.delete(key);
      feeds.set(key, hit); // most recently used last
      return hit;
    }
    const body = build();
    feeds.set(key, body);
    if (feeds.size > max) feeds.delete(feeds.keys().next().value!);
    return body;
  };
}
