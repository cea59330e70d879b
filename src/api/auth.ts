// Mutations need `Authorization: Bearer <TECHTREE_API_KEY>`. No configured key means no writes at
// all (FORBIDDEN); a missing or wrong key is UNAUTHENTICATED. Keys are compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "./context";
import { forbidden, unauthenticated } from "./errors";

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export function requireWriter(ctx: Context): void {
  const key = ctx.config.apiKey;
  if (!key) throw forbidden("mutations are disabled: the server has no TECHTREE_API_KEY");
  if (!ctx.bearer) throw unauthenticated("mutations need the header Authorization: Bearer <api key>");
  if (!sameSecret(ctx.bearer, key)) throw unauthenticated("the api key is not valid");
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}
