import { z } from 'zod/v4';
import { defineSkill, everyone } from './skill';

/** Lists what the caller may do; the catalog is injected by `catalog.ts` to avoid a cycle. */
export const help = defineSkill({
  id: 'help',
  usage: 'help',
  title: 'What can opsbot do?',
  description: 'List the skills you may use, with an example for each.',
  examples: [
    'help',
    'what can you do',
    'what commands do you understand',
    'how do I use this bot',
    'show me your skills',
    'what are my options',
    'hi, what can you help me with',
    'list commands',
    'what kind of requests can I send you',
    'how does this bot work',
    'what are you for',
    'who are you',
    'what features do you have',
    'what am I allowed to do here',
    'give me the list of commands I can run',
    'explain what you can do',
    'usage instructions',
    'hey, what do you support',
    "I'm new to the team, how do I use you",
    'how do I get started with this bot',
    'first time here, what can I ask',
    'menu of things I can do',
  ],
  params: z.object({}),
  kind: 'read',
  roles: everyone,
});

/** Nothing in the catalog fits: say so, suggest what is close, do nothing. */
export const none = defineSkill({
  id: 'none',
  usage: '',
  title: 'Not something I can do',
  description: 'The request is outside the catalog; nothing is done.',
  examples: [
    'delete the gpu cluster',
    'grant me owner on the subscription',
    'show me the value of the openai key',
    'tell me a joke',
    'drop the data lake container',
    'give Diego contributor access to the workspace',
    'what is the weather in Seattle',
    'remove the fraud-detection endpoint',
    'print the key vault secrets',
    'disable the security alerts',
    'tell me a story',
    "what's the weather tomorrow",
    'sing a song',
    'who is the president',
    'book a meeting room',
    'what is the meaning of life',
    'recommend a restaurant',
    'how tall is mount everest',
    'translate this into french',
    'what time is it in tokyo',
    'are you a robot',
    'play some music',
    'write a haiku',
    'who won the match',
    'order lunch',
    "what's your favourite film",
    'do you like music',
    'you are great, thanks',
    'how is your day going',
    'are you human',
  ],
  params: z.object({}),
  kind: 'none',
  roles: everyone,
});

help.run = async (_args, ctx) => ({
  view: 'help',
  callerName: ctx.caller.name,
  roles: ctx.caller.roles,
  skills: ctx.catalog
    .list()
    .filter((s) => s.id !== 'none' && s.roles.some((r) => ctx.caller.roles.includes(r)))
    .map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      example: s.examples[1] ?? s.examples[0],
      command: s.usage,
      kind: s.kind,
    })),
});
