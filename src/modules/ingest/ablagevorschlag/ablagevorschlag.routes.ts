import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from '../../../platform/http/schemas.ts';
import type { AblagevorschlagUsecases } from './ablagevorschlag.usecases.ts';

const vorschlag = z.object({ klasse: z.string(), konfidenz: z.number() }).nullable();
const kandidaten = z.array(z.object({ klasse: z.string(), konfidenz: z.number() }));
const antwort = z
  .object({
    einheit: vorschlag.openapi({ description: 'Aktenplaneinheit (Kennung) oder null unter der Schwelle' }),
    akte: vorschlag.openapi({ description: 'Akte (Kennung; keine zu den Akten verfügte)' }),
    vorgang: vorschlag.openapi({ description: 'Vorgang (Kennung; die Akte folgt aus ihm)' }),
    art: vorschlag.openapi({ description: 'Dokumentart (eingang, ausgang, intern)' }),
    kandidaten: z.object({ einheit: kandidaten, akte: kandidaten, vorgang: kandidaten, art: kandidaten }),
  })
  .openapi('Ablagevorschlag');

/** Filing suggestions for a text, from the county's own filed documents. */
export function registerAblagevorschlagRoutes(
  api: ApiRouter,
  { ablagevorschlaege }: { ablagevorschlaege: AblagevorschlagUsecases },
) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/ablagevorschlaege',
      tags: ['Posteingang'],
      security: bearerSecurity,
      summary: 'Ablagevorschlag (Aktenplaneinheit, Akte, Vorgang, Dokumentart) mit Konfidenz für einen Text',
      request: jsonBody(
        z.object({ titel: z.string().max(500).optional(), text: z.string().max(100_000) }).strict(),
      ),
      responses: { 200: jsonResponse(antwort), ...errorResponses },
    }),
    async (c) => c.json(await ablagevorschlaege.suggestFor(requirePrincipal(c), c.req.valid('json')), 200),
  );
}
