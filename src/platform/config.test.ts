import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configDocumentation, loadConfig } from './config.ts';

describe('configuration', () => {
  it('documents every variable in the README from the same source', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = new Map(
      readme
        .split('\n')
        .map((line) => line.match(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*(.+?)\s*\|\s*$/))
        .filter((match) => match !== null)
        .map((match) => [match[1], match[2]]),
    );
    for (const [key, text] of Object.entries(configDocumentation)) expect(rows.get(key)).toBe(text);
  });

  it('defaults to the embedded database under ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(3000);
    expect(config.database).toMatchObject({ kind: 'embedded' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('switches to an external PostgreSQL with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/verbund' }).database).toMatchObject({
      kind: 'external',
      ownerUrl: 'postgres://u:p@db/verbund',
    });
  });

  it('refuses invalid values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '99999' })).toThrow(/PORT/);
  });
});
