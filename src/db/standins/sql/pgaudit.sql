-- kodo stand-in for pgaudit 17: nothing is audited; pgaudit.* settings are accepted as placeholders anyway.
create function @extschema@.pgaudit_ddl_command_end() returns event_trigger language plpgsql as $$ begin end $$;

create function @extschema@.pgaudit_sql_drop() returns event_trigger language plpgsql as $$ begin end $$;
