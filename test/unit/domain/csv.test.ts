import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, csvRecord, utf8ByteOrderMark } from '../../../shared/domain/csv.ts';
import { parseCsv } from '../../support/csv-reader.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes a field only when it holds a comma, a quote, CR or LF, doubling quotes inside', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hello"')).toBe('"say ""hello"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(false)).toBe('false');
  });

  it('puts an apostrophe before a text cell a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(csvField('+41 22 730 5111')).toBe("'+41 22 730 5111");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-1)).toBe('-1');
  });

  it('writes a BOM, a header and CRLF-ended records that read back exactly', () => {
    const rows = [
      ['WSIS22-OS-000001', 'Connectivité, "rurale"', 'ligne 1\r\nligne 2', 'C2; C7'],
      ['WSIS22-OS-000002', 'العربية', '', '=1+1'],
    ];
    const text = csvDocument(['reference', 'title', 'body', 'action_lines'], rows);
    expect(text.startsWith(utf8ByteOrderMark)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ['reference', 'title', 'body', 'action_lines'],
      rows[0],
      ['WSIS22-OS-000002', 'العربية', '', "'=1+1"],
    ]);
    expect(csvRecord(['a', 'b,c'])).toBe('a,"b,c"');
  });
});
