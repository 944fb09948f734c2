import type { RequestWords } from '../../core/contract/skill-contract';

/*
 * The words that ask for each change. Phrases are comma-separated, "*" marks where a separable
 * verb's object goes; a passive form's first group that matched is the resource it is done to, and
 * a change in the modal passive ("could the gpu cluster be started please") needs a courtesy word.
 */

/** Starting or pre-warming a compute, as the change gate reads it. */
export const computeStartRequest: RequestWords = {
  verbs: `start, start up, start * up, prewarm, pre warm, warm up, warm * up, warm, spin up, spin * up,
    boot up, boot * up, boot, power on, power up, power * on, power * up, turn on, turn * on,
    switch on, switch * on, wake up, wake * up, wake, fire up, fire * up, bring up, bring online,
    bring * up, bring * online, resume, allocate, scale up, scale * up, get * started, get * going,
    get * running, kick on, kick * on, crank up, crank * up, need * started, need * running,
    want * started, want * running, need * warmed up, need * warmed, need * warm, need * prewarmed,
    need * pre warmed, need * spun up, need * up, need * online, need * booted, want * warmed up,
    want * warm, want * up, want * online, want * spun up, get * up, get * online,
    require * started, require * running, require * warmed up, like * started, like * warmed up,
    like * running, like * spun up`,
  passive:
    /^(?:(?:the|our|ok|so) )*(.+?) (?:needs?|requires?) (?:starting|starting up|to be started|warming up|to be warmed up|pre ?warming|spinning up|to be spun up)(?: now| asap| urgently| right away| please| pls)?$|^(?:please )?(?:can|could|would|will) (.+?) (?:please )?be (?:started|started up|warmed up|pre ?warmed|spun up|brought up|brought online|powered on|turned on|booted)(?: please| pls| now| for (?:me|us))?$/,
  terse: /^(?:on|up|online)$/,
};

/** Stopping a compute or scaling it to zero, as the change gate reads it. */
export const computeStopRequest: RequestWords = {
  verbs: `stop, shut down, shut off, shut * down, shut * off, shutdown, turn off, turn * off, switch off,
    switch * off, power off, power down, power * off, power * down, deallocate, release, spin down,
    spin * down, pause, halt, wind down, wind * down, scale * to zero, scale * to 0,
    scale * down to zero, scale * down to 0, scale * down, scale down, take * down, take * offline,
    bring * down, bring * offline, get * stopped, kill, park, need * stopped, need * shut down,
    need * turned off, want * stopped, want * turned off, need * off, need * down,
    need * scaled down, need * deallocated, want * off, want * down, want * shut down, shut,
    require * stopped, require * shut down, like * stopped, like * shut down, like * turned off`,
  passive:
    /^(?:(?:the|our|ok|so) )*(.+?) (?:needs?|requires?) (?:stopping|to be stopped|shutting down|to be shut down|turning off|to be turned off)(?: now| asap| urgently| right away| please| pls)?$|^(?:please )?(?:can|could|would|will) (.+?) (?:please )?be (?:stopped|shut down|turned off|powered off|powered down|spun down|deallocated|scaled (?:down )?to (?:zero|0))(?: please| pls| now| for (?:me|us))?$/,
  terse: /^(?:off|down|to (?:0|zero)(?: nodes)?)$/,
};

/** Setting a deployment's instance count, as the change gate reads it. */
export const endpointScaleRequest: RequestWords = {
  verbs: `scale, scale up, scale down, scale out, scale in, bump, increase, decrease, reduce, raise,
    lower, set, resize, add, give, drop, grow, shrink, double, halve, change, update, make,
    get * scaled, need, want, take * to, bring * to, put * on, put * at, run * on, run * at,
    run * with, keep * at, keep * on, move * to, go to, go up to, go down to, require,
    like * set to, like * scaled to, like * at, like * on, like * scaled`,
  passive:
    /^(?:(?:the|our|ok|so) )*(.+?) (?:needs?|requires?) (?:scaling|to be scaled|resizing|to be resized|bumping|to be bumped)(?: up| down| out| in| back)? to \d+(?: instances?| replicas?| nodes?)?(?: now| asap| please| pls)?$|^(?:please )?(?:can|could|would|will) (.+?) (?:please )?be (?:scaled|set|resized|bumped|increased|decreased|reduced)(?: up| down| out| in| back)? to \d+(?: instances?| replicas?| nodes?)?(?: please| pls| now)?$/,
  fillers: `to by from up down out in on for at of me us more extra another additional fewer less
    instance instances replica replicas node nodes copies pods count number x`,
  marks: {
    words: `instances instance replicas replica nodes node capacity up down out in more fewer less
      double halve triple twice scale copies pods`,
    strong: 'scale resize scaled',
  },
};

/** Rotating a key, as the change gate reads it. */
export const secretRotateRequest: RequestWords = {
  verbs: `rotate, regenerate, regen, cycle, roll, roll over, renew, refresh, rekey, re key, reissue,
    replace, kick off * rotation, kick off rotation, start * rotation, start rotation,
    begin * rotation, run * rotation, do * rotation, trigger * rotation, initiate * rotation,
    perform * rotation, time for * rotation, time for rotation, get * rotated, swap out, swap * out,
    need * rotated, need * regenerated, want * rotated, need * rolled, need * rolled over,
    need * cycled, need * refreshed, need * renewed, need * replaced, want * rolled,
    want * regenerated, want * cycled, like * rotated, like * regenerated, require * rotated`,
  passive:
    /^(?:(?:the|a) )?(?:key )?rotation (?:is )?(?:needed|required|due) (?:for|on|of) (.+?)$|^(?:(?:the|our|ok|so) )*(.+?) (?:needs?|requires?) (?:rotating|to be rotated|regenerating|to be regenerated|a rotation|rolling|to be rolled|cycling)(?: now| asap| urgently| right away| please| pls)?$|^(?:please )?(?:can|could|would|will) (.+?) (?:please )?be (?:rotated|regenerated|rolled|cycled|renewed)(?: please| pls| now| for (?:me|us))?$/,
  fillers: 'for of on in',
  nominal: `key keys api secret quarterly scheduled planned regular monthly annual yearly usual standard
    routine full`,
};
