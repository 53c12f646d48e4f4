import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The OParl 1.1 JSON Schemas as published (draft-07), read at test time. */
export const SCHEMA_DIR = path.resolve(
  import.meta.dirname,
  '../../../../../shared/standards/oparl-1.1/schema',
);

/**
 * A validator per OParl type. The schemas refer to each other both as `File.json` and as
 * `Organization` (relative to https://schema.oparl.org/1.1/), so each is registered under both ids;
 * they use the format `url` and annotation keywords (references, cardinality) of their own.
 */
export function oparlValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
  addFormats(ajv);
  ajv.addFormat('url', (value: string) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value));
  const names: string[] = [];
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
    const name = file.replace(/\.json$/, '');
    names.push(name);
    ajv.addSchema({ ...schema, $id: `https://schema.oparl.org/1.1/${name}` });
    ajv.addSchema({ ...schema, $id: `https://schema.oparl.org/1.1/${name}.json` });
  }
  return {
    names,
    /** Errors of `object` against the schema its `type` names (empty: valid). */
    check(object: { type?: unknown } & Record<string, unknown>) {
      const name = String(object.type ?? '').replace('https://schema.oparl.org/1.1/', '');
      const validate = ajv.getSchema(`https://schema.oparl.org/1.1/${name}`);
      if (!validate) return [`no schema for type ${String(object.type)}`];
      return validate(object)
        ? []
        : (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message}`);
    },
  };
}
