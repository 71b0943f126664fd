import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { startDeployedStack, type DeployedStack } from '../support/deployed/deployed-stack.js';
import type { PolicyDocument } from '../support/deployed/template-model.js';

/**
 * What a deployed stack does when a role lacks a grant its code needs, as the stack once
 * shipped: dispatch without `dynamodb:BatchWriteItem`. The emulator would accept the call;
 * the harness refuses it as IAM would, and the open must fail loudly, leave no wave open and
 * no secret behind. This also shows the harness catches a grant that is missing.
 */
const withoutBatchWrites = (fn: string, policies: PolicyDocument[]): PolicyDocument[] =>
  fn !== 'Care Pulse dispatch'
    ? policies
    : policies.map((policy) => ({
        ...policy,
        Statement: policy.Statement.map((s) => ({
          ...s,
          Action: [s.Action as string | string[]].flat().filter((a) => a !== 'dynamodb:BatchWriteItem'),
        })).filter((s) => s.Action.length > 0),
      }));

let stack: DeployedStack;

beforeAll(async () => {
  const orgFile = {
    id: 'denied',
    name: 'Denied Clinic',
    timeZone: 'America/Chicago',
    departments: [
      { id: 'clinic', name: 'Clinic' },
      { id: 'lab', name: 'Lab' },
    ],
    roleGroups: [{ id: 'nurse', name: 'Nurses' }],
    leaders: [{ id: 'lead', name: 'Lead', email: 'lead@denied.example', executive: true }],
    channels: { email: { from: 'pulse@denied.example', maxPerSecond: 1000 } },
    deploy: { alarmEmail: 'it@denied.example' },
  };
  const rows = [
    'email,phone,department,role,locale,channel',
    ...['clinic', 'lab'].flatMap((d) => Array.from({ length: 6 }, (_, i) => `${d}.${i}@staff.example,,${d},nurse,en,email`)),
  ];
  stack = await startDeployedStack({ orgFile, rosterCsv: `${rows.join('\n')}\n`, policiesOf: withoutBatchWrites });
  await stack.cli('roster', 'import', `${stack.workDir}/roster.csv`);
}, 180_000);

afterAll(async () => stack?.stop());

describe('a dispatch role without BatchWriteItem', () => {
  it('fails the scheduled open loudly, naming the refused call, with no wave left open, no link queued and the secret destroyed', async () => {
    await expect(stack.scheduled('open', '2026-12-08T16:00:00Z')).rejects.toThrow(/AccessDeniedException/);
    expect(stack.gate.refusals.length).toBeGreaterThan(0);
    for (const refusal of stack.gate.refusals)
      expect(refusal).toMatchObject({ principal: 'Care Pulse dispatch', call: 'DynamoDB.BatchWriteItem', action: 'dynamodb:BatchWriteItem' });
    expect(stack.services.queued).toEqual([]);
    expect(stack.services.secrets.size).toBe(0);
    const { documentClient } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
    const { Items } = await documentClient.send(
      new QueryCommand({ TableName: stack.model.tableName, KeyConditionExpression: 'pk = :w', ExpressionAttributeValues: { ':w': 'WAVE' } }),
    );
    expect(Items).toEqual([]);
    documentClient.destroy();
  });
});
