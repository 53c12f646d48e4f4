-- A guard for single-statement writes (database.writeAsTenant): a statement that inserts several
-- rows at once calls verbund_guard(condition, code) in its final SELECT; when the condition is
-- false the whole statement – and with it the implicit transaction – fails with SQLSTATE P0001
-- and the code as hint, so a precondition checked against live data (e.g. a service still being
-- active) keeps all-or-nothing semantics without a separate round trip.
create function verbund_guard(ok boolean, code text) returns boolean
  language plpgsql volatile as $$
begin
  if ok is not true then
    raise exception 'verbund guard failed: %', code using errcode = 'P0001', hint = code;
  end if;
  return true;
end $$;
grant execute on function verbund_guard(boolean, text) to verbund_app;
