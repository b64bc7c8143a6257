-- @auth/kysely-adapter's documented migration (db/migrations/001_create_db.ts) for
-- PostgreSQL, as SQL: uuid ids from gen_random_uuid(), timestamptz times.
CREATE TABLE "User" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "name" text,
  "email" text NOT NULL UNIQUE,
  "emailVerified" timestamptz,
  "image" text
);

CREATE TABLE "Account" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "userId" uuid NOT NULL REFERENCES "User" ("id") ON DELETE CASCADE,
  "type" text NOT NULL,
  "provider" text NOT NULL,
  "providerAccountId" text NOT NULL,
  "refresh_token" text,
  "access_token" text,
  "expires_at" bigint,
  "token_type" text,
  "scope" text,
  "id_token" text,
  "session_state" text
);

CREATE TABLE "Session" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "userId" uuid NOT NULL REFERENCES "User" ("id") ON DELETE CASCADE,
  "sessionToken" text NOT NULL UNIQUE,
  "expires" timestamptz NOT NULL
);

CREATE TABLE "VerificationToken" (
  "identifier" text NOT NULL,
  "token" text NOT NULL UNIQUE,
  "expires" timestamptz NOT NULL
);

CREATE INDEX "Account_userId_index" ON "Account" ("userId");

CREATE INDEX "Session_userId_index" ON "Session" ("userId");
