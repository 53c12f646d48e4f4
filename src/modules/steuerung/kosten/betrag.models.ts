/** Euro amounts: parsed from German or plain input into cents, printed the German way. */

/** "240000", "240.000", "1234,56" or "1234.56" → cents; null when it is not an amount ≥ 0. */
export function centAusEuro(text: string): bigint | null {
  const t = text.trim().replace(/\s|€/g, '');
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t);
  if (m) return BigInt(m[1]!.replace(/\./g, '')) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  m = /^(\d+)\.(\d{1,2})$/.exec(t);
  if (m) return BigInt(m[1]!) * 100n + BigInt(m[2]!.padEnd(2, '0'));
  return null;
}

/** 6000000n → "60.000,00 €". */
export function euro(cent: bigint | number): string {
  const c = BigInt(cent);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const ganz = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '−' : ''}${ganz},${(abs % 100n).toString().padStart(2, '0')} €`;
}
