/**
 * Worker of bench/search.ts: computes the search vectors of a batch of generated documents with the
 * application's analyzer (the same function the indexer uses), so loading a million documents uses
 * both cores while the main thread generates and PostgreSQL inserts.
 */
import { parentPort } from 'node:worker_threads';
import * as search from '../src/modules/search/search.module.ts';

type Vectors = (input: { titel: string; meta: string; content: string }) => { search: string; head: string };
const searchVectors = (search as unknown as { searchVectors: Vectors }).searchVectors;

parentPort!.on(
  'message',
  (batch: { id: number; docs: Array<{ titel: string; meta: string; content: string }> }) => {
    const vectors = batch.docs.map((d) => searchVectors(d));
    parentPort!.postMessage({
      id: batch.id,
      search: vectors.map((v) => v.search),
      head: vectors.map((v) => v.head),
    });
  },
);
