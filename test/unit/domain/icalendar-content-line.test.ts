import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeText,
  foldLine,
  formatUtcOffset,
  serializeContentLines,
  unescapeText,
} from '../../../shared/domain/icalendar-content-line.ts';
import { arbitraryText } from './definition-arbitraries.ts';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

describe('TEXT escaping', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('drops control characters that TEXT may not contain, keeping tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });

  it('round-trips any text without control characters (property)', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        expect(unescapeText(escapeText(text))).toBe(text);
      }),
    );
  });
});

describe('folding', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toEqual(['x'.repeat(75)]);
    expect(foldLine('x'.repeat(76))).toEqual(['x'.repeat(75), ' x']);
  });

  it('never cuts a multi-byte character: 3-byte CJK and 4-byte emoji move whole to the next line', () => {
    const [first, second] = foldLine(`${'x'.repeat(73)}中😀`);

    expect(first).toBe(`${'x'.repeat(73)}`);
    expect(second).toBe(' 中😀');
  });

  it('keeps every physical line within 75 octets of valid UTF-8, and unfolds to the original (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (line) => {
        const physicalLines = foldLine(`DESCRIPTION:${line}`);

        for (const physicalLine of physicalLines) {
          const octets = utf8.encode(physicalLine);
          expect(octets.length).toBeLessThanOrEqual(75);
          expect(strictUtf8.decode(octets)).toBe(physicalLine);
        }
        expect(physicalLines.slice(1).every((physicalLine) => physicalLine.startsWith(' '))).toBe(true);
        expect(serializeContentLines([`DESCRIPTION:${line}`]).replace(/\r\n /g, '')).toBe(
          `DESCRIPTION:${line}\r\n`,
        );
      }),
    );
  });
});

describe('UTC offsets', () => {
  it('writes offsets as +hhmm and zero as +0000 (never -0000)', () => {
    expect([formatUtcOffset(120), formatUtcOffset(-210), formatUtcOffset(0), formatUtcOffset(-0)]).toEqual([
      '+0200',
      '-0330',
      '+0000',
      '+0000',
    ]);
  });
});
