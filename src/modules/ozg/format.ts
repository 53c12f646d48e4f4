/** A date and time for citizens and staff (Berlin time, "05.12.2026, 14:30"). */
export const when = (iso: string) =>
  new Date(iso).toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
