import { Alert, ErrorSummary, SelectField, TextField } from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';

type LoginPageProps = {
  tenants: Array<{ id: string; name: string }>;
  csrf: string;
  values?: { tenant?: string; login?: string };
  errors?: Array<{ field: string; message: string }>;
  notice?: string;
  next?: string;
};

export function LoginPage({ tenants, csrf, values = {}, errors = [], notice, next }: LoginPageProps) {
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <Layout title="Anmelden">
      <div class="kern-row">
        <div class="kern-col-12 kern-col-md-8 kern-col-lg-6">
          <h1 class="kern-heading-large">Anmelden</h1>
          <p class="kern-body">
            Für Mitarbeitende der Landkreise im interkommunalen Serviceteam E-Government.
          </p>
          {notice ? <Alert kind="info" title={notice} /> : null}
          <ErrorSummary errors={errors} />
          <form method="post" action="/anmelden" novalidate>
            <input type="hidden" name="_csrf" value={csrf} />
            {next ? <input type="hidden" name="weiter" value={next} /> : null}
            <div class="kern-stack">
              <SelectField
                id="tenant"
                label="Landkreis"
                value={values.tenant}
                error={errorOf('tenant')}
                options={[
                  { value: '', label: 'Bitte wählen' },
                  ...tenants.map((t) => ({ value: t.id, label: t.name })),
                ]}
              />
              <TextField
                id="login"
                label="Benutzername"
                value={values.login}
                autocomplete="username"
                error={errorOf('login')}
                hint="Alternativ: benutzername@landkreis"
              />
              <TextField
                id="password"
                label="Passwort"
                type="password"
                autocomplete="current-password"
                error={errorOf('password')}
              />
              <div>
                <button type="submit" class="kern-btn kern-btn--primary">
                  <span class="kern-label">Anmelden</span>
                </button>
              </div>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
