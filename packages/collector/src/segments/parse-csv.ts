/** RFC 4180 CSV: comma-separated, optional double-quoted fields ("" escapes a quote), LF or CRLF line ends. */

/** A parsed record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records (quoted fields may contain commas and line breaks). Blank lines are
 * skipped. A quote that never closes runs to the end of the text (the last record takes the rest).
 */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let any = false; // the current record has content
  const endRecord = () => {
    if (any || fields.length) out.push({ line: start, fields: [...fields, field] });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch == '"' && text[i + 1] == '"') (field += '"'), i++;
      else if (ch == '"') quoted = false;
      else {
        if (ch == '\n') line++;
        field += ch;
      }
    } else if (ch == '"' && field == '') (quoted = true), (any = true);
    else if (ch == ',') fields.push(field), (field = ''), (any = true);
    else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && text[i + 1] == '\n') i++;
      endRecord();
      start = ++line;
    } else (field += ch), (any = true);
  }
  endRecord();
  return out;
}
