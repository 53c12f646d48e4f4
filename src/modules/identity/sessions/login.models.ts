export type LoginFormError = { field: 'tenant' | 'login' | 'password'; message: string };

/** Only same-site paths are allowed as the target after login (no open redirect). */
export const safeNext = (value: unknown) =>
  typeof value === 'string' && /^\/(?!\/)[\w\-/.?=&%]*$/.test(value) ? value : '/';

/** What the login form lacks before any password is checked (`name@landkreis` names the county). */
export function loginFormErrors(form: { tenant: string; login: string; password: string }) {
  const errors: LoginFormError[] = [];
  if (!form.tenant && !form.login.includes('@'))
    errors.push({ field: 'tenant', message: 'Bitte wählen Sie Ihren Landkreis.' });
  if (!form.login) errors.push({ field: 'login', message: 'Bitte geben Sie Ihren Benutzernamen ein.' });
  if (!form.password) errors.push({ field: 'password', message: 'Bitte geben Sie Ihr Passwort ein.' });
  return errors;
}
