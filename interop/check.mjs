// Decodes tokens written by the Rust side with the real libraries:
//
//   node interop/check.mjs cases.json
//
// cases.json: { "cases": [ { "name", "codec": "nextauth_v4" | "authjs", "secrets": [...],
//   "salt", "cookie_name", "token", "cookies"?: [{ "name", "value" }] } ] }
//
// Prints { "versions", "results": [ { "name", "decode": { ok, payload | error },
//   "get_token"?: { ok, payload | error } } ] } on stdout: `decode` is the library's
// `jwt.decode` on the token, `get_token` its `getToken` on a request carrying the cookies.

import { readFileSync } from "node:fs";

import { decode, getToken, versions } from "./libs.mjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node interop/check.mjs cases.json");
  process.exit(2);
}
const { cases } = JSON.parse(readFileSync(file, "utf8"));
const results = [];
for (const { name, codec, secrets, salt, cookie_name: cookieName, token, cookies } of cases) {
  const result = { name, decode: await decode(codec, { token, secrets, salt }) };
  if (cookies) result.get_token = await getToken(codec, { cookies, secrets, cookieName });
  results.push(result);
}
process.stdout.write(`${JSON.stringify({ versions, results }, null, 2)}\n`);
