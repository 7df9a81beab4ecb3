/**
 * RFC 4180 tokenizing: comma-separated fields, double-quoted fields that may hold commas, newlines and doubled
 * quotes, CRLF / LF / CR line ends, an optional UTF-8 byte-order mark. Numbers come later (csv.ts); this layer
 * only splits text and reports where the text is malformed.
 */

export interface CsvSyntaxProblem {
  /** 1-based record number, the header being row 1 (a spreadsheet's row number). */
  row: number;
  /** 0-based field index within the row. */
  field: number;
  message: string;
}

export interface CsvTokens {
  /** Records in file order; blank lines are skipped. */
  records: string[][];
  /** The row number of each record (blank lines still count, so numbers match the file). */
  rows: number[];
  /** The first malformed spot; `records` holds everything before it. */
  problem?: CsvSyntaxProblem;
}

function isRecordEnd(ch: string | undefined): boolean {
  return ch === undefined || ch === '\n' || ch === '\r';
}

function skipBlanks(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

export function tokenizeCsv(text: string, maxRecords = Infinity): CsvTokens {
  const records: string[][] = [];
  const rows: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row = 0;
  while (i < text.length && records.length < maxRecords) {
    row++;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      // Spaces around a quoted field are tolerated (hand-written files have them); inside it they are kept.
      const quoteAt = skipBlanks(text, i);
      if (text[quoteAt] === '"') {
        let start = quoteAt + 1;
        for (;;) {
          const quote = text.indexOf('"', start);
          if (quote < 0) {
            return { records, rows, problem: { row, field: fields.length, message: 'a quoted field is never closed' } };
          }
          value += text.slice(start, quote);
          if (text[quote + 1] !== '"') {
            i = skipBlanks(text, quote + 1);
            break;
          }
          value += '"';
          start = quote + 2;
        }
        if (text[i] !== ',' && !isRecordEnd(text[i])) {
          const message = `unexpected ${JSON.stringify(text[i])} after a closing quote`;
          return { records, rows, problem: { row, field: fields.length, message } };
        }
      } else {
        const start = i;
        while (text[i] !== ',' && !isRecordEnd(text[i])) i++;
        value = text.slice(start, i);
      }
      fields.push(value);
      if (text[i] !== ',') break;
      i++;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (fields.length === 1 && fields[0].trim() === '') continue;
    records.push(fields);
    rows.push(row);
  }
  return { records, rows };
}
