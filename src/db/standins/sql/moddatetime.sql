-- kodo stand-in for moddatetime 1.0: a working PL/pgSQL version of the trigger that sets a timestamp column on UPDATE.
-- Relocatable, like the real one: objects go to the schema CREATE EXTENSION names, so no @extschema@ here.
create function moddatetime()
returns trigger
language plpgsql
as $$
begin
  if tg_when <> 'BEFORE' or tg_level <> 'ROW' or tg_op <> 'UPDATE' then
    raise exception 'moddatetime: must be fired before update for each row';
  end if;
  if tg_nargs <> 1 then
    raise exception 'moddatetime (%): a single argument was expected', tg_relname;
  end if;
  if not exists (
    select 1 from pg_catalog.pg_attribute
     where attrelid = tg_relid and attname = tg_argv[0] and not attisdropped and attnum > 0
  ) then
    raise exception 'moddatetime (%): attribute "%" not found', tg_relname, tg_argv[0];
  end if;
  new := pg_catalog.jsonb_populate_record(new, pg_catalog.jsonb_build_object(tg_argv[0], pg_catalog.now()));
  return new;
end
$$;
