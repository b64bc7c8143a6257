// The sessions a Next.js app keeps in a database, written and read through the real Auth.js
// adapters, for the Rust tests to run as a subprocess:
//
//   node interop/adapters.mjs <pg | unstorage> <command> [json-arg]
//
// Prints exactly one line of JSON on stdout and exits 0, or prints an error on stderr and exits
// 1. Dates print as JSON.stringify prints them (toISOString); any other value as the adapter
// returned it.
//
// Adapters:
//   pg         PostgresAdapter(new pg.Pool({ connectionString: DATABASE_URL })) of
//              @auth/pg-adapter, in the Postgres schema PGSCHEMA_NAME (default `public`,
//              through the pool's `options: "-c search_path=<name>"`).
//   unstorage  UnstorageAdapter(createStorage({ driver: redisDriver({ url: REDIS_URL }) })) of
//              @auth/unstorage-adapter, with `baseKeyPrefix: AUTH_REDIS_BASE_PREFIX` when set.
//              Keys: `<prefix>user:<id>`, `<prefix>user:session:<sessionToken>` (JSON strings),
//              `<prefix>user:email:<email>` and `<prefix>user:session:by-user-id:<id>`.
//
// Commands (each calls the adapter method named):
//   create-user    '{"name":..,"email":..,"image":..,"emailVerified":null}'   createUser
//                  -> the user the adapter returns (pg: an integer id; unstorage: a UUID)
//   create-session '{"userId":..,"expires":"<ISO>","sessionToken":"<default: a random UUID>"}'
//                  createSession -> {"sessionToken":..,"userId":..,"expires":"<ISO>"}
//   get            '{"sessionToken":..}'   getSessionAndUser -> null | {"session":..,"user":..}
//   update         '{"sessionToken":..,"expires":"<ISO>"}'   updateSession -> what it returns
//                  (pg: always null; unstorage: the updated session, or null when none)
//   delete         '{"sessionToken":..}'   deleteSession -> null
//   delete-user    '{"id":..}'   deleteUser -> null (pg also deletes the user's sessions)
//                  unstorage: with unstorage 1.17.6 deleteUser throws "[unstorage] Invalid key:
//                  null" (exit 1) when the user has no linked account (or no session): it
//                  removes the key it looked up even when the lookup found none, and unstorage
//                  1.17.6 is the first to refuse such a key. Its other removals still go through.
//   schema         pg only: CREATE SCHEMA IF NOT EXISTS PGSCHEMA_NAME, then drops and creates
//                  the four tables of tests/sql/pg-adapter.sql in it -> {"schema":..,"tables":[..]}

import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";

// Never hang a test: a service that does not answer ends the process.
const TIMEOUT_MS = Number(process.env.ADAPTERS_TIMEOUT_MS || 20000);
setTimeout(() => {
  process.stderr.write(`error: no answer within ${TIMEOUT_MS} ms\n`);
  process.exit(1);
}, TIMEOUT_MS).unref();

const USAGE = "usage: node interop/adapters.mjs <pg | unstorage> " +
  "<create-user | create-session | get | update | delete | delete-user | schema> [json-arg]";

const TABLES = ["verification_token", "accounts", "sessions", "users"];

class UsageError extends Error {}

function env(name) {
  const value = process.env[name];
  if (!value) throw new UsageError(`set ${name}`);
  return value;
}

/** PGSCHEMA_NAME: a plain lower-case identifier, the same unquoted in search_path and in SQL. */
function pgSchemaName() {
  const name = process.env.PGSCHEMA_NAME || "public";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new UsageError(`PGSCHEMA_NAME must match [a-z_][a-z0-9_]{0,62}, not ${JSON.stringify(name)}`);
  }
  return name;
}

async function openPg() {
  const { default: pg } = await import("pg");
  const { default: PostgresAdapter } = await import("@auth/pg-adapter");
  const schema = pgSchemaName();
  const pool = new pg.Pool({
    connectionString: env("DATABASE_URL"),
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 10000,
  });
  pool.on("error", () => {}); // an idle client's error; the query that needs it reports its own
  return { adapter: PostgresAdapter(pool), pool, schema, close: () => pool.end() };
}

async function openUnstorage() {
  const { createStorage } = await import("unstorage");
  const { default: redisDriver } = await import("unstorage/drivers/redis");
  const { UnstorageAdapter } = await import("@auth/unstorage-adapter");
  // No reconnecting: a Redis that is down fails the command instead of queueing it forever.
  const driver = redisDriver({ url: env("REDIS_URL"), retryStrategy: () => null, maxRetriesPerRequest: 1 });
  const opened = { lastError: undefined };
  // ioredis reports a refused connection as an event (and only as "Connection is closed." to
  // the command): keep it for the error message.
  driver.getInstance().on("error", (e) => (opened.lastError = e));
  const storage = createStorage({ driver });
  const options = {};
  if (process.env.AUTH_REDIS_BASE_PREFIX) options.baseKeyPrefix = process.env.AUTH_REDIS_BASE_PREFIX;
  opened.adapter = UnstorageAdapter(storage, options);
  opened.close = () => storage.dispose();
  return opened;
}

function parseArg(text) {
  if (text === undefined) throw new UsageError("this command needs a JSON argument");
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`the argument is not JSON: ${e.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError("the argument must be a JSON object");
  }
  return value;
}

function required(arg, key) {
  if (arg[key] === undefined || arg[key] === null) throw new UsageError(`the argument needs "${key}"`);
  return arg[key];
}

function date(value, key) {
  const d = new Date(value);
  if (typeof value !== "string" || Number.isNaN(d.getTime())) {
    throw new UsageError(`"${key}" must be a date string (ISO 8601), not ${JSON.stringify(value)}`);
  }
  return d;
}

async function run(name, opened, command, text) {
  const { adapter } = opened;
  switch (command) {
    case "create-user": {
      const user = { ...parseArg(text) };
      if (typeof user.emailVerified === "string") user.emailVerified = date(user.emailVerified, "emailVerified");
      if (user.emailVerified === undefined) user.emailVerified = null;
      return await adapter.createUser(user);
    }
    case "create-session": {
      const arg = parseArg(text);
      const session = await adapter.createSession({
        sessionToken: arg.sessionToken ?? randomUUID(),
        userId: required(arg, "userId"),
        expires: date(required(arg, "expires"), "expires"),
      });
      return { sessionToken: session.sessionToken, userId: session.userId, expires: session.expires };
    }
    case "get":
      return await adapter.getSessionAndUser(required(parseArg(text), "sessionToken"));
    case "update": {
      const arg = parseArg(text);
      return await adapter.updateSession({
        sessionToken: required(arg, "sessionToken"),
        expires: date(required(arg, "expires"), "expires"),
      });
    }
    case "delete":
      return await adapter.deleteSession(required(parseArg(text), "sessionToken"));
    case "delete-user":
      return await adapter.deleteUser(required(parseArg(text), "id"));
    case "schema": {
      if (name !== "pg") throw new UsageError("`schema` is for the pg adapter only");
      const ddl = await readFile(new URL("../tests/sql/pg-adapter.sql", import.meta.url), "utf8");
      const client = await opened.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${opened.schema}`);
        await client.query(`SET LOCAL search_path TO ${opened.schema}`);
        await client.query(`DROP TABLE IF EXISTS ${TABLES.map((t) => `${opened.schema}.${t}`).join(", ")}`);
        await client.query(ddl);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
      return { schema: opened.schema, tables: TABLES };
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

function finish(code, out, err) {
  if (err) process.stderr.write(err);
  // Exit once stdout is flushed, whatever handles are still open.
  process.stdout.write(out ?? "", () => process.exit(code));
}

const [name, command, text] = process.argv.slice(2);
let opened;
try {
  if (name === "pg") opened = await openPg();
  else if (name === "unstorage") opened = await openUnstorage();
  else throw new UsageError(name ? `unknown adapter ${JSON.stringify(name)}` : "name an adapter");
  if (!command) throw new UsageError("name a command");
  const result = await run(name, opened, command, text);
  await opened.close();
  finish(0, `${JSON.stringify(result ?? null)}\n`);
} catch (e) {
  if (opened) await Promise.resolve().then(opened.close).catch(() => {});
  const cause = opened?.lastError ? ` (redis: ${opened.lastError.message})` : "";
  const message = e instanceof UsageError ? `error: ${e.message}\n${USAGE}\n` : `error: ${e?.stack ?? e}${cause}\n`;
  finish(1, "", message);
}
