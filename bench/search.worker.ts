/**
 * Worker of bench/search.ts: generates a batch of realistic documents (batch k from seed 7 + k, so
 * any batch can be generated again on its own) and computes their search vectors with the
 * application's analyzer (the function the indexer uses), so loading a million documents keeps both
 * cores busy while the main thread inserts.
 */
import { parentPort } from 'node:worker_threads';
import { createDocumentGenerator } from '../src/demo/generator/documents.ts';
import { extractReferences, searchVectors } from '../src/modules/search/search.module.ts';

const county = {
  name: 'Landkreis Nordhausen',
  places: ['Nordhausen', 'Bleicherode', 'Ellrich', 'Heringen/Helme'],
};

parentPort!.on('message', ({ batch, count }: { batch: number; count: number }) => {
  const generator = createDocumentGenerator({ seed: 7 + batch, county });
  const docs = Array.from({ length: count }, () => {
    const doc = generator.next();
    const meta = [doc.sender, doc.recipient, doc.subject, doc.reference].filter(Boolean).join(' ');
    const { search, head } = searchVectors({ titel: doc.title, meta, content: doc.body });
    return {
      ...doc,
      meta,
      refs: extractReferences(`${doc.title} ${doc.reference ?? ''} ${doc.body}`).join(' '),
      search,
      head,
    };
  });
  parentPort!.postMessage({ batch, docs });
});
