import { z } from 'zod/v4';
import { defineSkill, everyone, responders } from '../skill';

const severity = z.enum(['P1', 'P2', 'P3', 'P4']);
const incidentId = z
  .string()
  .regex(/^INC-\d{4,}$/, 'expected an incident id like INC-0042')
  .describe('Incident id such as INC-0042; defaults to the incident of this conversation');

/** Incident skills: declared now, enabled by the incident issue. */
export const incidentDeclare = defineSkill({
  id: 'incident.declare',
  usage: 'declare [P1-P4] <summary>',
  title: 'Declare an incident',
  description: 'Open an incident; the severity is suggested from the matrix and you confirm it.',
  examples: [
    'declare an incident, the fraud endpoint is returning 503s',
    'open a P1: production inference is down',
    'page the on-call, openai calls are failing in prod',
    'raise a sev 2 incident for failed training jobs',
    'we have an outage on fraud-detection, start an incident',
    'log an incident: latency is degraded on the fraud model',
    'possible data breach on the data lake, declare incident',
    'create a P3 incident for slow dataset uploads',
    'start a major incident, nothing is scoring',
    'declare an incident, fraud detection is down',
    'open an incident for the degraded endpoint',
    'raise a P2 for the slow fraud endpoint',
    'training jobs keep failing, open a ticket',
    'start an incident: data lake may be breached',
    'page the on-call, production scoring is down',
    'declare a sev 1',
    'log a low priority incident for the slow dashboard',
    'open a non-critical incident about the registry',
    'create an incident, openai requests are timing out',
    'file an incident for a question about access reviews',
    'new incident, the endpoint is returning errors',
  ],
  params: z.object({
    summary: z.string().min(3).describe('What is wrong, in a sentence'),
    severity: severity.optional().describe('P1–P4; suggested from the matrix when absent'),
  }),
  kind: 'incident',
  roles: everyone,
});

export const incidentList = defineSkill({
  id: 'incident.list',
  usage: 'incidents',
  title: 'List open incidents',
  description: 'Show the incidents that are open now, with severity, tier and age.',
  examples: [
    'list open incidents',
    'what incidents are open',
    'show me the active incidents',
    'any ongoing incidents?',
    'incidents',
    'which incidents are still unresolved',
    'is there an open P1 right now',
    'what are we firefighting at the moment',
    'open incidents',
    'which incidents are active',
    'are there incidents open right now',
    'list incidents',
    'show the incident list',
    'anything still open incident-wise',
    'current incidents',
    'do we have an active incident',
    'any open p1 or p2',
  ],
  params: z.object({}),
  kind: 'read',
  roles: everyone,
});

export const incidentAck = defineSkill({
  id: 'incident.ack',
  usage: 'ack [INC-nnnn]',
  title: 'Acknowledge an incident',
  description: 'Acknowledge an incident so its escalation timer stops; defaults to this channel\'s incident.',
  examples: [
    'ack',
    'acknowledge INC-0042',
    'I am on it',
    'ack the incident',
    'acknowledging, looking into it now',
    'I will take INC-0007',
    'ack inc-0012',
    'got it, acknowledge the page',
    'acknowledge',
    'ack INC-0003',
    "I'm on it, ack",
    'acknowledge the page',
    "I'll take this one",
    'taking the incident',
    'ack incident 12',
    'got it, I am on this',
    'acknowledged, looking now',
  ],
  params: z.object({ incident: incidentId.optional() }),
  kind: 'incident',
  roles: responders,
});

export const incidentEscalate = defineSkill({
  id: 'incident.escalate',
  usage: 'escalate [INC-nnnn] [reason]',
  title: 'Escalate an incident',
  description: 'Move an incident to the next tier of the escalation path now.',
  examples: [
    'escalate INC-0042',
    'escalate this to L3',
    'we need engineering on this, escalate',
    'bump the incident to the next tier',
    'escalate the incident, L2 cannot fix it',
    'get the platform architect involved in INC-0003',
    'move this incident up a level',
    'escalate now, customers are affected',
    'escalate',
    'escalate INC-0004',
    'send this to the next tier',
    'escalate to engineering',
    'escalate the incident now',
    'we need L3 on this',
    'bump INC-0009 to the next level',
    'escalate, we are blocked',
    'get the architect on this incident',
    'move INC-0010 up',
  ],
  params: z.object({ incident: incidentId.optional(), reason: z.string().min(1).optional() }),
  kind: 'incident',
  roles: responders,
});

export const incidentResolve = defineSkill({
  id: 'incident.resolve',
  usage: 'resolve [INC-nnnn] [resolution]',
  title: 'Resolve an incident',
  description: 'Resolve an incident, stop its timers and post the timeline.',
  examples: [
    'resolve INC-0042',
    'close the incident, endpoint is healthy again',
    'mark this incident resolved',
    'incident fixed, resolve it',
    'resolve inc-0005: restarted the deployment',
    'we are back to normal, close INC-0011',
    'all clear, resolve',
    'the fix worked, you can close the incident',
    'resolve',
    'resolve the incident',
    'close INC-0004',
    'mark INC-0020 resolved',
    'incident resolved, endpoint back to normal',
    'close it, the fix is in',
    'resolve INC-0015: quota increased',
    'we are healthy again, resolve the incident',
    'close this incident',
  ],
  params: z.object({ incident: incidentId.optional(), resolution: z.string().min(1).optional() }),
  kind: 'incident',
  roles: responders,
});

export const incidentSkills = [incidentDeclare, incidentList, incidentAck, incidentEscalate, incidentResolve];
