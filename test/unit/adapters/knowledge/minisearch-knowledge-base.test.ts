import { MiniSearchKnowledgeBase } from '../../../../adapters/knowledge/minisearch-knowledge-base';
import type { SynonymEntry } from '../../../../core/knowledge/field-synonyms';
import { answerQuestion } from '../../../../core/knowledge/runbook-answer';
import { catalogSkills, makeKnowledgeFolder, pageText, type KnowledgeFolder } from '../../../helpers/knowledge-folder';

const clock = { now: () => new Date('2026-01-05T08:00:00Z') };

const pages = {
  'openai.md': pageText(
    {
      title: 'Azure OpenAI cannot be reached',
      tags: ['network', 'private endpoint'],
      symptoms: ['calls to azure openai hang', 'openai host name does not resolve'],
      covers: ['10.2'],
    },
    '## Check the network path\n\n1. Check the private endpoint.\n2. Check the NSG rules.\n3. Check DNS resolution.',
  ),
  'endpoint.md': pageText(
    {
      title: 'Inference endpoint returns 503',
      tags: ['endpoint', 'errors'],
      symptoms: ['the endpoint returns 503', 'scoring fails'],
      checks: ['status.endpoint'],
      covers: ['10.2'],
    },
    '## Diagnose the endpoint\n\n1. Check the deployment health in ML Studio.\n2. Check the AKS cluster.\n3. Restart the deployment if needed.',
  ),
  'backup.md': pageText(
    {
      title: 'Backups and recovery',
      tags: ['backup'],
      symptoms: ['how long are backups kept'],
      covers: ['7.1', '7.2'],
    },
    [
      '## What is backed up',
      '',
      '| What | Kept for |',
      '|---|---|',
      '| Workspace configuration | 30 days |',
      '',
      '## Restore deleted data',
      '',
      '1. Restore the deleted container to a point in time within 14 days.',
    ].join('\n'),
  ),
};

describe('MiniSearchKnowledgeBase', () => {
  let folder: KnowledgeFolder;
  let kb: MiniSearchKnowledgeBase;
  beforeEach(() => {
    folder = makeKnowledgeFolder(pages);
    kb = new MiniSearchKnowledgeBase({ directory: folder.dir, shownDirectory: 'kb', skills: catalogSkills, clock });
  });
  afterEach(() => folder.remove());

  it('reports what it loaded, at the clock instant', () => {
    expect(kb.lastLoad()).toEqual({
      directory: 'kb',
      pages: 3,
      sections: 4,
      skipped: [],
      loadedAt: '2026-01-05T08:00:00.000Z',
    });
  });

  it('finds the page a symptom describes, with its citation, steps and checks', () => {
    const [best] = kb.search('the fraud endpoint is throwing 503 errors');
    expect(best).toMatchObject({
      pageId: 'endpoint',
      citation: 'kb/endpoint.md › Diagnose the endpoint',
      checks: ['status.endpoint'],
      covers: ['10.2'],
    });
    expect(best.steps.map((s) => s.text)).toEqual([
      'Check the deployment health in ML Studio.',
      'Check the AKS cluster.',
      'Restart the deployment if needed.',
    ]);
  });

  it('chooses the section of a page that the question is about', () => {
    expect(kb.search('restore a deleted container')[0].heading).toBe('Restore deleted data');
    expect(kb.search('how long is the workspace configuration kept')[0].heading).toBe('What is backed up');
  });

  it('forgives a typo (fuzzy) and an unfinished word (prefix)', () => {
    expect(kb.search('endpont retruns 503')[0].pageId).toBe('endpoint');
    expect(kb.search('the backu')[0].pageId).toBe('backup');
  });

  it('answers through the synonym table what the pages only say in other words', () => {
    const withSynonyms = kb.search('AOAI unreachable')[0];
    expect(withSynonyms.pageId).toBe('openai');
    const plain = new MiniSearchKnowledgeBase({
      directory: folder.dir,
      skills: catalogSkills,
      clock,
      synonyms: [],
    });
    expect(plain.search('AOAI unreachable')).toEqual([]);
    expect(kb.search('scoring says service unavailable')[0].pageId).toBe('endpoint');
  });

  it('counts another spelling of a word in full and a neighbouring word at a discount', () => {
    const withTable = (synonyms: SynonymEntry[]) =>
      new MiniSearchKnowledgeBase({ directory: folder.dir, skills: catalogSkills, clock, synonyms });
    const spelled = withTable([{ same: ['bkp', 'backup'] }]).search('bkp kept')[0];
    const neighbour = withTable([['bkp', 'backup']]).search('bkp kept')[0];
    expect(spelled.pageId).toBe('backup');
    expect(neighbour.pageId).toBe('backup');
    expect(spelled.score).toBe(1);
    expect(neighbour.score).toBeLessThan(1);
  });

  it('scores from 0 to 1: a question the section covers fully scores 1, one sharing a single common word stays low', () => {
    expect(kb.search('inference endpoint returns 503')[0].score).toBe(1);
    const weak = kb.search('which pizza place near the office has the best deployment of toppings');
    expect(weak.length).toBeGreaterThan(0);
    for (const hit of weak) expect(hit.score).toBeLessThan(kb.answerThreshold);
    expect(answerQuestion(kb, 'which pizza place near the office has the best deployment of toppings')).toMatchObject({
      answered: false,
    });
  });

  it("does not count the asker's hedges, relative times or a number no page has against the question", () => {
    const plain = kb.search('how long are backups kept')[0];
    expect(plain.pageId).toBe('backup');
    const chatty = kb.search('I think I am supposed to know how long backups are kept, trying to see 18 days ago');
    const bare = kb.search('how long backups kept see days')[0];
    expect(chatty[0]).toMatchObject({ sectionId: bare.sectionId, score: bare.score });
  });

  it('marks a section that is about the question but never says what it asks for, and the answer refuses it', () => {
    const [about] = kb.search("what's the retention period of the workspace configuration backup");
    expect(about).toMatchObject({ sectionId: 'backup#what-is-backed-up' });
    expect(about.unanswered).toBeUndefined();
    const [near] = kb.search('what is the backup vendor of the workspace configuration');
    expect(near).toMatchObject({ sectionId: 'backup#what-is-backed-up', unanswered: 'the backup vendor' });
    const answer = answerQuestion(kb, 'what is the backup vendor of the workspace configuration');
    expect(answer).toMatchObject({ answered: false, unanswered: 'the backup vendor' });
    expect(answer.related.map((h) => h.sectionId)).toContain('backup#what-is-backed-up');
    // A duration the section states answers "how long"; a cost it does not state does not.
    expect(kb.search('how long is the workspace configuration kept')[0].unanswered).toBeUndefined();
    expect(kb.search('how much does the workspace configuration backup cost')[0].unanswered).toBe('what it costs');
  });

  it('returns nothing for a question without a meaningful word', () => {
    expect(kb.search('what is the')).toEqual([]);
    expect(kb.search('')).toEqual([]);
  });

  it('returns each section at most once and honours the limit', () => {
    const hits = kb.search('check restore endpoint backup openai', { limit: 3 });
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.sectionId)).size).toBe(3);
  });

  it('picks up an added page and drops a broken one on reload', () => {
    expect(kb.search('certificate expiry')).toEqual([]);
    folder.write(
      'certs.md',
      pageText(
        { title: 'Certificate expiry', symptoms: ['a certificate is about to expire'], covers: ['4.2'] },
        '## Renew\n\n1. Renew the certificate.',
      ),
    );
    folder.write('endpoint.md', '---\ntitle: [broken\n---\n## X\ntext');
    const report = kb.reload();
    expect(report).toMatchObject({ pages: 3, sections: 4 });
    expect(report.skipped).toEqual([{ file: 'kb/endpoint.md', problem: expect.stringMatching(/not valid YAML/) }]);
    expect(kb.search('certificate expiry')[0].pageId).toBe('certs');
    expect(kb.search('endpoint returns 503').map((h) => h.pageId)).not.toContain('endpoint');
    expect(kb.lastLoad()).toBe(report);
  });
});
