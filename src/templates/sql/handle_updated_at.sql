-- Keeps updated_at current on every update, whatever the client sends.
-- security invoker and an empty search_path: nothing in another schema can stand in for now().
create or replace function public.handle_updated_at()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
