/** 18 characters: registering authority, type, 6-digit division code, 9-character organization code, check character. */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** GB 32100-2015 character set (no I, O, Z, S, V) and position weights of the 统一社会信用代码. */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** "ok", or why the code is not a valid 统一社会信用代码. */
export function checkUscc(code: string): "ok" | "format" | "check_digit" {
  if (!USCC_PATTERN.test(code)) return "format";
  return usccCheckChar(code.slice(0, 17)) === code[17] ? "ok" : "check_digit";
}
