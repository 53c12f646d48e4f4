/**
 * Beschluss-Nr.: the Gremium's abbreviation, the session's number, the agenda item's position and
 * the session's year – `KT/{sitzung:3}-{top:2}/{yy}` gives `KT/065-03/19` (session 65, item 3, 2019).
 */
export const BESCHLUSS_NUMMERNVORLAGE = '{gremium}/{sitzung:3}-{top:2}/{yy}';

export function beschlussNummer(
  { gremium, sitzung, top, jahr }: { gremium: string; sitzung: number; top: number; jahr: number },
  vorlage = BESCHLUSS_NUMMERNVORLAGE,
): string {
  return vorlage.replace(/\{([a-z]+)(?::(\d))?\}/g, (whole, name: string, width?: string) => {
    const pad = (n: number) => String(n).padStart(Number(width ?? 1), '0');
    if (name === 'gremium') return gremium;
    if (name === 'sitzung') return pad(sitzung);
    if (name === 'top') return pad(top);
    if (name === 'yy') return String(jahr % 100).padStart(2, '0');
    if (name === 'yyyy') return String(jahr);
    return whole;
  });
}
