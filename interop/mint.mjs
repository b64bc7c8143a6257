// Mints a session token with the real library, as a Next.js app would put it in its cookie:
//
//   NEXTAUTH_SECRET=... node interop/mint.mjs [nextauth_v4 | authjs] ['{"name":"Ada","role":"admin"}']
//
// The secret is NEXTAUTH_SECRET, else AUTH_SECRET. Auth.js salts with the cookie name:
// `authjs.session-token`, or SESSION_COOKIE when set (e.g. `__Secure-authjs.session-token`).
// Prints the token on stdout; the session lasts MAX_AGE seconds (default 30 days).

import { encode } from "./libs.mjs";

const codec = process.argv[2] ?? "nextauth_v4";
if (codec !== "nextauth_v4" && codec !== "authjs") {
  console.error("usage: node interop/mint.mjs [nextauth_v4 | authjs] [claims-json]");
  process.exit(2);
}
const claims = JSON.parse(process.argv[3] ?? '{"sub":"user-1","name":"Ada","email":"ada@example.com","role":"admin"}');
const secret = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
if (!secret) {
  console.error("set NEXTAUTH_SECRET (or AUTH_SECRET) to the secret of the app and the API");
  process.exit(2);
}
const salt = process.env.SESSION_COOKIE || "authjs.session-token";
const maxAge = Number(process.env.MAX_AGE || 30 * 24 * 60 * 60);
process.stdout.write(`${await encode(codec, { token: claims, secrets: [secret], salt, maxAge })}\n`);
