/**
 * AWS Config (awsJson1_1: POST / with `X-Amz-Target: StarlingDoveService.<Op>`, regional, signing
 * name `config`), the reads `--policy-source config` makes:
 *
 * - DescribeConfigurationRecorders: the region's recorder with its recordingGroup
 *   (allSupported, resourceTypes, exclusionByResourceTypes, recordingStrategy.useOnly) and
 *   recordingMode (recordingFrequency, recordingModeOverrides); none: an empty list.
 * - DescribeConfigurationRecorderStatus: recording, lastStatus (Pending | Success | Failure).
 * - BatchGetResourceConfig: at most 100 resourceKeys (more: ValidationException, as the API
 *   reference says); the current item of each key Config holds, with `configuration` and
 *   `supplementaryConfiguration.Policy` as JSON strings; a key with no item is left out of the
 *   answer (neither returned nor unprocessed); an item planted `unprocessed` comes back in
 *   unprocessedResourceKeys that many times. Times are epoch seconds, as awsJson sends them.
 *
 * The item's `configuration` carries only what the scanner compares (functionName, revisionId,
 * lastModified): a real one also holds the environment variables, which the scanner never reads.
 */
import { LAMBDA_FUNCTION_TYPE, type SimConfigItem } from '../aws-config.js';
import { jsonBody, jsonError, jsonReply, type Route, type SimRequest } from '../protocol.js';
import type { SimState } from '../state.js';

const PREFIX = 'StarlingDoveService.';
const MAX_KEYS = 100;

const invalid = (req: SimRequest, code: string, message: string) =>
  jsonError(400, code, { __type: code, message }, req.requestId);

/** How often each item has been left unprocessed, per simulator (a planted item's budget). */
const unprocessedSeen = new WeakMap<SimState, Map<string, number>>();

const seconds = (isoTime: string) => Date.parse(isoTime) / 1000;

/** Lambda's LastModified format, as Config copies it into the item's configuration. */
const lambdaTime = (isoTime: string) => new Date(isoTime).toISOString().replace('Z', '+0000');

function item(st: SimState, region: string, i: SimConfigItem) {
  return {
    version: '1.3',
    accountId: st.account.accountId,
    configurationItemCaptureTime: seconds(i.captureTime),
    configurationItemDeliveryTime: seconds(i.captureTime) + 60,
    configurationItemStatus: i.status,
    configurationStateId: String(seconds(i.captureTime) * 1000),
    arn: i.arn,
    resourceType: LAMBDA_FUNCTION_TYPE,
    resourceId: i.functionName,
    resourceName: i.functionName,
    awsRegion: region,
    availabilityZone: 'Not Applicable',
    configuration: JSON.stringify({
      functionName: i.functionName,
      functionArn: i.arn,
      revisionId: i.revisionId,
      lastModified: lambdaTime(i.lastModified),
    }),
    supplementaryConfiguration: i.policy ? { Policy: JSON.stringify(i.policy) } : {},
  };
}

export function configRoute(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'POST' || !req.target?.startsWith(PREFIX)) return null;
  const action = req.target.slice(PREFIX.length);
  const region = st.account.awsConfig?.[req.region];
  const rec = region?.recorder ?? null;
  switch (action) {
    case 'DescribeConfigurationRecorders':
      return {
        action,
        handle: () =>
          jsonReply(
            {
              ConfigurationRecorders: rec
                ? [
                    {
                      name: rec.name,
                      roleARN: `arn:aws:iam::${st.account.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
                      recordingGroup: {
                        allSupported: rec.strategy === 'ALL_SUPPORTED_RESOURCE_TYPES',
                        includeGlobalResourceTypes: false,
                        resourceTypes: rec.resourceTypes,
                        exclusionByResourceTypes: { resourceTypes: rec.exclusionTypes },
                        recordingStrategy: { useOnly: rec.strategy },
                      },
                      recordingMode: {
                        recordingFrequency: rec.recordingFrequency,
                        recordingModeOverrides: rec.overrides.map((o) => ({
                          description: 'Lambda daily',
                          resourceTypes: o.resourceTypes,
                          recordingFrequency: o.recordingFrequency,
                        })),
                      },
                    },
                  ]
                : [],
            },
            req.requestId,
          ),
      };
    case 'DescribeConfigurationRecorderStatus':
      return {
        action,
        handle: () =>
          jsonReply(
            {
              ConfigurationRecordersStatus: rec
                ? [
                    {
                      name: rec.name,
                      recording: rec.recording,
                      lastStatus: rec.lastStatus,
                      lastStartTime: seconds(st.account.now) - 90 * 86_400,
                      lastStatusChangeTime: seconds(st.account.now) - 600,
                      ...(rec.lastStatus === 'Failure'
                        ? { lastErrorCode: 'AccessDenied', lastErrorMessage: 'delivery failed' }
                        : {}),
                    },
                  ]
                : [],
            },
            req.requestId,
          ),
      };
    case 'BatchGetResourceConfig':
      return {
        action,
        handle: () => {
          const body = jsonBody(req);
          if (!body || !Array.isArray(body.resourceKeys))
            return invalid(req, 'ValidationException', 'resourceKeys is required');
          const keys = body.resourceKeys as { resourceType?: unknown; resourceId?: unknown }[];
          if (keys.length < 1 || keys.length > MAX_KEYS)
            return invalid(
              req,
              'ValidationException',
              `resourceKeys must have between 1 and ${MAX_KEYS} members`,
            );
          let seen = unprocessedSeen.get(st);
          if (!seen) {
            seen = new Map();
            unprocessedSeen.set(st, seen);
          }
          const found: ReturnType<typeof item>[] = [];
          const unprocessed: { resourceType: string; resourceId: string }[] = [];
          for (const k of keys) {
            if (k.resourceType !== LAMBDA_FUNCTION_TYPE || typeof k.resourceId !== 'string') continue;
            const i = region?.items[k.resourceId];
            // Deleted items are not returned (the API reference); nor is what was never captured.
            if (!i || i.status === 'ResourceDeleted' || i.status === 'ResourceDeletedNotRecorded') continue;
            const id = `${req.region}/${i.functionName}`;
            const times = seen.get(id) ?? 0;
            if (times < (i.unprocessed ?? 0)) {
              seen.set(id, times + 1);
              unprocessed.push({ resourceType: LAMBDA_FUNCTION_TYPE, resourceId: i.functionName });
              continue;
            }
            found.push(item(st, req.region, i));
          }
          return jsonReply(
            { baseConfigurationItems: found, unprocessedResourceKeys: unprocessed },
            req.requestId,
          );
        },
      };
    default:
      return null;
  }
}
