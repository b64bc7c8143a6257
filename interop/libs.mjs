// The real libraries, loaded once for generate.mjs and check.mjs: `next-auth/jwt` (NextAuth.js
// v4) and `@auth/core/jwt` (Auth.js), plus the cookie chunking each of them uses internally.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import nextAuthJwt from "next-auth/jwt";
import * as authJwt from "@auth/core/jwt";

const require = createRequire(import.meta.url);

/** The installed version of `name` as `from` resolves it, from its own package.json. */
function versionOf(name, entry = name, from = require) {
  let dir = dirname(from.resolve(entry));
  while (!dir.endsWith(join("node_modules", ...name.split("/")))) dir = dirname(dir);
  return require(join(dir, "package.json")).version;
}

// `SessionStore` (the class that splits a large session cookie into `<name>.0`, `<name>.1`, ...)
// is not exported by either package, so it is loaded from its file beside the exported module.
const nextAuthCookie = require(
  join(dirname(require.resolve("next-auth/jwt")), "..", "core", "lib", "cookie.js"),
);
const authCoreDir = dirname(fileURLToPath(import.meta.resolve("@auth/core/jwt")));
const authCookie = await import(
  pathToFileURL(join(authCoreDir, "lib", "utils", "cookie.js")).href
);

const quietLogger = { debug() {}, error() {}, warn() {} };

export const versions = {
  node: process.version,
  "next-auth": versionOf("next-auth", "next-auth/jwt"),
  "jose (next-auth's)": versionOf("jose", "jose", createRequire(require.resolve("next-auth/jwt"))),
  "@auth/core": versionOf("@auth/core", "@auth/core/jwt"),
  "jose (@auth/core's)": versionOf("jose"),
};

/** The session cookies (`[{ name, value }]`) a library writes for `token` under `cookieName`. */
export function chunkCookies(codec, token, cookieName) {
  const store =
    codec === "nextauth_v4"
      ? new nextAuthCookie.SessionStore({ name: cookieName, options: {} }, { cookies: {} }, quietLogger)
      : new authCookie.SessionStore({ name: cookieName, options: {} }, {}, quietLogger);
  return store.chunk(token, {}).map(({ name, value }) => ({ name, value }));
}

/** A library's `encode`: v4 takes one secret and an empty salt, Auth.js secrets and a salt. */
export function encode(codec, { token, secrets, salt, maxAge }) {
  return codec === "nextauth_v4"
    ? nextAuthJwt.encode({ token, secret: secrets[0], maxAge })
    : authJwt.encode({ token, secret: secrets, salt, maxAge });
}

/** A library's `decode`: `{ ok: true, payload }` or `{ ok: false, error }`. */
export async function decode(codec, { token, secrets, salt }) {
  try {
    const payload =
      codec === "nextauth_v4"
        ? await nextAuthJwt.decode({ token, secret: secrets[0] })
        : await authJwt.decode({ token, secret: secrets, salt });
    return payload ? { ok: true, payload } : { ok: false, error: "no payload" };
  } catch (error) {
    return { ok: false, error: `${error.code ?? error.name}: ${error.message}` };
  }
}

/**
 * A library's `getToken` on a request carrying `cookies` (`[{ name, value }]`) in its Cookie
 * header: how a Next.js app reads its (possibly chunked) session cookie.
 */
export async function getToken(codec, { cookies, secrets, cookieName }) {
  const header = cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
  try {
    const payload =
      codec === "nextauth_v4"
        ? await nextAuthJwt.getToken({
            req: {
              headers: { cookie: header },
              cookies: Object.fromEntries(cookies.map(({ name, value }) => [name, value])),
            },
            secret: secrets[0],
            cookieName,
            logger: quietLogger,
          })
        : await authJwt.getToken({
            req: { headers: { cookie: header } },
            secret: secrets,
            cookieName,
            secureCookie: cookieName.startsWith("__Secure-"),
            logger: quietLogger,
          });
    return payload ? { ok: true, payload } : { ok: false, error: "getToken returned null" };
  } catch (error) {
    return { ok: false, error: `${error.code ?? error.name}: ${error.message}` };
  }
}
