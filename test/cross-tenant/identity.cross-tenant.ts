import { defineCrossTenantCase } from '../support/cross-tenant.ts';

export const identityCrossTenant = defineCrossTenantCase({
  name: 'Benutzer und API-Tokens',
  covers: ['/benutzer/{id}', '/tokens/{id}'],
  async setup({ t, ownerTenant, ownerToken }) {
    const user = await t.request('/api/v1/benutzer', {
      token: ownerToken,
      json: {
        login: `geheim${Date.now()}`,
        displayName: 'Geheim',
        password: 'ein-langes-passwort',
        roles: ['lesen'],
      },
    });
    const token = await t.request('/api/v1/tokens', {
      token: ownerToken,
      json: { name: 'Fachverfahren X', roles: ['lesen'] },
    });
    if (user.status !== 201 || token.status !== 201)
      throw new Error(`setup failed for ${ownerTenant}: ${user.text} ${token.text}`);
    return {
      probes: [
        { method: 'GET', path: `/api/v1/benutzer/${user.json.id}` },
        { method: 'DELETE', path: `/api/v1/tokens/${token.json.id}` },
      ],
      lists: [
        { path: '/api/v1/benutzer', ids: [user.json.id] },
        { path: '/api/v1/tokens', ids: [token.json.id] },
      ],
    };
  },
});
