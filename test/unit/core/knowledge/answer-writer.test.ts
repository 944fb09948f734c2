import { citedSources, sourceMark } from '../../../../core/knowledge/answer-writer';

const given = [1, 2, 3].map((n) => ({ mark: `S${n}`, citation: `knowledge/page-${n}.md › Heading ${n}` }));

describe('citedSources', () => {
  it('finds single and grouped marks, in the order the sections were given', () => {
    const { cited, unknown } = citedSources('1. Do this [S3].\n2. Then that [s1, S3].', given);
    expect(cited.map((s) => s.mark)).toEqual(['S1', 'S3']);
    expect(unknown).toEqual([]);
  });

  it('names the marks of sections that were not given', () => {
    expect(citedSources('1. Delete it [S4]. 2. Check [S2; S9]', given)).toEqual({
      cited: [given[1]],
      unknown: ['S4', 'S9'],
    });
  });

  it('cites nothing when the text has no mark in brackets', () => {
    expect(citedSources('See S1 and section 2 (S2).', given)).toEqual({ cited: [], unknown: [] });
  });

  it('numbers marks from S1', () => {
    expect([0, 1, 9].map(sourceMark)).toEqual(['S1', 'S2', 'S10']);
  });
});
