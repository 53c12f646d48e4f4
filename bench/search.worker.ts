/**
 * Worker of bench/search.ts: generates a batch of realistic documents (batch k from seed 7 + k, so
 * any batch can be generated again on its own) and computes their search vectors with the
 * application's analyzer (the function the indexer uses), so loading a million documents keeps both
 * cores busy while the main thread inserts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentGenerator } from '../src/demo/generator/documents.ts';
import * as search from '../src/modules/search/search.module.ts';

type Vectors = (input: { titel: string; meta: string; content: string }) => { search: string; head: string };
const searchVectors = (search as unknown as { searchVectors?: Vectors }).searchVectors;
const withVectors = Boolean((workerData as { vectors: boolean }).vectors && searchVectors);
const county = {
  name: 'Landkreis Nordhausen',
  places: ['Nordhausen', 'Bleicherode', 'Ellrich', 'Heringen/Helme'],
};

parentPort!.on('message', ({ batch, count }: { batch: number; count: number }) => {
  const generator = createDocumentGenerator({ seed: 7 + batch, county });
  const docs = Array.from({ length: count }, () => {
    const doc = generator.next();
    const meta = [doc.sender, doc.recipient, doc.subject, doc.reference].filter(Boolean).join(' ');
    const vectors = withVectors ? searchVectors!({ titel: doc.title, meta, content: doc.body }) : null;
    return {
      ...doc,
      meta,
      refs: search.extractReferences(`${doc.title} ${doc.reference ?? ''} ${doc.body}`).join(' '),
      search: vectors?.search ?? null,
      head: vectors?.head ?? null,
    };
  });
  parentPort!.postMessage({ batch, docs });
});
