import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const MOUNTS: Record<string, string> = {
  kern: path.join(packageDir('@kern-ux/native'), 'dist'),
  htmx: path.join(packageDir('htmx.org'), 'dist'),
  'swagger-ui': packageDir('swagger-ui-dist'),
  app: path.resolve(new URL('./assets/', import.meta.url).pathname),
};

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Serves vendored front-end assets from node_modules (no CDN: the platform works offline). */
export function registerStaticAssets(app: Hono<AppEnv>) {
  app.get('/assets/:mount/*', async (c) => {
    const root = MOUNTS[c.req.param('mount')];
    if (!root) return c.notFound();
    const rest = decodeURIComponent(c.req.path.split('/').slice(3).join('/'));
    const file = path.resolve(root, rest);
    if (!file.startsWith(root + path.sep)) return c.notFound();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return c.notFound();
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream, 200, {
      'content-type': type,
      'content-length': String(info.size),
      'cache-control': 'public, max-age=3600',
    });
  });
}
