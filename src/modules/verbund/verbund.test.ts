import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli } from '../../../test/support/cli.ts';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { createOnboardingRegistry } from '../../platform/onboarding/onboarding.ts';
import { createVerbundUsecases } from './verbund.usecases.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const cli = (...args: string[]) => runCli(t, ...args);
const addIlmKreis = [
  'tenant',
  'add',
  '--id',
  'ilm-kreis',
  '--name',
  'Ilm-Kreis',
  '--kreisschluessel',
  '16070',
];

describe('Verbund membership and onboarding', () => {
  it('`verbund tenant add` adds a fifth county end to end: member, admin login, shared artifacts, audit', async () => {
    const added = await cli(...addIlmKreis);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(
      'Ilm-Kreis (ilm-kreis, Kreisschlüssel 16070) ist dem Verbund beigetreten.',
    );
    expect(added.stdout).toContain('Straßenverkehrsamt (SVA)');
    const password = /Passwort \(nur jetzt sichtbar\): (\S+)/.exec(added.stdout)![1]!;

    const list = await cli('tenant', 'list', '--json');
    expect(JSON.parse(list.stdout).map((m: { id: string }) => m.id)).toContain('ilm-kreis');

    const session = await t.services.identity.login({ login: 'admin@ilm-kreis', password });
    expect(session.tenantId).toBe('ilm-kreis');

    const token = await t.tokenFor('ilm-kreis', ['kreis-admin']);
    const units = await t.request('/api/v1/organisationseinheiten', { token });
    expect(units.json.total).toBe(6);
    const verbund = await t.request('/api/v1/verbund', { token });
    expect(verbund.json.members).toHaveLength(5);
    const audit = await t.request('/api/v1/audit?limit=100', { token });
    expect(audit.json.items.map((e: { action: string }) => e.action)).toContain('verbund.member_joined');

    const again = await cli(...addIlmKreis);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Es gibt bereits ein Mitglied');
  });

  it('refuses wrong arguments with a clear message and a non-zero exit', async () => {
    const missing = await cli('tenant', 'add', '--id', 'x-kreis');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Fehlende Angabe --name');
    const badKey = await cli('tenant', 'add', '--id', 'x-kreis', '--name', 'X', '--kreisschluessel', '1606');
    expect(badKey.code).toBe(3);
    expect(badKey.stderr).toContain('Kreisschlüssel: genau 5 Ziffern');
    const badId = await cli('tenant', 'add', '--id', '../etc', '--name', 'X', '--kreisschluessel', '16099');
    expect(badId.code).toBe(3);
    const unknown = await cli('tenant', 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unbekannter Befehl');
    const badRole = await cli('token', 'create', '--tenant', 'nordhausen', '--role', 'gott');
    expect(badRole.code).toBe(3);
    expect(badRole.stderr).toContain('Unbekannte Rolle: gott');
  });

  it('`verbund token create --json` prints the token once as {"token": …}, and it works', async () => {
    const created = await cli(
      'token',
      'create',
      '--tenant',
      'kyffhaeuserkreis',
      '--role',
      'sachbearbeitung',
      '--user',
      'sachbearbeitung',
      '--json',
    );
    expect(created.code).toBe(0);
    const { token } = JSON.parse(created.stdout);
    const me = await t.request('/api/v1/me', { token });
    expect(me.json).toMatchObject({
      tenant: { id: 'kyffhaeuserkreis' },
      login: 'sachbearbeitung',
      roles: ['sachbearbeitung'],
    });
  });

  it('a verbund-admin adds a member through the API; everyone else gets 403', async () => {
    const caseWorker = await t.tokenFor('nordhausen', ['sachbearbeitung', 'kreis-admin']);
    const denied = await t.request('/api/v1/verbund/mitglieder', {
      token: caseWorker,
      json: { id: 'saale-holzland-kreis', name: 'Saale-Holzland-Kreis', kreisschluessel: '16074' },
    });
    expect(denied.status).toBe(403);
    const admin = await t.tokenFor('unstrut-hainich-kreis', ['verbund-admin']);
    const added = await t.request('/api/v1/verbund/mitglieder', {
      token: admin,
      json: { id: 'saale-holzland-kreis', name: 'Saale-Holzland-Kreis', kreisschluessel: '16074' },
    });
    expect(added.status).toBe(201);
    expect(added.json.received.length).toBeGreaterThan(0);
    expect(added.json.admin.login).toBe('admin@saale-holzland-kreis');
    const ownAudit = await t.request('/api/v1/audit', {
      token: await t.tokenFor('unstrut-hainich-kreis', ['kreis-admin']),
    });
    expect(ownAudit.json.items).toContainEqual(
      expect.objectContaining({ action: 'verbund.member_added', objectId: 'saale-holzland-kreis' }),
    );
    const clash = await t.request('/api/v1/verbund/mitglieder', {
      token: admin,
      json: { id: 'andere-kennung', name: 'Doppelt', kreisschluessel: '16074' },
    });
    expect(clash.status).toBe(409);
  });

  it('activates what later modules register with the onboarding hook, without touching onboarding code', async () => {
    const onboarding = createOnboardingRegistry();
    onboarding.register({
      name: 'test.templates',
      label: 'Test-Vorlagen',
      activate: async ({ tenant }) => [
        {
          kind: 'aktenplan-template',
          id: 'uhk-standard',
          label: 'Aktenplan',
          ownerTenantId: 'unstrut-hainich-kreis',
        },
        {
          kind: 'connector',
          id: 'wohngeld',
          label: `Wohngeld-Anbindung für ${tenant.name}`,
          status: 'pending' as const,
        },
      ],
    });
    const verbund = createVerbundUsecases({ database: t.services.database, onboarding });
    const result = await verbund.addMember({
      member: { id: 'weimarer-land', name: 'Landkreis Weimarer Land', kreisschluessel: '16071' },
      actor: 'test',
    });
    expect(result.received.map((r) => r.id)).toEqual(['uhk-standard', 'wohngeld']);
    const activations = await t.services.verbund.listActivations({ tenantId: 'weimarer-land' });
    expect(activations).toEqual([
      expect.objectContaining({
        artifact_kind: 'aktenplan-template',
        artifact_id: 'uhk-standard',
        owner_tenant_id: 'unstrut-hainich-kreis',
        status: 'active',
      }),
      expect.objectContaining({ artifact_kind: 'connector', artifact_id: 'wohngeld', status: 'pending' }),
    ]);
  });

  it('a failing hook rolls the whole join back: no half-member remains', async () => {
    const onboarding = createOnboardingRegistry();
    onboarding.register({
      name: 'broken',
      label: 'Kaputt',
      activate: async () => {
        throw new Error('boom');
      },
    });
    const verbund = createVerbundUsecases({ database: t.services.database, onboarding });
    await expect(
      verbund.addMember({
        member: { id: 'saalfeld-rudolstadt', name: 'Saalfeld-Rudolstadt', kreisschluessel: '16073' },
        actor: 'test',
      }),
    ).rejects.toThrow('boom');
    expect(await t.services.verbund.getMember('saalfeld-rudolstadt')).toBeUndefined();
  });
});
