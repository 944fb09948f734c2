import { z } from 'zod/v4';
import { defineSkill, everyone } from '../skill';

/** Answers from the runbook knowledge base; enabled by the knowledge-base issue. */
export const troubleshootAsk = defineSkill({
  id: 'troubleshoot.ask',
  usage: 'ask <question>',
  title: 'Troubleshoot with the runbooks',
  description: 'Answer a how-to or why question from the runbook knowledge base, citing the sections used.',
  examples: [
    'why does my training job fail with quota exceeded',
    'the fraud endpoint returns 503, what do I do',
    'I cannot reach azure openai from the workspace',
    'how do I fix a quota exceeded error',
    'what should I check when inference gives 503 errors',
    'dataset upload keeps timing out',
    'how do I troubleshoot private endpoint dns for openai',
    'my job is stuck waiting for gpu nodes, why',
    'what is the workaround for the model registry sync delay',
  ],
  params: z.object({ question: z.string().min(3).describe('The question in the user\'s words') }),
  kind: 'read',
  roles: everyone,
});
