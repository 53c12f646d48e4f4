-- Search: planning a statement with a long list of Vorgänge (a case worker's visible Vorgänge, a
-- status filter's) estimated every element against the most common values of dokumente.vorgang_id
-- (100 by default): 2.7 ms per occurrence of a list of 470 Vorgänge at a million documents, and a
-- search repeats the list in its estimates and statement. With 10 the estimate rests on the number
-- of distinct Vorgänge (Vorgänge hold similar numbers of documents) and costs 0.4 ms; the estimates
-- of a case worker's search were planned in 1.5 instead of 3.9 ms (README "Suche").
alter table dokumente alter column vorgang_id set statistics 10;
analyze dokumente (vorgang_id);
