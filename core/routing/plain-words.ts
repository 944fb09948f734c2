/**
 * Everyday English words that sit one or two typos away from a catalog word ("warning" is not
 * "warming", "remote" is not "remove", "part" is not "park"). The spelling corrector knows them,
 * so it leaves them as typed, but never corrects anything into them.
 */
export const plainWords: readonly string[] = `
  smart stark star stars stare stared staring stat stats stated stating stage stages staging
  standing step steps stepped stepping shop shopping stow stomp stack stick stall stalled stalling
  sale sales stale scare scalp sealed sailing
  note notes nose mode modes movie movies quote quotes fall fair filed file files date dates
  like likes liked lost least post pass clone held rare lack luck path remote wide wire wise
  taken point shape sent real ready road till mate ship slip lots loss logo part parts half
  rise rising grew gave grand dawn beach weak care code codes warning warnings warn boost
  boosting restore restored restoring store stored think thinking safely doc docs lag lagging
  black mean meant west east north south link links
  then than when whom also unless until once
  pay paying paid payment spend spending spent bill billing budget playing
`
  .trim()
  .split(/\s+/);
