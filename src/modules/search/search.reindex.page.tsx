import { Alert } from '../../platform/ui/components.tsx';
import { type ReindexProgress, reindexLineDe } from './search.reindex.models.ts';

/**
 * The search index's state on the county's administration page: while a reindex runs, the line
 * "Suchindex: 812.000 von 1.000.000 Dokumenten neu indexiert (81 %), noch ca. 4 min" with a KERN
 * progress bar; otherwise whether the index is current.
 */
export function ReindexStatus({ progress }: { progress: ReindexProgress }) {
  const line = reindexLineDe(progress);
  return (
    <section aria-labelledby="suchindex">
      <h2 class="kern-heading-medium" id="suchindex">
        Suchindex
      </h2>
      {progress.status === 'laeuft' ? (
        <>
          <p class="kern-body" id="suchindex-stand">
            {line}
          </p>
          <progress
            class="kern-progress vb-progress"
            max={Math.max(progress.planned, 1)}
            value={progress.done}
            aria-labelledby="suchindex-stand"
          >
            {progress.percent} %
          </progress>
          <p class="kern-body kern-body--small vb-muted">
            Die Suche bleibt währenddessen nutzbar; noch nicht neu indexierte Dokumente werden mit dem
            bisherigen Analyseverfahren gefunden.
          </p>
        </>
      ) : progress.status === 'abgebrochen' || progress.outdated > 0 ? (
        <Alert kind="warning" title={line} />
      ) : (
        <p class="kern-body">{line}</p>
      )}
    </section>
  );
}
