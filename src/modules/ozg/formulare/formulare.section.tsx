import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { csrfQuery } from '../../../platform/ui/csrf-field.tsx';

export type FormularView = {
  id: string;
  name: string;
  version: number;
  xdfVersion: string;
  warnungen: number;
  erzwungen: boolean;
};

/** The FIM forms on the staff overview and, for administrators, the XDatenfelder import. */
export function FormulareSection({
  formulare,
  principal,
  admin,
}: {
  formulare: FormularView[];
  principal: Principal;
  admin: boolean;
}) {
  return (
    <section class="vb-section" aria-labelledby="formulare">
      <h2 class="kern-heading-medium" id="formulare">
        Formulare (FIM)
      </h2>
      <ul class="kern-list">
        {formulare.map((f) => (
          <li>
            {f.name} ({f.id}, Version {f.version}, XDatenfelder {f.xdfVersion})
            {f.warnungen > 0 ? ` · ${f.warnungen} Warnung${f.warnungen === 1 ? '' : 'en'}` : ''}
            {f.erzwungen ? ' · trotz XSD-Abweichung übernommen' : ''}
          </li>
        ))}
      </ul>
      {admin ? (
        <form
          method="post"
          action={`/onlinedienste/formulare?${csrfQuery({ principal })}`}
          enctype="multipart/form-data"
        >
          <div class="kern-stack">
            <div class="kern-form-input">
              <label class="kern-label" for="datei">
                Stammdatenschema (XML) mit Codelisten oder als ZIP
              </label>
              <input
                class="kern-form-input__input"
                id="datei"
                name="datei"
                type="file"
                multiple
                accept=".xml,.zip"
              />
            </div>
            <div class="kern-form-check">
              <input class="kern-form-check__checkbox" type="checkbox" id="force" name="force" value="true" />
              <label class="kern-label" for="force">
                Trotz XSD-Abweichung übernehmen (Abweichungen werden als Warnungen gespeichert)
              </label>
            </div>
            <div>
              <SubmitButton label="Formular importieren" />
            </div>
          </div>
        </form>
      ) : null}
    </section>
  );
}
