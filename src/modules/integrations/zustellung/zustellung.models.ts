/** One delivery of the outbox, as the API and the dead-letter list show it. */
export type Zustellung = {
  id: string;
  connectorId: string;
  vorgangId: string;
  idempotencyKey: string;
  ereignis: string;
  payload: unknown;
  status: string;
  versuche: number;
  maxVersuche: number;
  naechsterVersuch: string;
  letzterFehler: string | null;
  erstellt: string;
  zugestellt: string | null;
};

export type DeliveryFilter = { status?: string; connector?: string; limit: number; offset: number };

/** The counts and latencies of one connector (in one county) that the integration monitor shows. */
export type MonitorFigures = {
  zugestellt: number;
  wartend: number;
  fehlerhaft: number;
  tot: number;
  latenzP50Ms: number | null;
  latenzP95Ms: number | null;
  zuletzt: string | null;
};
export type MonitorZeile = MonitorFigures & { connectorId: string; name: string; aktivierung: string };
export type MonitorVerbundZeile = MonitorFigures & { connectorId: string; landkreis: string };

/** Retry n waits a random time up to base · 2^n (full jitter), at most maxBackoffMs. */
export const backoffMs = (attempts: number, options: { backoffBaseMs: number; maxBackoffMs: number }) =>
  Math.round(Math.random() * Math.min(options.maxBackoffMs, options.backoffBaseMs * 2 ** attempts));
