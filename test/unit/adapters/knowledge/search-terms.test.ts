import { searchTerms } from '../../../../adapters/knowledge/search-terms';

describe('searchTerms', () => {
  it('gives the British and the American spelling of a word the same term', () => {
    expect(searchTerms.termsOf('GPU utilisation')).toEqual(searchTerms.termsOf('gpu utilization'));
    expect(searchTerms.termsOf('optimise the cost')).toEqual(searchTerms.termsOf('optimize cost'));
    expect(searchTerms.termsOf('unauthorised changes')).toEqual(searchTerms.termsOf('unauthorized change'));
  });

  it('drops the name of the platform, which every page is about', () => {
    expect(searchTerms.termsOf('daily checks of the AI Landing Zone')).toEqual(searchTerms.termsOf('daily checks'));
    expect(searchTerms.termsOf('AI LZ runbooks')).toEqual(['runbook']);
  });

  it('keeps short words that only look like a British ending', () => {
    expect(searchTerms.termsOf('raise the quota')).toEqual(['rais', 'quota']);
  });

  it("drops the asker's hedges, degree adverbs and relative times, and keeps the subject", () => {
    expect(searchTerms.termsOf('I think the backup basically failed two days ago')).toEqual(
      searchTerms.termsOf('backup failed two days'),
    );
    expect(searchTerms.termsOf("I'm supposed to be trying the restore, probably")).toEqual(['restor']);
    expect(searchTerms.termsOf('plan the DR test around the quarter')).toEqual(['plan', 'dr', 'test', 'quarter']);
    expect(searchTerms.termsOf('scale up, then scale out')).toEqual(['scale', 'up', 'out']);
  });
});
