/** What the admin CLI says about itself: its usage, and what to run instead on AWS. */
export const USAGE = `Usage: npm run pulse -- <command>

  roster import <file.csv> [--dry-run]   add, update and deactivate staff from a CSV
                                         (columns: email,phone,department,role,locale,channel;
                                         --deactivate-many when over a quarter of the roster has left)
  roster delete <email or phone> [--dry-run]
                                         delete one person's roster entry, on their request
  status                                 staff per department; waves, links issued, answers
  wave open                              open the next wave and send everyone their link
  wave remind                            send everyone in the open wave a reminder, same link
  wave dispatch                          send what waited for a department's send window
  wave close [id]                        close the open wave; its links then answer "closed"
  alerts run [--dry-run]                 email each leader their digest for the newest closed wave
                                         (--dry-run prints them instead; a rerun sends nothing twice)
  dashboard link <leader id>             print a fresh link to a leader's dashboard (digests carry one too)
  actions add <leader id> <department id> <kind> "<title>" [--status planned|in-progress|done]
              [--target-on YYYY-MM-DD] [--done-on YYYY-MM-DD] [--title-es "<título>"]
                                         log an action a leader commits to (kinds: workload,
                                         admin_burden, burnout, connection, safety)
  actions list [department id]           every action, open ones first, with its id
  actions update <action id> [--status ...] [--target-on ...] [--done-on ...] [--title ...] [--title-es ...]
                                         change an action's status, dates or wording
  cards <department id> [--out <file>] [--lang en|es]
                                         write a printable sheet of the department's one-time cards
                                         for the open wave (departments[].cards in the org file), to
                                         cards-<department>-<wave>.html; every card carries each of the
                                         organization's languages, --lang first
  demo answer                            answer the open wave's links as the demo staff would
  sms stop <phone>                       local outbox only: act as if the number replied STOP
  migrate                                bring a table written by 0.1.0 to this version, once, after
                                         deploying it (a second run changes nothing)
  smoke                                  run one whole cycle on a throwaway organization, one line per step
                                         (locally in a table of its own; PULSE_TARGET=aws: docs/deploy.md)

Environment: PULSE_ORG (default demo), PULSE_DATA_DIR, PULSE_DYNAMODB_PORT, DYNAMODB_ENDPOINT.

Against a deployed stack (roster import and delete, status, dashboard link, actions), with the shell's
AWS credentials and region and the stack's outputs:
  PULSE_TARGET=aws TABLE_NAME=<TableName> PULSE_BASE_URL=<PulseUrl> npm run pulse -- status
cards too, but only with credentials that may read the open wave's secret, which the admin policy
deliberately cannot (docs/operate.md, "Printed cards").`;

/** Commands that need only the table, and so also work against a deployed stack. */
export const WORKS_ON_AWS = new Set([
  'migrate',
  'roster import',
  'roster delete',
  'status',
  'dashboard link',
  'actions add',
  'actions list',
  'actions update',
  'cards',
]);

/** What to run instead on AWS, where the functions do these jobs. */
export function onAwsInstead(name: string): string {
  const invoke = (output: string, payload?: string) =>
    `aws lambda invoke --function-name <${output} output>${payload ? ` --cli-binary-format raw-in-base64-out --payload '${payload}'` : ''} /dev/stdout`;
  switch (name) {
    case 'wave open':
      return `On AWS the schedule opens waves on the cadence day. To catch up a missed one (it opens only when one is due):\n  ${invoke('DispatchFunctionName', '{"action":"open"}')}`;
    case 'wave remind':
      return `On AWS the schedule sends reminders. To run the reminder step now (it sends only when one is due):\n  ${invoke('DispatchFunctionName', '{"action":"remind"}')}`;
    case 'wave dispatch':
      return `On AWS the hourly tick sends what waited for a send window. To run it now:\n  ${invoke('DispatchFunctionName', '{"action":"tick"}')}`;
    case 'wave close':
      return `On AWS the schedule closes a wave when its time is up. To run the close step now (it closes only a wave that is due):\n  ${invoke('DispatchFunctionName', '{"action":"close"}')}`;
    case 'alerts run':
      return `On AWS the daily schedule sends the digests. To send them now (each leader's once):\n  ${invoke('AlertsFunctionName')}`;
    default:
      return `"${name}" works on the local platform only.`;
  }
}
