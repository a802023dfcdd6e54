/**
 * CSV for the open-data downloads: RFC 4180 (comma-separated, CRLF line ends, fields with a
 * comma, quote, CR or LF wrapped in double quotes and inner quotes doubled), UTF-8 with a BOM
 * so that spreadsheet programs used in Chinese offices (Excel, WPS) read the Chinese labels
 * correctly.
 */

export type CsvValue = string | number | null | undefined;

/** The UTF-8 byte order mark, as the first character of the text. */
export const CSV_BOM = "\uFEFF";

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

const NEEDS_QUOTES = /[",\r\n]/;
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula (e.g. `=HYPERLINK(…)`) gets a leading
 * apostrophe. Numbers (also as text, e.g. "-3") and a lone "-" are left alone.
 */
export function neutralizeFormula(text: string): string {
  if (text.length < 2 || !FORMULA_START.test(text) || NUMERIC.test(text)) return text;
  return `'${text}`;
}

/** One field: numbers as written by JavaScript (no rounding), null/undefined as empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : neutralizeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",");
}

/** The whole file: BOM, then one CRLF-terminated line per row. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + rows.map((row) => `${csvLine(row)}\r\n`).join("");
}

/**
 * Parses RFC 4180 text back into rows (a leading BOM is ignored). Used by the tests and handy
 * for anyone checking a download; quoted fields may contain commas, quotes and line breaks.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && input[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += ch;
    }
    i += 1;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * `attachment` with an ASCII fallback name and the real (Chinese) name as RFC 5987
 * `filename*=UTF-8''…`.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A download response for CSV text built by `toCsv`. */
export function csvResponse(csv: string, filename: string, asciiFallback: string, init: { headers?: Record<string, string> } = {}): Response {
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": attachmentDisposition(filename, asciiFallback),
      ...init.headers,
    },
  });
}
