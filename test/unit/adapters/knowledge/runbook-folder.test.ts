import { readRunbookFolder } from '../../../../adapters/knowledge/runbook-folder';
import { catalogSkills, makeKnowledgeFolder, pageText, type KnowledgeFolder } from '../../../helpers/knowledge-folder';

const good = {
  title: 'Quota exceeded',
  tags: ['quota'],
  symptoms: ['job fails with quota exceeded'],
  related: ['status.quota'],
  checks: ['status.quota'],
  covers: ['10.2'],
};
const body = '# Quota exceeded\n\n## Fix\n\n1. Check the quota.\n2. Ask for more.';

describe('readRunbookFolder', () => {
  let folder: KnowledgeFolder;
  afterEach(() => folder.remove());

  const read = () =>
    readRunbookFolder({ directory: folder.dir, shownDirectory: 'kb', skills: catalogSkills });

  it('loads a good page with its front matter and sections, citing it under the shown folder', () => {
    folder = makeKnowledgeFolder({ 'quota.md': pageText(good, body), 'notes.txt': 'not a page' });
    const { pages, skipped } = read();
    expect(skipped).toEqual([]);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      id: 'quota',
      file: 'kb/quota.md',
      title: 'Quota exceeded',
      symptoms: ['job fails with quota exceeded'],
      checks: ['status.quota'],
      covers: ['10.2'],
    });
    expect(pages[0].sections.map((s) => s.steps.map((x) => x.text))).toEqual([
      ['Check the quota.', 'Ask for more.'],
    ]);
  });

  it('skips each broken page with the file and the problem, and still loads the good ones', () => {
    folder = makeKnowledgeFolder({
      'a-good.md': pageText(good, body),
      'b-no-front-matter.md': body,
      'c-bad-yaml.md': `---\ntitle: Disaster recovery: activation\n---\n${body}`,
      'd-missing-fields.md': pageText({ title: 'No symptoms', covers: ['1'] }, body),
      'e-unknown-skill.md': pageText({ ...good, related: ['status.quota', 'cluster.delete'] }, body),
      'f-change-as-check.md': pageText({ ...good, checks: ['compute.stop'] }, body),
      'g-bad-section.md': pageText({ ...good, covers: ['ten'] }, body),
      'h-unknown-field.md': pageText({ ...good, owner: 'me' }, body),
      'i-empty.md': pageText(good, '# Only a title'),
    });
    const { pages, skipped } = read();
    expect(pages.map((p) => p.id)).toEqual(['a-good']);
    const problems = Object.fromEntries(skipped.map((s) => [s.file, s.problem]));
    expect(Object.keys(problems)).toHaveLength(8);
    expect(problems['kb/b-no-front-matter.md']).toMatch(/no front matter/);
    expect(problems['kb/c-bad-yaml.md']).toMatch(/not valid YAML \(line 2\)/);
    expect(problems['kb/d-missing-fields.md']).toMatch(/^front matter: symptoms: /);
    expect(problems['kb/e-unknown-skill.md']).toMatch(/related\[1\]: "cluster.delete" is not a known skill id/);
    expect(problems['kb/f-change-as-check.md']).toMatch(/checks\[0\]: "compute.stop" is not a read-only skill id/);
    expect(problems['kb/g-bad-section.md']).toMatch(/covers\[0\]: expected a handover section number/);
    expect(problems['kb/h-unknown-field.md']).toMatch(/owner/);
    expect(problems['kb/i-empty.md']).toMatch(/no content/);
  });

  it('reports a missing folder instead of failing', () => {
    folder = makeKnowledgeFolder();
    folder.remove();
    expect(read()).toEqual({
      pages: [],
      skipped: [{ file: 'kb', problem: expect.stringMatching(/folder not found/) }],
    });
  });
});
