import { SynonymExpander } from '../../../../adapters/knowledge/synonym-expander';
import { searchTerms } from '../../../../adapters/knowledge/search-terms';
import { fieldSynonyms } from '../../../../core/knowledge/field-synonyms';

const expand = (expander: SynonymExpander, question: string) =>
  expander.expand(searchTerms.termsOf(question));

describe('SynonymExpander', () => {
  const expander = new SynonymExpander([
    ['503', 'service unavailable'],
    ['aoai', 'azure openai'],
    ['leaked', 'compromised'],
    { words: ['every day'], means: ['daily'] },
  ]);

  it('adds the other phrases of a group a question uses, in either direction', () => {
    expect(expand(expander, 'the endpoint returns 503s').phrases).toEqual(['service unavailable']);
    expect(expand(expander, 'scoring says Service Unavailable').phrases).toEqual(['503']);
    expect(expand(expander, 'cannot reach AOAI').phrases).toEqual(['azure openai']);
  });

  it('matches phrases as search terms, so another form of the word finds its group', () => {
    expect(expand(expander, 'a key leaks').phrases).toEqual(['compromised']);
  });

  it('needs the words of a multi-word phrase side by side (small words between them do not count)', () => {
    expect(expand(expander, 'the service stayed up, the database was unavailable').phrases).toEqual([]);
    expect(expand(expander, 'azure storage and openai').phrases).toEqual([]);
    expect(expand(expander, 'the service is unavailable').phrases).toEqual(['503']);
  });

  it('expands a directional entry one way only', () => {
    expect(expand(expander, 'what do we check every day').phrases).toEqual(['daily']);
    expect(expand(expander, 'daily checks').phrases).toEqual([]);
  });

  it('records which question term each added term stands for, leaving out terms the question has', () => {
    const { standsFor } = expand(expander, 'openai 503');
    expect(Object.fromEntries(standsFor)).toEqual({ servic: ['503'], unavail: ['503'] });
  });

  it('adds nothing for a question without synonyms', () => {
    expect(expand(expander, 'how do I rotate the key')).toEqual({
      phrases: [],
      standsFor: new Map(),
      spellings: [],
      spells: new Map(),
    });
  });

  it('keeps the spellings of one word apart from its neighbours', () => {
    const mixed = new SynonymExpander([{ same: ['sev', 'severity'] }, ['severity', 'impact']]);
    const { phrases, standsFor, spellings, spells } = expand(mixed, 'what sev is it');
    expect({ phrases, spellings }).toEqual({ phrases: [], spellings: ['severity'] });
    expect(Object.fromEntries(spells)).toEqual({ sever: ['sev'] });
    expect(standsFor.size).toBe(0);
    expect(expand(mixed, 'severity of the outage')).toMatchObject({ phrases: ['impact'], spellings: ['sev'] });
  });

  describe('with the field table', () => {
    const field = new SynonymExpander(fieldSynonyms);

    it('expands the short forms engineers type into the words the pages use', () => {
      expect(expand(field, 'what sev is this').spellings).toContain('severity');
      expect(expand(field, 'the prod repo').spellings).toEqual(expect.arrayContaining(['production', 'repository']));
      expect(expand(field, 'still with L1 after 20 mins').spellings).toEqual(
        expect.arrayContaining(['minutes', 'first line']),
      );
    });

    it('points a tool at the resource it works on, not the other way round', () => {
      expect(expand(field, 'kubectl says no nodes').phrases).toContain('aks');
      expect(expand(field, 'the aks cluster').phrases).not.toContain('kubectl');
    });

    it('reads "out of hours" as the round-the-clock support, not the other way round', () => {
      expect(expand(field, 'who answers out of hours').phrases).toEqual(expect.arrayContaining(['24/7', 'on-call']));
      expect(expand(field, 'is l2 on-call 24/7').phrases).not.toContain('out of hours');
    });

    it('reads "how far back" as retention', () => {
      expect(expand(field, 'how far back do the logs go').standsFor.get('retent')).toEqual(['far', 'back']);
    });
  });
});
