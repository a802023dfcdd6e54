/**
 * Chinese organisation identifiers used in 索引号:
 * - 组织机构代码 (GB 11714): 8 digits/capital letters + a check character (digit or X);
 * - 统一社会信用代码 (GB 32100): 18 characters from a 31-character alphabet, the last a check character.
 */

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function orgCodeCharValue(ch: string): number {
  if (/[0-9]/.test(ch)) return Number(ch);
  if (/[A-Z]/.test(ch)) return ch.charCodeAt(0) - 55; // A = 10
  return -1;
}

export function orgCodeCheckChar(body8: string): string {
  const sum = [...body8].reduce((acc, ch, i) => acc + orgCodeCharValue(ch) * ORG_CODE_WEIGHTS[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

export function usccCheckChar(body17: string): string {
  const sum = [...body17].reduce((acc, ch, i) => acc + USCC_ALPHABET.indexOf(ch) * USCC_WEIGHTS[i]!, 0);
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c]!;
}

export function isValidOrgCode(code: string): boolean {
  if (/^[0-9A-Z]{8}[0-9X]$/.test(code)) return orgCodeCheckChar(code.slice(0, 8)) === code[8];
  if (code.length === 18 && [...code].every((ch) => USCC_ALPHABET.includes(ch))) {
    return usccCheckChar(code.slice(0, 17)) === code[17];
  }
  return false;
}

/** The Chinese reason an org code is refused, or null. */
export function orgCodeProblem(code: string): string | null {
  if (code.length === 0) return "请输入组织机构代码或统一社会信用代码。";
  if (code.length !== 9 && code.length !== 18) {
    return "应为 9 位组织机构代码或 18 位统一社会信用代码。";
  }
  if (!isValidOrgCode(code)) return "代码格式或校验位不正确，请核对。";
  return null;
}
