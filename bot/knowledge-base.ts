import { MiniSearchKnowledgeBase } from '../adapters/knowledge/minisearch-knowledge-base';
import type { KnowledgeBase } from '../core/knowledge/knowledge-base';
import type { Clock } from '../core/ports';
import type { SkillDeclaration } from '../skills/skill';
import type { BotConfig } from './config';

/** Builds the runbook knowledge base from the configured folder; the pages may name the given skills. */
export function createKnowledgeBase(
  knowledge: BotConfig['knowledge'],
  skills: readonly SkillDeclaration[],
  clock: Clock,
): KnowledgeBase {
  return new MiniSearchKnowledgeBase({
    directory: knowledge.path,
    shownDirectory: knowledge.directory,
    skills: {
      all: skills.map((s) => s.id),
      readOnly: skills.filter((s) => s.kind === 'read' && s.id !== 'troubleshoot.ask').map((s) => s.id),
    },
    clock,
  });
}
