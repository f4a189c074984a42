import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { SecurityPolicy } from "../../../contracts/identity.js";
import { t } from "../../core/i18n.js";

export function hashPassword(password: string): Promise<string> {
  // The package default is argon2id (m=19456 KiB, t=2, p=1), the OWASP-recommended setting.
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so both paths cost the same time. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash() {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummyHash;
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
}

/** Why a password breaks the policy, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, policy: SecurityPolicy, username?: string): string | null {
  if (password.length < policy.minLength || characterClasses(password) < policy.minClasses) {
    return t("auth.password_weak", { min: policy.minLength, classes: policy.minClasses });
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return t("auth.password_contains_username");
  }
  return null;
}

/** A random password that satisfies any policy: used for the first admin and for resets. */
export function generatePassword(length = 16): string {
  const sets = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "!@#$%^&*-_=+"];
  const all = sets.join("");
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]);
  while (chars.length < length) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
