/** Connector health per connector and county: a traffic light from the delivery counts. */
export type Zustand = {
  connectorId: string;
  tenantId: string;
  aktiv: boolean;
  zugestellt24h: number;
  versucht24h: number;
  zugestellt7d: number;
  versucht7d: number;
  letzterErfolg: string | null;
  tot: number;
  fehlerhaft: number;
  p95Ms: number | null;
};
export type Ampel = 'rot' | 'gelb' | 'gruen' | 'grau';

const quote = (ok: number, alle: number) => (alle === 0 ? null : Math.round((ok / alle) * 1000) / 10);

/**
 * Red as soon as a delivery fails right now (a retry is pending) or one is dead, so a failing
 * receiver turns red on the next refresh; yellow below 95 % success in 24 hours; grey when the
 * county has not activated it or nothing was delivered yet; green otherwise.
 */
export function ampel(z: Zustand): { ampel: Ampel; quote24h: number | null; quote7d: number | null } {
  const quote24h = quote(z.zugestellt24h, z.versucht24h);
  const quote7d = quote(z.zugestellt7d, z.versucht7d);
  let farbe: Ampel = 'gruen';
  if (z.fehlerhaft > 0 || z.tot > 0) farbe = 'rot';
  else if (!z.aktiv || z.versucht7d === 0) farbe = 'grau';
  else if (quote24h !== null && quote24h < 95) farbe = 'gelb';
  return { ampel: farbe, quote24h, quote7d };
}
