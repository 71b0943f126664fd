import * as z from 'zod';

/*
 * How an organization's stack is deployed (`cdk deploy -c org=<name>`): the org config's
 * `deploy` block, apart from what the organization's people and pulses need.
 */

const concurrencySchema = z.number().int().min(1, 'at least 1: a reservation of 0 stops the function; leave the key out to reserve nothing');

/** Concurrent executions reserved per function; see `deploy.reservedConcurrency`. */
export const reservedConcurrencySchema = z
  .object({
    api: concurrencySchema.optional(),
    dispatch: concurrencySchema.optional(),
    alerts: concurrencySchema.optional(),
    send: concurrencySchema.optional(),
  })
  .strict();

export const deploySchema = z
  .object({
    /** `dev` stacks can be deleted with their data; `prod` keeps the table and its key. */
    stage: z.enum(['prod', 'dev']).default('prod'),
    /** Optional custom domain for links; needs an ACM certificate in the stack's region. */
    domain: z
      .object({
        name: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain name such as pulse.example.org'),
        certificateArn: z.string().regex(/^arn:aws:acm:/, 'an ACM certificate ARN, arn:aws:acm:...'),
      })
      .strict()
      .optional(),
    /** Where alarms (dead letters, errors, 5xx) are emailed; required for a `prod` stack. */
    alarmEmail: z.email('not an email address').optional(),
    /** Requests per second the API accepts before throttling, and the burst above it. */
    apiRateLimit: z.number().int().min(1).max(10_000).default(100),
    apiBurstLimit: z.number().int().min(1).max(5_000).default(200),
    /**
     * Concurrent executions reserved for each function: `api`, `dispatch`, `alerts`, and `send`
     * for each channel's sender. A function with a reservation can always run that many at once,
     * and never more. Leave it empty (the default, reserving nothing) on a new account: new
     * accounts start with a concurrency quota far below the usual 1,000, and Lambda refuses a
     * reservation that would leave fewer than 100 executions unreserved, so a deployment with any
     * reservation fails there. Set it when the account's quota (Service Quotas, Lambda,
     * "Concurrent executions") is at least the reservations added up plus 100, and you want one
     * function kept from starving the others (a wave's sends against staff answering).
     */
    reservedConcurrency: reservedConcurrencySchema.default({}),
  })
  .strict()
  .superRefine((deploy, ctx) => {
    if (deploy.stage !== 'prod' || deploy.alarmEmail !== undefined) return;
    ctx.addIssue({
      code: 'custom',
      path: ['alarmEmail'],
      message:
        'required for a prod stack (deploy.stage defaults to "prod"): alarms about failed sends, function errors and API 5xx go here; without it a wave can go out to nobody and no one hears. Add deploy.alarmEmail, a mailbox someone reads (AWS sends it a link to confirm)',
    });
  })
  // Parsed even when absent, so a config that says nothing about its stack is checked as prod.
  .prefault({});
