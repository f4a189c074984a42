-- login: POST /api/auth/login
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id", "username", "display_name", "org_id", "region_code", "phone_enc", "status", "password_hash", "password_changed_at", "must_change_password", "failed_logins", "locked_until", "totp_secret_enc", "totp_enabled", "totp_last_step", "last_login_at", "created_at", "updated_at", "search"
  from "users"
  where "users"."username" = $1;

-- 2
select "client", "failures", "since"
  from "login_client_failures"
  where "login_client_failures"."client" = $1;

-- 3
UPDATE users SET failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END, locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE NULL END
  WHERE id = $4 AND (locked_until IS NULL OR locked_until <= $5::timestamptz)
  RETURNING locked_until;

-- 4
SELECT u.id AS user_id, u.username, u.display_name, u.org_id, (select "orgs"."name" from "orgs" where "orgs"."id" = u.org_id) AS org_name, u.region_code, u.status, coalesce((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'name', r.name, 'dataScope', r.data_scope, 'adminKind', r.admin_kind, 'permissions', r.permissions) ORDER BY r.code) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id), '[]'::json) AS roles
  FROM users u
  WHERE u.id = $1;

-- 5
delete
  from "login_client_failures"
  where "login_client_failures"."client" = $1;

-- 6
update "users" set "failed_logins" = $1, "last_login_at" = $2
  where "users"."id" = $3;

-- 7
insert into "sessions" ("id", "user_id", "stage", "ip", "user_agent", "created_at", "last_seen_at", "expires_at", "revoked_at", "revoke_reason")
  values ($1, $2, $3, $4, $5, $6, $7, $8, default, default);

-- 8
SELECT pg_advisory_xact_lock($1);

-- 9
select "seq", "hash"
  from "audit_log"
  order by "audit_log"."seq" desc
  limit $1;

-- 10
insert into "audit_log" ("seq", "at", "category", "action", "entity", "entity_id", "actor_id", "actor_name", "ip", "region_code", "org_id", "outcome", "summary", "changes", "prev_hash", "hash", "hash_alg", "key_id")
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
  returning "seq", "at", "category", "action", "entity", "entity_id", "actor_id", "actor_name", "ip", "region_code", "org_id", "outcome", "summary", "changes", "prev_hash", "hash", "hash_alg", "key_id";
