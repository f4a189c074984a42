-- 石榴平台：PostgreSQL 最小权限配置（审计表只可追加）
--
-- Two roles: shiliu_owner owns the schema and every table and runs migrations; shiliu_app is what the server
-- connects as day to day. shiliu_app may read and write business tables, may only SELECT and INSERT audit_log,
-- owns nothing (so it cannot ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER or TRUNCATE), is not a superuser (so
-- it cannot SET session_replication_role = replica) and cannot create objects.
--
-- Run as a superuser, connected to the application's database, AFTER the tables exist (start the server or
-- `npm run db:migrate` once with the owner's or a superuser's DATABASE_URL). It is idempotent: run it again
-- after every upgrade that adds tables (default privileges already cover them; the audit revoke is re-applied).
--
--   psql "postgres://postgres@db-host/shiliu" \
--     -v owner_password='…' -v app_password='…' -f docs/sql/least-privilege.sql
--
-- Then: the server runs with DATABASE_URL=postgres://shiliu_app:…@db-host/shiliu; upgrades run
-- `DATABASE_URL=postgres://shiliu_owner:…@db-host/shiliu npm run db:migrate` before the new version starts.

\set ON_ERROR_STOP on

-- 1. The roles (created once; the passwords are (re)set on every run).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shiliu_owner') THEN
    CREATE ROLE shiliu_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shiliu_app') THEN
    CREATE ROLE shiliu_app NOLOGIN;
  END IF;
END $$;
ALTER ROLE shiliu_owner LOGIN PASSWORD :'owner_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE shiliu_app LOGIN PASSWORD :'app_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
-- The app role must not hold the owner's rights through membership.
DO $$
BEGIN
  IF pg_has_role('shiliu_app', 'shiliu_owner', 'MEMBER') THEN
    REVOKE shiliu_owner FROM shiliu_app;
  END IF;
END $$;

-- 2. The owner owns the schema and everything in it (also converts an install where the app's own role or
--    postgres created the tables).
ALTER SCHEMA public OWNER TO shiliu_owner;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') LOOP
    IF r.relkind = 'S' THEN
      -- Sequences owned by a table column follow the table; the others are moved here.
      IF NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
                     WHERE s.relname = r.relname AND d.deptype IN ('a', 'i')) THEN
        EXECUTE format('ALTER SEQUENCE public.%I OWNER TO shiliu_owner', r.relname);
      END IF;
    ELSE
      EXECUTE format('ALTER TABLE public.%I OWNER TO shiliu_owner', r.relname);
    END IF;
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.proname LIKE 'shiliu\_%' LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO shiliu_owner', r.sig);
  END LOOP;
  -- Nobody but the owner creates objects: not in the schema, not new schemas in the database.
  EXECUTE format('REVOKE CREATE ON DATABASE %I FROM PUBLIC', current_database());
END $$;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO shiliu_app;

-- 3. The app reads and writes business data …
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM shiliu_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO shiliu_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO shiliu_app;
-- … and tables that later migrations add get the same, since the owner creates them.
ALTER DEFAULT PRIVILEGES FOR ROLE shiliu_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO shiliu_app;
ALTER DEFAULT PRIVILEGES FOR ROLE shiliu_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO shiliu_app;

-- 4. The audit trail is append-only for the app: no UPDATE, DELETE or TRUNCATE (the trigger refuses them too;
--    without ownership the app cannot disable or drop the trigger, and without superuser it cannot bypass it).
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM shiliu_app;
-- The migration ledger is the owner's business.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON shiliu_migrations FROM shiliu_app;
