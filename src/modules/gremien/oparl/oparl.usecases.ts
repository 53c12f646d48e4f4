import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { oparlErrors } from './oparl.errors.ts';
import {
  dateTime,
  LIST_TYPES,
  type ListType,
  OPARL_VERSION,
  type OparlUrls,
  typeUrl,
} from './oparl.models.ts';
import { type ListQuery, pageUrl } from './oparl.params.ts';
import { type Selection, selectStamped } from './oparl.repository.ts';
import type { OparlObject, RenderContext, Source } from './oparl.sources.ts';
import { bodyModified, type LegislativeTermRow } from './oparl-gremien.repository.ts';
import {
  legislativeTermSource,
  membershipSource,
  organizationSource,
  personSource,
  renderLegislativeTerms,
} from './oparl-gremien.sources.ts';
import { agendaItemSource, locationSource, meetingSource } from './oparl-sitzungen.sources.ts';
import type { FileRow } from './oparl-vorlagen.repository.ts';
import { consultationSource, fileSource, paperSource } from './oparl-vorlagen.sources.ts';

/** The Verbund's members as OParl needs them: each county is one Body (the members list of `verbund`). */
export type BodyDirectory = {
  listMembers(): Promise<Array<{ id: string; name: string; kreisschluessel: string; created_at: Date }>>;
};
type Member = Awaited<ReturnType<BodyDirectory['listMembers']>>[number];

const SOURCES: Record<ListType, Source> = {
  organization: organizationSource,
  person: personSource,
  membership: membershipSource,
  meeting: meetingSource,
  agendaItem: agendaItemSource,
  paper: paperSource,
  consultation: consultationSource,
  file: fileSource,
  location: locationSource,
  legislativeTerm: legislativeTermSource,
};
const ORGANIZATION_LISTS: ListType[] = ['meeting', 'consultation'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createOparlUsecases(deps: {
  database: DatabaseHandle;
  blobs: BlobStore;
  bodies: BodyDirectory;
}) {
  const { database, blobs, bodies } = deps;

  /** Every read of a Body runs in that county's own tenant transaction (RLS), nowhere else. */
  async function inBody<T>(bodyId: string, work: (trx: TenantTrx, member: Member) => Promise<T>): Promise<T> {
    const member = (await bodies.listMembers()).find((m) => m.id === bodyId);
    if (!member) throw oparlErrors.notFound();
    return database.withTenant(member.id, (trx) => work(trx, member));
  }

  const context = (trx: TenantTrx, urls: OparlUrls, bodyId: string, omitInternal = false): RenderContext => ({
    trx,
    urls,
    bodyId,
    omitInternal,
    blobs,
  });

  async function renderBody(trx: TenantTrx, member: Member, urls: OparlUrls): Promise<OparlObject> {
    const ctx = context(trx, urls, member.id);
    const terms = (
      await selectStamped<LegislativeTermRow>(trx, legislativeTermSource.base, { of: sql`true` })
    ).sort((a, b) => a.beginn.localeCompare(b.beginn));
    const changed = await bodyModified(trx);
    const list = (type: ListType) => urls.list(member.id, type);
    return {
      id: urls.body(member.id),
      type: typeUrl('Body'),
      system: urls.system,
      name: member.name,
      ags: `${member.kreisschluessel}000`,
      rgs: `${member.kreisschluessel}0000000`,
      classification: 'Landkreis',
      organization: list('organization'),
      person: list('person'),
      meeting: list('meeting'),
      paper: list('paper'),
      legislativeTerm: await renderLegislativeTerms(terms, ctx),
      agendaItem: list('agendaItem'),
      consultation: list('consultation'),
      file: list('file'),
      locationList: list('location'),
      legislativeTermList: list('legislativeTerm'),
      membership: list('membership'),
      web: `${urls.system.replace(/\/oparl\/v1\.1\/$/, '')}/ratsinfo/${member.id}`,
      created: dateTime(member.created_at),
      modified: dateTime(changed && changed > member.created_at ? changed : member.created_at),
    };
  }

  return {
    async system(urls: OparlUrls) {
      const members = await bodies.listMembers();
      const times = members.map((m) => m.created_at.getTime());
      return {
        id: urls.system,
        type: typeUrl('System'),
        oparlVersion: OPARL_VERSION,
        name: 'Verbund – Interkommunales Serviceteam E-Government',
        body: urls.bodies,
        website: urls.system.replace(/\/oparl\/v1\.1\/$/, '/'),
        product: 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12',
        created: dateTime(new Date(Math.min(...times))),
        modified: dateTime(new Date(Math.max(...times))),
      };
    },

    /** The Body list: each county read in its own transaction (no query crosses counties). */
    async bodyList(urls: OparlUrls, query: ListQuery) {
      const members = (await bodies.listMembers()).sort((a, b) => a.id.localeCompare(b.id));
      const data: OparlObject[] = [];
      for (const member of members) {
        const body = await database.withTenant(member.id, (trx) => renderBody(trx, member, urls));
        const created = body.created as string;
        const modified = body.modified as string;
        if (query.createdSince && created < query.createdSince) continue;
        if (query.createdUntil && created > query.createdUntil) continue;
        if (query.modifiedSince && modified < query.modifiedSince) continue;
        if (query.modifiedUntil && modified > query.modifiedUntil) continue;
        data.push(body);
      }
      return {
        data,
        pagination: {
          totalElements: data.length,
          elementsPerPage: query.limit,
          currentPage: 1,
          totalPages: 1,
        },
        links: { first: pageUrl(urls.bodies, query), self: pageUrl(urls.bodies, query) },
      };
    },

    async body(urls: OparlUrls, bodyId: string) {
      return inBody(bodyId, (trx, member) => renderBody(trx, member, urls));
    },

    /**
     * One page of a Body's external list, or of an Organization's meetings or consultations
     * (`organizationId`): keyset from `after`, filters kept in every link.
     */
    async list(urls: OparlUrls, bodyId: string, type: ListType, query: ListQuery, organizationId?: string) {
      if (organizationId !== undefined && (!UUID.test(organizationId) || !ORGANIZATION_LISTS.includes(type)))
        throw oparlErrors.notFound();
      return inBody(bodyId, async (trx) => {
        const source = SOURCES[type];
        if (
          organizationId &&
          (await selectStamped(trx, organizationSource.base, { ids: [organizationId] })).length === 0
        )
          throw oparlErrors.notFound();
        const within = organizationId ? sql`x.gremium_id = ${organizationId}::uuid` : undefined;
        const rows = await selectStamped(trx, source.base, { query, within });
        const page = rows.slice(0, query.limit);
        const data = await source.render(page, context(trx, urls, bodyId, query.omitInternal));
        const listUrl = organizationId
          ? urls.ofOrganization(bodyId, organizationId, type as 'meeting' | 'consultation')
          : urls.list(bodyId, type);
        const last = page.at(-1);
        return {
          data,
          pagination: { elementsPerPage: query.limit },
          links: {
            first: pageUrl(listUrl, query),
            self: pageUrl(listUrl, query, query.after),
            ...(rows.length > query.limit && last ? { next: pageUrl(listUrl, query, last.id) } : {}),
          },
        };
      });
    },

    /** One object; a deleted main object answers too (HTTP 200, `deleted: true`). */
    async object(urls: OparlUrls, bodyId: string, type: ListType, id: string) {
      if (!UUID.test(id)) throw oparlErrors.notFound();
      return inBody(bodyId, async (trx) => {
        const source = SOURCES[type];
        const rows = await selectStamped(trx, source.base, { ids: [id] } satisfies Selection);
        const [object] = await source.render(rows, context(trx, urls, bodyId));
        if (!object) throw oparlErrors.notFound();
        return object;
      });
    },

    /** The content of a public File: its row (name, type, size) and the blob's stream. */
    async fileContent(bodyId: string, id: string) {
      if (!UUID.test(id)) throw oparlErrors.notFound();
      const row = await inBody(bodyId, async (trx) => {
        const [found] = await selectStamped<FileRow>(trx, fileSource.base, { ids: [id] });
        return found && !found.deleted ? found : null;
      });
      if (!row) throw oparlErrors.notFound();
      const content = await blobs.stream(row.sha256).catch(() => {
        throw oparlErrors.fileUnavailable();
      });
      return { row, ...content };
    },

    listTypes: LIST_TYPES,
  };
}

export type OparlUsecases = ReturnType<typeof createOparlUsecases>;
