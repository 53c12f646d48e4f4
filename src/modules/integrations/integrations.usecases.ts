import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import { actorOf, hasRole, type Principal } from '../../platform/http/principal.ts';
import type { OnboardingHook } from '../../platform/onboarding/onboarding.ts';
import { TRIGGERS, type Trigger } from '../../platform/outbox/outbox.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.repository.ts';
import type { IdentityUsecases } from '../identity/identity.usecases.ts';

export type ConnectorInput = {
  id: string;
  name: string;
  ausloeser: Trigger;
  filter?: string | null;
  nutzlast: 'json' | 'fit-connect' | 'xdomea';
  mapping?: Record<string, unknown>;
  transport: 'webhook' | 'verzeichnis';
  maxVersuche?: number;
  beschreibung?: string;
  /** verbund-admin may name another member as owner (the county that analysed the Fachverfahren). */
  owner?: string;
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// biome-ignore lint/suspicious/noExplicitAny: database row
const toConnector = (r: any) => ({
  id: r.id as string,
  name: r.name as string,
  ownerTenantId: r.owner_tenant_id as string,
  ownerName: r.owner_name as string,
  ausloeser: r.ausloeser as Trigger,
  filter: (r.filter as string) ?? null,
  nutzlast: r.nutzlast as string,
  mapping: r.mapping as Record<string, unknown>,
  transport: r.transport as string,
  maxVersuche: r.max_versuche as number,
  beschreibung: r.beschreibung as string,
  aktivierung: {
    status: (r.a_status as string) ?? 'pending',
    ziel: (r.ziel as string) ?? null,
    secretGesetzt: Boolean(r.secret),
  },
});

function validateZiel(transport: string, ziel: string) {
  if (transport === 'webhook') {
    let url: URL;
    try {
      url = new URL(ziel);
    } catch {
      throw badRequest('connector.ziel', 'endpoint is not a URL', 'Der Endpunkt ist keine gültige URL.');
    }
    if (!['https:', 'http:'].includes(url.protocol))
      throw badRequest(
        'connector.ziel',
        'endpoint must be http(s)',
        'Der Endpunkt muss mit https:// beginnen.',
      );
  } else if (!ziel.startsWith('/') || ziel.includes('..'))
    throw badRequest(
      'connector.ziel',
      'target must be an absolute directory',
      'Das Zielverzeichnis muss ein absoluter Pfad ohne „..“ sein.',
    );
}

export function createIntegrationsUsecases({
  database,
  identity,
}: {
  database: DatabaseHandle;
  identity: IdentityUsecases;
}) {
  async function listConnectors(principal: Principal) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql`
        select d.*, t.name as owner_name, a.status as a_status, a.ziel, a.secret
        from connector_definitionen d join tenants t on t.id = d.owner_tenant_id
        left join connector_aktivierungen a on a.connector_id = d.id
        order by d.name`.execute(trx);
      return rows.map(toConnector);
    });
  }

  /** Defines a connector at Verbund level and makes it available (pending) to every member. */
  async function defineConnector(principal: Principal, input: ConnectorInput) {
    if (!hasRole(principal, 'verbund-admin', 'kreis-admin'))
      throw forbidden('admin required', 'Anbindungen definieren darf nur die Administration.');
    if (!SLUG.test(input.id) || input.id.length > 80)
      throw badRequest(
        'connector.id',
        'invalid id',
        'Die Kennung besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.',
      );
    if (!(TRIGGERS as readonly string[]).includes(input.ausloeser))
      throw badRequest('connector.ausloeser', 'unknown trigger', `Auslöser: ${TRIGGERS.join(', ')}.`);
    if (!['json', 'fit-connect', 'xdomea'].includes(input.nutzlast))
      throw badRequest('connector.nutzlast', 'unknown payload', 'Nutzlast: json, fit-connect oder xdomea.');
    if (!['webhook', 'verzeichnis'].includes(input.transport))
      throw badRequest('connector.transport', 'unknown transport', 'Transport: webhook oder verzeichnis.');
    if (!input.name || input.name.trim().length < 2)
      throw badRequest('connector.name', 'name required', 'Bitte einen Namen angeben.');
    const owner = input.owner && hasRole(principal, 'verbund-admin') ? input.owner : principal.tenantId;
    const tenants = (await database.db.selectFrom('tenants').select('id').execute()).map((t) => t.id);
    if (!tenants.includes(owner))
      throw badRequest('connector.owner', 'unknown owner', `Unbekannter Landkreis: ${owner}`);
    await database.withTenant(owner, async (trx) => {
      const { rows } = await sql`
        insert into connector_definitionen (id, name, owner_tenant_id, ausloeser, filter, nutzlast, mapping, transport,
          max_versuche, beschreibung)
        values (${input.id}, ${input.name}, ${owner}, ${input.ausloeser}, ${input.filter ?? null}, ${input.nutzlast},
          ${JSON.stringify(input.mapping ?? {})}::jsonb, ${input.transport}, ${input.maxVersuche ?? 8}, ${input.beschreibung ?? ''})
        on conflict (id) do nothing returning id`.execute(trx);
      if (rows.length === 0)
        throw conflict(
          'connector.exists',
          'connector id taken',
          `Die Anbindung „${input.id}“ gibt es schon.`,
        );
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.connector_defined',
        objectType: 'connector',
        objectId: input.id,
        data: { ...input, owner },
      });
    });
    for (const tenantId of tenants)
      await database.withTenant(tenantId, (trx) =>
        sql`insert into connector_aktivierungen (tenant_id, connector_id) values (${tenantId}, ${input.id})
          on conflict do nothing`.execute(trx),
      );
    return (await listConnectors(principal)).find((c) => c.id === input.id)!;
  }

  /** A county sets its endpoint (and secret) and switches the connector on or off. */
  async function setActivation(
    principal: Principal,
    connectorId: string,
    input: { ziel?: string | null; secret?: string | null; status?: 'active' | 'paused' },
  ) {
    if (!hasRole(principal, 'kreis-admin'))
      throw forbidden('kreis-admin required', 'Anbindungen einrichten darf nur die Kreis-Administration.');
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<{ transport: string; ziel: string | null; secret: string | null }>`
        select d.transport, a.ziel, a.secret from connector_definitionen d
        left join connector_aktivierungen a on a.connector_id = d.id where d.id = ${connectorId}`.execute(
        trx,
      );
      const current = rows[0];
      if (!current) throw notFound('connector', 'Die Anbindung');
      const ziel = input.ziel === undefined ? current.ziel : input.ziel;
      const secret = input.secret === undefined ? current.secret : input.secret;
      if (ziel) validateZiel(current.transport, ziel);
      if (secret !== null && secret !== undefined && secret.length < 16)
        throw badRequest(
          'connector.secret',
          'secret too short',
          'Das Geheimnis muss mindestens 16 Zeichen haben.',
        );
      const status = input.status ?? (ziel ? 'active' : 'pending');
      if (status === 'active' && (!ziel || (current.transport === 'webhook' && !secret)))
        throw badRequest(
          'connector.incomplete',
          'endpoint (and secret) required',
          current.transport === 'webhook'
            ? 'Zum Aktivieren sind Endpunkt und Geheimnis (für die HMAC-Signatur) nötig.'
            : 'Zum Aktivieren ist ein Zielverzeichnis nötig.',
        );
      await sql`
        insert into connector_aktivierungen (tenant_id, connector_id, status, ziel, secret)
        values (${trx.tenantId}, ${connectorId}, ${status}, ${ziel}, ${secret})
        on conflict (tenant_id, connector_id) do update set status = excluded.status, ziel = excluded.ziel,
          secret = excluded.secret, updated_at = now()`.execute(trx);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.connector_activation',
        objectType: 'connector',
        objectId: connectorId,
        data: { status, ziel, secretGeaendert: input.secret !== undefined },
      });
      return { connectorId, status, ziel, secretGesetzt: Boolean(secret) };
    });
  }

  /** Registers a Fachverfahren of the county with its own API token (shown once). */
  async function registerFachverfahren(
    principal: Principal,
    input: {
      kennung: string;
      name: string;
      hersteller?: string;
      benutzer?: string;
      rollen?: Array<'sachbearbeitung' | 'leitung' | 'lesen'>;
    },
  ) {
    if (!hasRole(principal, 'kreis-admin'))
      throw forbidden('kreis-admin required', 'Fachverfahren anmelden darf nur die Kreis-Administration.');
    if (!SLUG.test(input.kennung))
      throw badRequest(
        'fachverfahren.kennung',
        'invalid id',
        'Die Kennung besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.',
      );
    const row = await database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<{ id: string }>`
        insert into fachverfahren (tenant_id, kennung, name, hersteller)
        values (${trx.tenantId}, ${input.kennung}, ${input.name}, ${input.hersteller ?? null})
        on conflict (tenant_id, kennung) do nothing returning id`.execute(trx);
      if (!rows[0])
        throw conflict(
          'fachverfahren.exists',
          'already registered',
          `Das Fachverfahren „${input.kennung}“ ist schon angemeldet.`,
        );
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.fachverfahren_registered',
        objectType: 'fachverfahren',
        objectId: rows[0].id,
        data: { kennung: input.kennung, name: input.name },
      });
      return rows[0];
    });
    const token = await identity.createApiToken({
      tenantId: principal.tenantId,
      roles: input.rollen?.length ? input.rollen : ['sachbearbeitung'],
      name: `Fachverfahren ${input.name}`,
      userLogin: input.benutzer,
      fachverfahrenId: row.id,
      actor: actorOf(principal),
    });
    return { id: row.id, kennung: input.kennung, name: input.name, token: token.token, tokenId: token.id };
  }

  async function listFachverfahren(principal: Principal) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<Record<string, unknown>>`
        select f.id, f.kennung, f.name, f.hersteller, f.created_at,
          (select count(*) from vorgaenge v where v.fachverfahren_id = f.id)::int as vorgaenge
        from fachverfahren f order by f.name`.execute(trx);
      return rows.map((r) => ({
        id: r.id as string,
        kennung: r.kennung as string,
        name: r.name as string,
        hersteller: (r.hersteller as string) ?? null,
        vorgaenge: r.vorgaenge as number,
        angemeldetAm: (r.created_at as Date).toISOString(),
      }));
    });
  }

  async function listDeliveries(
    principal: Principal,
    filter: { status?: string; connector?: string; limit: number; offset: number },
  ) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const where = sql`${filter.status ? sql`status = ${filter.status}` : sql`true`} and ${filter.connector ? sql`connector_id = ${filter.connector}` : sql`true`}`;
      const { rows } = await sql<Record<string, unknown>>`
        select id::text, connector_id, ordering_key, idempotency_key, ereignis, payload, status, attempts, max_attempts,
          next_attempt_at, last_error, created_at, delivered_at
        from outbox where ${where} order by id desc limit ${filter.limit} offset ${filter.offset}`.execute(
        trx,
      );
      const { rows: count } = await sql<{
        n: number;
      }>`select count(*)::int as n from outbox where ${where}`.execute(trx);
      return {
        items: rows.map((r) => ({
          id: r.id as string,
          connectorId: r.connector_id as string,
          vorgangId: r.ordering_key as string,
          idempotencyKey: r.idempotency_key as string,
          ereignis: r.ereignis as string,
          payload: r.payload,
          status: r.status as string,
          versuche: r.attempts as number,
          maxVersuche: r.max_attempts as number,
          naechsterVersuch: (r.next_attempt_at as Date).toISOString(),
          letzterFehler: (r.last_error as string) ?? null,
          erstellt: (r.created_at as Date).toISOString(),
          zugestellt: r.delivered_at ? (r.delivered_at as Date).toISOString() : null,
        })),
        total: count[0]!.n,
      };
    });
  }

  /** Sends a dead letter (or a waiting delivery) again now, with the same idempotency key. */
  async function redeliver(principal: Principal, id: string) {
    if (!hasRole(principal, 'kreis-admin', 'sachbearbeitung'))
      throw forbidden('role required', 'Dazu fehlt Ihnen die Berechtigung.');
    if (!/^\d{1,18}$/.test(id)) throw notFound('zustellung', 'Die Zustellung');
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<{ status: string }>`
        update outbox set status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null
        where id = ${id} and status in ('dead', 'pending') returning status`.execute(trx);
      if (!rows[0]) {
        const exists = await sql`select status from outbox where id = ${id}`.execute(trx);
        if (!exists.rows[0]) throw notFound('zustellung', 'Die Zustellung');
        throw new AppError({
          code: 'zustellung.state',
          status: 409,
          message: 'delivery is delivered or in flight',
          messageDe: 'Die Zustellung ist bereits erfolgt oder läuft gerade.',
        });
      }
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.redeliver',
        objectType: 'zustellung',
        objectId: id,
        data: {},
      });
      await sql`select pg_notify('verbund_outbox', ${trx.tenantId})`.execute(trx);
      return { id, status: 'pending' };
    });
  }

  /** Integration monitor: per connector of this county, counts by state and delivery latencies. */
  async function monitor(principal: Principal) {
    return database.withTenant(principal.tenantId, async (trx) => {
      const { rows } = await sql<Record<string, unknown>>`
        select d.id, d.name, coalesce(a.status, 'pending') as aktivierung,
          count(o.id) filter (where o.status = 'delivered')::int as zugestellt,
          count(o.id) filter (where o.status in ('pending', 'delivering') and o.attempts = 0)::int as wartend,
          count(o.id) filter (where o.status in ('pending', 'delivering') and o.attempts > 0)::int as fehlerhaft,
          count(o.id) filter (where o.status = 'dead')::int as tot,
          percentile_cont(0.5) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
            filter (where o.status = 'delivered') as p50_ms,
          percentile_cont(0.95) within group (order by extract(epoch from o.delivered_at - o.created_at) * 1000)
            filter (where o.status = 'delivered') as p95_ms,
          max(o.delivered_at) as zuletzt
        from connector_definitionen d left join connector_aktivierungen a on a.connector_id = d.id
        left join outbox o on o.connector_id = d.id
        group by d.id, d.name, a.status order by d.name`.execute(trx);
      return rows.map((r) => ({
        connectorId: r.id as string,
        name: r.name as string,
        aktivierung: r.aktivierung as string,
        zugestellt: r.zugestellt as number,
        wartend: r.wartend as number,
        fehlerhaft: r.fehlerhaft as number,
        tot: r.tot as number,
        latenzP50Ms: r.p50_ms === null ? null : Math.round(Number(r.p50_ms)),
        latenzP95Ms: r.p95_ms === null ? null : Math.round(Number(r.p95_ms)),
        zuletzt: r.zuletzt ? (r.zuletzt as Date).toISOString() : null,
      }));
    });
  }

  /** The Serviceteam's view (verbund-admin): per connector and county, aggregates only. */
  async function monitorVerbund(principal: Principal) {
    if (!hasRole(principal, 'verbund-admin'))
      throw forbidden('verbund-admin required', 'Die Übersicht aller Landkreise sieht nur das Serviceteam.');
    const { rows } = await sql<Record<string, unknown>>`select * from integration_monitor_verbund()`.execute(
      database.db,
    );
    return rows.map((r) => ({
      connectorId: r.connector_id as string,
      landkreis: r.tenant_id as string,
      zugestellt: r.zugestellt as number,
      wartend: r.wartend as number,
      fehlerhaft: r.fehlerhaft as number,
      tot: r.tot as number,
      latenzP50Ms: r.p50_ms === null ? null : Math.round(Number(r.p50_ms)),
      latenzP95Ms: r.p95_ms === null ? null : Math.round(Number(r.p95_ms)),
      zuletzt: r.zuletzt ? (r.zuletzt as Date).toISOString() : null,
    }));
  }

  return {
    monitorVerbund,
    listConnectors,
    defineConnector,
    setActivation,
    registerFachverfahren,
    listFachverfahren,
    listDeliveries,
    redeliver,
    monitor,
  };
}

/** Onboarding: every Verbund connector becomes available to the joining county, pending its endpoint. */
export const integrationsOnboardingHook: OnboardingHook = {
  name: 'integrations.connectors',
  label: 'Anbindungen (Konnektoren) des Verbunds',
  async activate({ trx }) {
    const { rows } = await sql<{ id: string; name: string; owner_tenant_id: string }>`
      insert into connector_aktivierungen (tenant_id, connector_id)
      select ${trx.tenantId}, d.id from connector_definitionen d
      on conflict do nothing
      returning connector_id as id, (select name from connector_definitionen where id = connector_id) as name,
        (select owner_tenant_id from connector_definitionen where id = connector_id) as owner_tenant_id`.execute(
      trx,
    );
    return rows.map((r) => ({
      kind: 'connector',
      id: r.id,
      label: `${r.name} (Endpunkt noch nicht gesetzt)`,
      ownerTenantId: r.owner_tenant_id,
      status: 'pending' as const,
    }));
  },
};

export type IntegrationsUsecases = ReturnType<typeof createIntegrationsUsecases>;
