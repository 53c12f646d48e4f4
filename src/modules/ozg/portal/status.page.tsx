import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Alert } from '../../../platform/ui/components.tsx';
import { when } from '../format.ts';
import { PortalLayout } from './portal.layout.tsx';
import type { TrackedView } from './receipt.page.tsx';

/** The state of an Antrag by tracking code: status, Bescheide, Nachreichung, history. */
export function StatusPage({
  antrag,
  notice,
  error,
}: {
  antrag: TrackedView;
  notice?: string;
  error?: string;
}) {
  const base = `/portal/status/${antrag.trackingCode}`;
  const offen = antrag.nachrichten.find((n) => n.art === 'nachforderung' && n.offen);
  const bescheide = antrag.nachrichten.filter((n) => n.art === 'bescheid' && n.dokumentId);
  return (
    <PortalLayout title={`Antrag ${antrag.nummer}`}>
      <h1 class="kern-heading-large">Ihr Antrag {antrag.nummer}</h1>
      {notice ? <Alert kind="success" title={notice} /> : null}
      {error ? <Alert kind="danger" title={error} /> : null}
      <dl class="vb-facts">
        <dt>Leistung</dt>
        <dd>{antrag.leistung.name}</dd>
        <dt>Zuständig</dt>
        <dd>{antrag.zustaendig.name}</dd>
        <dt>Eingegangen</dt>
        <dd>{when(antrag.eingang)}</dd>
        <dt>Stand</dt>
        <dd>
          <strong>{antrag.statusText}</strong>
        </dd>
      </dl>
      {bescheide.length > 0 ? (
        <section class="vb-section">
          <h2 class="kern-heading-medium">Ihr Bescheid</h2>
          <ul class="kern-list">
            {bescheide.map((b) => (
              <li>
                <a class="kern-link" href={`${base}/bescheid/${b.dokumentId}`}>
                  Bescheid vom {when(b.zeit)} herunterladen
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {offen ? (
        <section class="vb-section" aria-labelledby="nachreichen">
          <h2 class="kern-heading-medium" id="nachreichen">
            Unterlagen nachreichen
          </h2>
          <Alert kind="warning" title="Die Behörde bittet Sie um weitere Unterlagen">
            <p class="kern-body">{offen.text}</p>
          </Alert>
          <form method="post" action={`${base}/nachreichen`} enctype="multipart/form-data">
            <div class="kern-stack">
              <div class="kern-form-input">
                <label class="kern-label" for="dateien">
                  Dateien
                </label>
                <input class="kern-form-input__input" id="dateien" name="dateien" type="file" multiple />
              </div>
              <div class="kern-form-input">
                <label class="kern-label" for="hinweis">
                  Hinweis an die Behörde (optional)
                </label>
                <textarea class="kern-form-input__input" id="hinweis" name="hinweis" rows={3}></textarea>
              </div>
              <div>
                <SubmitButton label="Unterlagen senden" />
              </div>
            </div>
          </form>
        </section>
      ) : null}
      <section class="vb-section">
        <h2 class="kern-heading-medium">Verlauf</h2>
        <ol class="kern-list">
          {[...antrag.nachrichten].reverse().map((n) => (
            <li>
              <span class="kern-body kern-body--small vb-muted">{when(n.zeit)}: </span>
              <span class="kern-body">{n.text}</span>
            </li>
          ))}
        </ol>
      </section>
      <p class="kern-body">
        <a class="kern-link" href={`${base}/quittung.pdf`}>
          Eingangsbestätigung (PDF)
        </a>
      </p>
    </PortalLayout>
  );
}
