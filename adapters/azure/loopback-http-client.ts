import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';

/**
 * An HttpClient for talking to a fake Azure server on this machine: the SDK clients are given
 * `https://127.0.0.1:PORT` endpoints (their auth policies refuse bearer tokens over plain http) and
 * this client sends the request over http instead. Any host other than 127.0.0.1 is refused, so a
 * misconfigured test can never reach the internet or the instance-metadata address.
 */
export function createLoopbackHttpClient(): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    sendRequest(request) {
      const url = new URL(request.url);
      if (url.hostname !== '127.0.0.1') {
        return Promise.reject(
          new Error(`The loopback client refuses ${url.host}: only 127.0.0.1 is allowed.`),
        );
      }
      if (url.protocol === 'https:') url.protocol = 'http:';
      request.allowInsecureConnection = true;
      request.url = url.toString();
      return inner.sendRequest(request);
    },
  };
}
