import { createPublicKey, verify } from 'node:crypto';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import type { Logger } from '../../core/logger';
import type { Clock } from '../../core/ports';

/** How the signing keys are fetched and how often at most. */
export interface SigningKeyCacheOptions {
  clock: Clock;
  logger: Logger;
  /** One fetch of the metadata document or of its key set. Default 5 s. */
  fetchTimeoutInMs?: number;
  /** Keys older than this are refreshed (they are still used while the refresh fails). Default 24 h. */
  maxAgeInMs?: number;
  /** Least time between two refreshes for a key id the cache does not know. Default 5 min. */
  unknownKeyRefreshInMs?: number;
  /** Least time between two fetches after one failed. Default 10 s. */
  retryAfterFailureInMs?: number;
}

/** The signing keys cannot be had: the metadata was never fetched and the last attempt failed. */
export class SigningKeysUnavailableError extends Error {
  readonly statusCode = 503;
  constructor(url: string, cause?: unknown) {
    super(`The OpenID signing keys at ${url} are unavailable.`, { cause });
    this.name = 'SigningKeysUnavailableError';
  }
}

interface Jwk {
  kid?: string;
  kty?: string;
  n?: string;
  e?: string;
  endorsements?: string[];
}

interface SigningKey {
  pem: string;
  endorsements?: string[];
}

/**
 * The OpenID metadata of one issuer, in place of the SDK's own cache (which fetches again on every
 * request while a fetch fails, without a time limit): one fetch at a time with a deadline, at most one
 * attempt per `retryAfterFailureInMs` after a failure and per `unknownKeyRefreshInMs` for unknown key
 * ids, stale keys kept while a refresh fails. No keys at all is a 503, an unknown key a 401.
 */
class BoundedOpenIdMetadata extends OpenIdMetadata {
  private signingKeys?: Map<string, SigningKey>;
  private loadedAt?: number;
  private lastAttemptAt?: number;
  private lastAttemptFailed = false;
  private refreshing?: Promise<void>;

  constructor(
    private readonly metadataUrl: string,
    private readonly options: SigningKeyCacheOptions,
  ) {
    super(metadataUrl);
  }

  /** A loaded key by id, without fetching anything. */
  cached(keyId: string): SigningKey | undefined {
    return this.signingKeys?.get(keyId);
  }

  override async getKey(keyId: string): Promise<{ key: string; endorsements?: string[] } | null> {
    const now = this.options.clock.now().getTime();
    const stale =
      this.loadedAt === undefined || now - this.loadedAt >= (this.options.maxAgeInMs ?? 86_400_000);
    if (stale || !this.cached(keyId)) {
      const wait = this.lastAttemptFailed
        ? (this.options.retryAfterFailureInMs ?? 10_000)
        : stale
          ? 0
          : (this.options.unknownKeyRefreshInMs ?? 300_000);
      if (this.refreshing) await this.refreshing;
      else if (this.lastAttemptAt === undefined || now - this.lastAttemptAt >= wait) {
        this.lastAttemptAt = now;
        await (this.refreshing = this.refresh().finally(() => (this.refreshing = undefined)));
      }
    }
    const key = this.cached(keyId);
    if (key) return { key: key.pem, ...(key.endorsements ? { endorsements: key.endorsements } : {}) };
    if (!this.signingKeys) throw new SigningKeysUnavailableError(this.metadataUrl);
    return null;
  }

  private async refresh(): Promise<void> {
    const logger = this.options.logger;
    try {
      const metadata = (await this.fetchJson(this.metadataUrl)) as { jwks_uri?: unknown };
      if (typeof metadata.jwks_uri !== 'string') throw new Error('the metadata has no jwks_uri');
      const { keys } = (await this.fetchJson(metadata.jwks_uri)) as { keys?: Jwk[] };
      if (!Array.isArray(keys)) throw new Error('the key set has no keys');
      const loaded = new Map<string, SigningKey>();
      for (const jwk of keys) {
        if (typeof jwk.kid !== 'string' || jwk.kty !== 'RSA' || !jwk.n || !jwk.e) continue;
        const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        loaded.set(jwk.kid, {
          pem,
          ...(Array.isArray(jwk.endorsements) ? { endorsements: jwk.endorsements } : {}),
        });
      }
      this.signingKeys = loaded;
      this.loadedAt = this.options.clock.now().getTime();
      this.lastAttemptFailed = false;
      logger.info({ url: this.metadataUrl, keys: loaded.size }, 'signing keys loaded');
    } catch (error) {
      this.lastAttemptFailed = true;
      logger.warn(
        {
          url: this.metadataUrl,
          reason: error instanceof Error ? error.message : String(error),
          cached: !!this.signingKeys,
        },
        'could not fetch the signing keys',
      );
    }
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(this.options.fetchTimeoutInMs ?? 5_000),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }
}

/** The SDK's metadata cache, keyed by metadata URL, filled with bounded entries on first use. */
class BoundedMetadataMap extends Map<string, OpenIdMetadata> {
  constructor(private readonly options: SigningKeyCacheOptions) {
    super();
  }

  override get(url: string): OpenIdMetadata {
    let metadata = super.get(url);
    if (!metadata) {
      metadata = new BoundedOpenIdMetadata(url, this.options);
      super.set(url, metadata);
    }
    return metadata;
  }

  /** A loaded key by id from any issuer, without fetching anything. */
  cached(keyId: string): SigningKey | undefined {
    for (const metadata of this.values()) {
      const key = (metadata as BoundedOpenIdMetadata).cached(keyId);
      if (key) return key;
    }
    return undefined;
  }
}

/**
 * Puts the bounded key cache in place of the SDK's (a static map that every token validator consults)
 * and returns the pre-check the server runs before the SDK: a token whose key is loaded but whose
 * signature does not verify, or that expired, is refused without the SDK's console output.
 */
export function installSigningKeyCache(options: SigningKeyCacheOptions): (token: string) => boolean {
  const map = new BoundedMetadataMap(options);
  (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, OpenIdMetadata> }).openIdMetadataCache =
    map;
  return (token) => plausible(token, map, options.clock);
}

/** False when the token surely does not validate; true when the SDK must decide. */
function plausible(token: string, map: BoundedMetadataMap, clock: Clock): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  let header: { kid?: unknown; alg?: unknown };
  let payload: { exp?: unknown };
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as typeof header;
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof payload;
  } catch {
    return false;
  }
  if (typeof payload.exp === 'number' && payload.exp * 1000 + 300_000 < clock.now().getTime()) return false;
  const key = typeof header.kid === 'string' ? map.cached(header.kid) : undefined;
  if (!key) return true;
  if (header.alg !== 'RS256') return false;
  return verify(
    'RSA-SHA256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    key.pem,
    Buffer.from(parts[2], 'base64url'),
  );
}
