import type { ServiceClient } from '@azure/core-client';
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { mapAzureError, type AzureCallContext } from './azure-error-mapper';
import type { AzureSession } from './azure-session';

/** Sends one JSON request through a client; an error answer leaves as a mapped `UserFacingError`. */
export async function sendJson(
  client: ServiceClient,
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  ctx: AzureCallContext,
): Promise<unknown> {
  const request = createPipelineRequest({
    url,
    method,
    headers: createHttpHeaders({
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    }),
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  let response: PipelineResponse;
  try {
    response = await client.sendRequest(request);
  } catch (error) {
    throw mapAzureError(error, ctx);
  }
  if (response.status >= 400) throw mapAzureError(restError(response), ctx);
  return response.bodyAsText ? JSON.parse(response.bodyAsText) : {};
}

/** One ARM request by path and API version, with the ARM token. */
export function armJson(
  session: AzureSession,
  method: 'GET' | 'POST',
  path: string,
  apiVersion: string,
  body: unknown,
  ctx: AzureCallContext,
): Promise<unknown> {
  return sendJson(
    session.arm,
    method,
    `${session.endpoints.arm}${path}?api-version=${apiVersion}`,
    body,
    ctx,
  );
}

/** The `RestError` an SDK would have thrown for an error answer, with Azure's code and message. */
export function restError(response: PipelineResponse): RestError {
  let details: unknown;
  try {
    details = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
  } catch {
    details = undefined;
  }
  const inner = (details as { error?: { code?: string; message?: string } } | undefined)?.error;
  const error = new RestError(inner?.message ?? `HTTP ${response.status}`, {
    statusCode: response.status,
    code: inner?.code,
    response,
    request: response.request,
  });
  error.details = details;
  return error;
}
