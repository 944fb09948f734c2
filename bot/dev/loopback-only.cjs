// Preloaded (node --require) into the Agents Playground, which has no option for its listen address:
// every TCP server it starts listens on 127.0.0.1, whatever host (or none) it asks for.
'use strict';
const net = require('node:net');

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && !loopback.has(first.host)) args[0] = { ...first, host: '127.0.0.1' };
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1');
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string') {
      if (!loopback.has(args[1])) args[1] = '127.0.0.1';
    } else if (args[1] === undefined || args[1] === null) args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
