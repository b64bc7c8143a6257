// Writes test vectors made by the real `next-auth` (v4) and `@auth/core` (Auth.js) codecs:
//
//   node interop/generate.mjs [out.json]     (default: interop/vectors.json)
//
// Every vector is checked with the library's own `decode` (and `getToken` for chunked cookies)
// before it is written, and its expectation is what the library itself concluded, so the file
// records the libraries' behaviour, not this script's opinion. Valid tokens expire on
// 2100-01-01 and expired ones on 2020-01-01, so the committed file stays right forever.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { hkdf } from "@panva/hkdf";
import { EncryptJWT, base64url, calculateJwkThumbprint } from "jose";

import { chunkCookies, decode, encode, getToken, versions } from "./libs.mjs";

const YEAR_2100 = 4102444800;
const YEAR_2020 = 1577836800;
const now = () => Math.floor(Date.now() / 1000);
/** The `maxAge` that makes `encode`'s `exp` (now + maxAge) land on `exp`. */
const maxAgeUntil = (exp) => exp - now();

const SECRET = "interop secret: at least thirty-two bytes long, really";
const OLD_SECRET = "interop secret, the previous one: also 32+ bytes";
const OTHER_SECRET = "some other app's secret, 32 bytes or more too";

const SHAPES = {
  small: { name: "Ada Lovelace", email: "ada@example.com", picture: null, sub: "42", role: "admin" },
  unicode: {
    name: "Zoë Ångström-Łukasz 李小龙 🚀",
    email: "zoë@exämple.com",
    "ключ 🔑": "значение ✓",
    escapes: "quote \" backslash \\ newline \n tab \t nul \u0000 end",
  },
  nested: {
    sub: "user-1",
    user: { roles: ["admin", "editor"], org: { id: "org_1", plan: "pro", seats: 12 } },
    "https://example.com/roles": ["admin"],
    permissions: { "posts:write": true, "posts:delete": false },
    numbers: [0, -1, 1.5, 1e-7, 9007199254740991, -9007199254740991],
    empty: { list: [], object: {} },
    nothing: null,
  },
  empty: {},
};

/** Claims large enough that the token needs three or more cookies, yet under 16 KiB. */
function largeClaims() {
  const groups = Array.from({ length: 120 }, (_, i) => `group-${String(i).padStart(3, "0")}-членство`);
  return { sub: "big-user", name: "Large Claims", groups, note: "x".repeat(4000) };
}

function segments(token) {
  return token.split(".");
}

/** `token` with one character of segment `index` changed, mid-segment. */
function alter(token, index) {
  const parts = segments(token);
  const segment = parts[index];
  const at = Math.floor(segment.length / 2);
  const swapped = segment[at] === "A" ? "B" : "A";
  parts[index] = segment.slice(0, at) + swapped + segment.slice(at + 1);
  return parts.join(".");
}

/** `token` under a different protected header, same IV, ciphertext and tag. */
function withHeader(token, header) {
  const parts = segments(token);
  parts[0] = Buffer.from(JSON.stringify(header)).toString("base64url");
  return parts.join(".");
}

/** An Auth.js-keyed token written with `jose` directly, for header shapes `encode` never writes. */
async function craftAuthJs({ enc, secret, salt, kid, claims, exp }) {
  const key = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, enc === "A256GCM" ? 32 : 64);
  const thumbprint = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}`);
  const header = { alg: "dir", enc };
  if (kid === "thumbprint") header.kid = thumbprint;
  else if (kid !== undefined) header.kid = kid;
  return new EncryptJWT(claims)
    .setProtectedHeader(header)
    .setIssuedAt()
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/**
 * A vector: the token, the secrets to decode it with, and the expectation, which must be the
 * library's own verdict. Valid vectors carry the claims the library decoded.
 */
async function vector(suite, name, { token, secrets, expect, cookies, note, checkWith = secrets }) {
  const verdict = await decode(suite.codec, { token, secrets: checkWith, salt: suite.salt });
  if (verdict.ok !== (expect === "valid")) {
    throw new Error(`${suite.name}/${name}: expected ${expect}, the library said ${JSON.stringify(verdict)}`);
  }
  const entry = { name, token, secrets, expect };
  if (note) entry.note = note;
  if (verdict.ok) entry.claims = verdict.payload;
  else entry.library_error = verdict.error;
  if (cookies) {
    const read = await getToken(suite.codec, { cookies, secrets, cookieName: suite.cookie_name });
    if (!read.ok || JSON.stringify(read.payload) !== JSON.stringify(verdict.payload)) {
      throw new Error(`${suite.name}/${name}: getToken did not read the chunked cookies: ${JSON.stringify(read)}`);
    }
    entry.cookies = cookies;
  }
  return entry;
}

async function suiteVectors(suite) {
  const { codec, salt } = suite;
  const valid = (token, secrets = [SECRET]) =>
    encode(codec, { token, secrets, salt, maxAge: maxAgeUntil(YEAR_2100) });
  const vectors = [];
  for (const [name, claims] of Object.entries(SHAPES)) {
    vectors.push(await vector(suite, name, { token: await valid(claims), secrets: [SECRET], expect: "valid" }));
  }

  const large = await valid(largeClaims());
  const cookies = chunkCookies(codec, large, suite.cookie_name);
  if (cookies.length < 3) throw new Error(`the large token (${large.length} bytes) made ${cookies.length} cookies`);
  vectors.push(await vector(suite, "large_chunked", {
    token: large,
    secrets: [SECRET],
    expect: "valid",
    cookies,
    note: `${large.length} characters, written as ${cookies.length} cookies by the library's SessionStore`,
  }));

  const small = vectors[0].token;
  vectors.push(await vector(suite, "rotated_old_secret", {
    token: await valid(SHAPES.small, [OLD_SECRET]),
    secrets: [SECRET, OLD_SECRET],
    expect: "valid",
    // next-auth v4's decode takes one secret: it checks the token with the one that made it.
    checkWith: codec === "nextauth_v4" ? [OLD_SECRET] : [SECRET, OLD_SECRET],
    note: codec === "nextauth_v4"
      ? "encoded with the old secret; next-auth v4 takes one secret, so the library checked it with that one"
      : "encoded with the old secret; its kid names the old secret's key",
  }));
  vectors.push(await vector(suite, "expired", {
    token: await encode(codec, { token: SHAPES.small, secrets: [SECRET], salt, maxAge: maxAgeUntil(YEAR_2020) }),
    secrets: [SECRET],
    expect: "expired",
  }));
  vectors.push(await vector(suite, "not_yet_valid", {
    token: await valid({ ...SHAPES.small, nbf: YEAR_2100 - 3600 }),
    secrets: [SECRET],
    expect: "not_yet_valid",
  }));
  vectors.push(await vector(suite, "wrong_secret", {
    token: await valid(SHAPES.small, [OTHER_SECRET]),
    secrets: [SECRET],
    expect: "invalid_signature",
  }));
  vectors.push(await vector(suite, "tampered_ciphertext", { token: alter(small, 3), secrets: [SECRET], expect: "invalid_signature" }));
  vectors.push(await vector(suite, "tampered_tag", { token: alter(small, 4), secrets: [SECRET], expect: "invalid_signature" }));
  vectors.push(await vector(suite, "tampered_iv", { token: alter(small, 2), secrets: [SECRET], expect: "invalid_signature" }));
  const header = JSON.parse(Buffer.from(segments(small)[0], "base64url"));
  vectors.push(await vector(suite, "tampered_header", {
    token: withHeader(small, { ...header, typ: "JWT" }),
    secrets: [SECRET],
    expect: "invalid_signature",
    note: "an extra header member: the header is the additional authenticated data",
  }));
  vectors.push(await vector(suite, "other_enc", {
    token: withHeader(small, { ...header, enc: "A128GCM" }),
    secrets: [SECRET],
    expect: "wrong_algorithm",
  }));
  vectors.push(await vector(suite, "other_alg", {
    token: withHeader(small, { ...header, alg: "A256KW" }),
    secrets: [SECRET],
    expect: "wrong_algorithm",
  }));
  vectors.push(await vector(suite, "four_segments", {
    token: segments(small).slice(0, 4).join("."),
    secrets: [SECRET],
    expect: "malformed",
  }));

  if (codec === "authjs") {
    const craft = (options) => craftAuthJs({ secret: SECRET, salt, claims: SHAPES.small, exp: YEAR_2100, ...options });
    vectors.push(await vector(suite, "no_kid", {
      token: await craft({ enc: "A256CBC-HS512", kid: undefined }),
      secrets: [SECRET],
      expect: "valid",
      note: "written with jose: A256CBC-HS512 without a kid",
    }));
    vectors.push(await vector(suite, "a256gcm_with_kid", {
      token: await craft({ enc: "A256GCM", kid: "thumbprint" }),
      secrets: [SECRET],
      expect: "valid",
      note: "written with jose: A256GCM, 32-byte key, kid = its SHA-256 thumbprint",
    }));
    vectors.push(await vector(suite, "a256gcm_no_kid", {
      token: await craft({ enc: "A256GCM", kid: undefined }),
      secrets: [SECRET],
      expect: "valid",
      note: "written with jose: A256GCM without a kid",
    }));
    vectors.push(await vector(suite, "unknown_kid", {
      token: await craft({ enc: "A256CBC-HS512", kid: "not-a-known-key" }),
      secrets: [SECRET],
      expect: "invalid_signature",
      note: "a kid naming no key of the secrets: Auth.js finds no decryption secret",
    }));
    vectors.push(await vector(suite, "next_auth_v4_token", {
      token: await encode("nextauth_v4", { token: SHAPES.small, secrets: [SECRET], maxAge: maxAgeUntil(YEAR_2100) }),
      secrets: [SECRET],
      expect: "invalid_signature",
      note: "a next-auth v4 token: A256GCM, but keyed with v4's derivation",
    }));
  } else {
    vectors.push(await vector(suite, "authjs_token", {
      token: await encode("authjs", { token: SHAPES.small, secrets: [SECRET], salt: "authjs.session-token", maxAge: maxAgeUntil(YEAR_2100) }),
      secrets: [SECRET],
      expect: "wrong_algorithm",
      note: "an Auth.js token (A256CBC-HS512) given to next-auth v4",
    }));
  }
  return { ...suite, vectors };
}

const SUITES = [
  { name: "next-auth v4", codec: "nextauth_v4", cookie_name: "next-auth.session-token", secure: false, salt: "" },
  { name: "next-auth v4, secure cookies", codec: "nextauth_v4", cookie_name: "__Secure-next-auth.session-token", secure: true, salt: "" },
  { name: "Auth.js", codec: "authjs", cookie_name: "authjs.session-token", secure: false, salt: "authjs.session-token" },
  { name: "Auth.js, secure cookies", codec: "authjs", cookie_name: "__Secure-authjs.session-token", secure: true, salt: "__Secure-authjs.session-token" },
];

const out = process.argv[2] ?? fileURLToPath(new URL("./vectors.json", import.meta.url));
const document = {
  about:
    "Session tokens made by the real next-auth (v4) and @auth/core (Auth.js) libraries, each checked with the library's own decode " +
    "(and getToken for chunked cookies): `expect` is valid exactly when the library accepted the token, and `claims` are what it decoded; " +
    "for a refused token, `expect` names the auth_runtime::jwt::JwtError the Rust side must give (expired, not_yet_valid, " +
    "invalid_signature, wrong_algorithm, malformed) and `library_error` what the library said. Regenerate with `node interop/generate.mjs`.",
  versions,
  generated_at: new Date(now() * 1000).toISOString(),
  suites: [],
};
for (const suite of SUITES) document.suites.push(await suiteVectors(suite));
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
const count = document.suites.reduce((total, suite) => total + suite.vectors.length, 0);
console.error(`wrote ${count} vectors in ${document.suites.length} suites to ${out}`);
