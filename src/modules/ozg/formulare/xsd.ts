import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ImportWarning } from './form.models.ts';
import { XML_LIMIT_BYTES } from './xml.ts';

export type XsdResult = { valid: boolean; messages: ImportWarning[] };

export class XsdUnavailable extends Error {}

const XSD_BY_VERSION = { '2.0': '2.0/xdatenfelder.xsd', '3.0': '3.0.0/xdatenfelder.xsd' } as const;

/**
 * Validates an XDatenfelder message against the official XSD with xmllint (libxml2): offline
 * (--nonet), never substituting entities, killed after `timeoutMs`. The caller has already refused
 * DTDs and parsed the file within the structural limits (xml.ts), which also bound its size.
 */
export function validateXdf(
  bytes: Uint8Array,
  version: '2.0' | '3.0',
  xsdDir: string,
  timeoutMs = 20_000,
): Promise<XsdResult> {
  if (bytes.length > XML_LIMIT_BYTES)
    return Promise.reject(new Error(`XSD check of ${bytes.length} bytes refused (limit ${XML_LIMIT_BYTES})`));
  const xsd = path.join(xsdDir, XSD_BY_VERSION[version]);
  if (!existsSync(xsd))
    return Promise.reject(new XsdUnavailable(`XSD ${xsd} nicht gefunden (VERBUND_XDF_XSD_DIR setzen).`));
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', xsd, '-'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      if (stderr.length < 200_000) stderr += d;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new XsdUnavailable(
          error.code === 'ENOENT'
            ? 'xmllint fehlt (Debian: apt-get install libxml2-utils).'
            : `xmllint: ${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) return reject(new XsdUnavailable('XSD-Prüfung abgebrochen (Zeitlimit).'));
      const messages: ImportWarning[] = [];
      for (const line of stderr.split('\n')) {
        const match = /^-:(\d+): (?:element [^:]+: )?(?:Schemas validity error : )?(.*)$/.exec(line);
        if (match)
          messages.push({
            code: 'xsd',
            line: Number(match[1]),
            message: match[2]!.replace(/\{urn:xoev-de:fim:standard:[^}]+\}/g, 'xdf:'),
          });
      }
      // 0 valid, 3/4 validation errors; anything else is a tool failure (e.g. schema not compilable).
      if (code === 0) resolve({ valid: true, messages: [] });
      else if (code === 3 || code === 4 || messages.length > 0) resolve({ valid: false, messages });
      else reject(new XsdUnavailable(`xmllint beendet mit ${code}: ${stderr.slice(0, 300)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(bytes);
  });
}
