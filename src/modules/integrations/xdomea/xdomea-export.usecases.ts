import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { actorOf, type Principal } from '../../../platform/http/principal.ts';
import { notFound } from '../../../shared/errors.ts';
import { appendAuditEvent } from '../../audit/audit.module.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { loadVisibleAkte, viewerOf } from '../../records/records.module.ts';
import { xdomeaErrors } from './xdomea.errors.ts';
import { buildXdomeaAbgabe } from './xdomea.export.ts';
import { exportBytes, toXdomeaAkte, XDOMEA_EXPORT_LIMIT_BYTES } from './xdomea.models.ts';
import { xdomeaRepository as repository } from './xdomea.repository.ts';

/** Export of an Akte (or one Vorgang) as an xdomea 3.0.0 Abgabe.0401 message zip, as far as the caller sees it. */
export function createXdomeaExportUsecases({
  database,
  blobs,
}: {
  database: DatabaseHandle;
  blobs: BlobStore;
}) {
  async function exportAkte(principal: Principal, akteId: string, options: { vorgangId?: string } = {}) {
    const data = await database.withTenant(principal.tenantId, async (trx) => {
      const viewer = await viewerOf(trx, principal);
      const akte = await loadVisibleAkte(trx, viewer, akteId);
      const { vorgaenge, dokumente } = await repository.exportRows(trx, viewer, akteId, options.vorgangId);
      if (options.vorgangId && vorgaenge.length === 0) throw notFound('vorgang', 'Der Vorgang');
      const tenant = await repository.sender(trx);
      await appendAuditEvent(trx, {
        actor: actorOf(principal),
        action: 'integrations.xdomea_export',
        objectType: options.vorgangId ? 'vorgang' : 'akte',
        objectId: options.vorgangId ?? akteId,
        data: { vorgaenge: vorgaenge.length, versionen: dokumente.length },
      });
      return { akte, vorgaenge, dokumente, tenant };
    });
    if (exportBytes(data.dokumente) > XDOMEA_EXPORT_LIMIT_BYTES) throw xdomeaErrors.tooLarge();
    return buildXdomeaAbgabe({
      akte: await toXdomeaAkte({ ...data, readBytes: (sha256) => blobs.read(sha256) }),
      onlyVorgangId: options.vorgangId,
      sender: {
        behoerde: data.tenant.name,
        kennung: data.tenant.kreisschluessel,
        system: 'Verbund E-Government',
      },
    });
  }

  async function exportVorgang(principal: Principal, vorgangId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(vorgangId)) throw notFound('vorgang', 'Der Vorgang');
    const akteId = await database.withTenant(principal.tenantId, async (trx) =>
      repository.akteOfVorgang(trx, await viewerOf(trx, principal), vorgangId),
    );
    if (!akteId) throw notFound('vorgang', 'Der Vorgang');
    return exportAkte(principal, akteId, { vorgangId });
  }

  return { exportAkte, exportVorgang };
}
