/** A calendar date as Germans write it ("27.05.2020"); a dash for none. */
export const dateDe = (iso: string | null | undefined) => {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/** A point in time in Berlin time, the default German form ("27.5.2020, 14:03:00"). */
export const dateTimeDe = (iso: string) =>
  new Date(iso).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });

/** A file size in B, KB or MB (one decimal). */
export const fileSize = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
