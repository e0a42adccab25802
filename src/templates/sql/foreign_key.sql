do $$
begin
  if not exists (
    select 1 from pg_catalog.pg_constraint
    where conrelid = {{table_literal}}::regclass and conname = {{name_literal}}
  ) then
    alter table {{table}}
      add constraint {{name}}
      foreign key ({{column}}) references {{referenced}} ({{referenced_column}})
      on delete {{on_delete}};
  end if;
end;
$$;
