import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./availability.js";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a lost or refused connection, also inside Drizzle's query error", () => {
    const shutdown = pgError("57P01", "terminating connection due to administrator command");
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert into orgs …", [], shutdown))).toBe(true);
    expect(isDatabaseUnavailable(pgError("57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("08006", "connection failure"))).toBe(true);
    expect(isDatabaseUnavailable(pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable"))).toBe(
      true,
    );
  });

  it("leaves errors of the statement itself alone (they stay 409/500)", () => {
    const unique = pgError("23505", 'duplicate key value violates unique constraint "orgs_uscc_key"');
    expect(isDatabaseUnavailable(new DrizzleQueryError("insert into orgs …", [], unique))).toBe(false);
    expect(isDatabaseUnavailable(pgError("42P01", 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
