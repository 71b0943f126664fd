/**
 * The one definition of the platform's single DynamoDB table. The CDK stack, the local
 * platform and the integration tests all build their table from this object, so the
 * three can never drift apart. No AWS imports here: adapters translate it.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes token items some time after this passes. */
  ttlAttribute: 'expiresAt',
  indexes: [
    /** Roster by department, so a wave is opened one department at a time. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ],
} as const;

export type TableKey = { pk: string; sk: string };

/**
 * Key builders. Each item kind has its own prefix so a reader of the table can tell what
 * an item is from its key alone.
 */
export const keys = {
  /** A token, by the hash of the token: nothing about the person. */
  token: (tokenHash: string): TableKey => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** A wave's header: status, close time, items asked, head counts per unit. */
  wave: (waveId: string): TableKey => ({ pk: 'WAVE', sk: `WAVE#${waveId}` }),
  wavesPartition: () => 'WAVE',
  /** The per-wave secret tokens are derived from; deleted when the wave closes. */
  waveSecret: (waveId: string): TableKey => ({ pk: `WAVESECRET#${waveId}`, sk: 'SECRET' }),
  /**
   * One shard of a (wave, department, role group) aggregate. Partitioned per department so
   * the alert job reads a department in one query, and sharded within it so a burst of
   * concurrent submits does not fight over one item.
   */
  aggregate: (waveId: string, department: string, roleGroup: string, shard: number): TableKey => ({
    pk: aggregatePartition(waveId, department),
    sk: `AGG#${roleGroup}#${String(shard).padStart(2, '0')}`,
  }),
  aggregatePartition: (waveId: string, department: string) => aggregatePartition(waveId, department),
  /**
   * Staff's comments to a wave from one recording unit, spread over a few buckets so no item
   * nears DynamoDB's item size: a set of scrubbed texts, each behind a random nonce (two people
   * may write the same words), with no token, time, shard or order. The bucket is drawn apart
   * from the answer's shard, so it says nothing about which shard the writer's answers joined.
   */
  comments: (waveId: string, department: string, roleGroup: string, bucket: number): TableKey => ({
    pk: commentPartition(waveId, department),
    sk: `COMMENTS#${roleGroup}#${String(bucket).padStart(2, '0')}`,
  }),
  commentPartition: (waveId: string, department: string) => commentPartition(waveId, department),
  /**
   * That one message of a wave went (or is going) to one person on one channel: it makes
   * a redelivered queue message harmless. Says nothing about answering.
   */
  delivery: (waveId: string, kind: string, staffId: string, channel: string): TableKey => ({ pk: `SENT#${waveId}#${kind}#${staffId}#${channel}`, sk: 'SENT' }),
  /**
   * That a wave's link went out to one person, on some channel, by some message: no time, no
   * channel, no unit. It makes the person count once in their unit's reach (aggregate shards'
   * `reached`), however many messages they are sent.
   */
  reach: (waveId: string, staffId: string): TableKey => ({ pk: `REACH#${waveId}#${staffId}`, sk: 'REACH' }),
  /** The alert log: a leader's digest for a wave, sent once. */
  alert: (waveId: string, leaderId: string): TableKey => ({ pk: `ALERT#${waveId}`, sk: `LEADER#${leaderId}` }),
  /**
   * A closed wave's published figures, one item per group that passed suppression, under
   * the id of the save that wrote them, and a summary written last that names the save that
   * completed first (its absence means none has). Read by the dashboard. Figures saved
   * before saves had ids (`saveId` undefined) sit under the same keys without the save prefix.
   */
  publishedGroup: (waveId: string, department: string | undefined, groupId: string, saveId?: string): TableKey => ({
    pk: publishedPartition(waveId),
    sk: `${publishedDepartmentPrefix(department, saveId)}${groupId}`,
  }),
  /** Sort keys of one department's published groups, so a manager's page reads only theirs. */
  publishedDepartmentPrefix: (department: string | undefined, saveId?: string) => publishedDepartmentPrefix(department, saveId),
  /** Sort keys of every published group of one save. */
  publishedGroupsPrefix: (saveId?: string) => `${savePrefix(saveId)}GROUP#`,
  publishedSummary: (waveId: string): TableKey => ({ pk: publishedPartition(waveId), sk: 'SUMMARY' }),
  /** The same published groups again, compressed in a few chunks, for an alert run's history read. */
  publishedChunk: (waveId: string, index: number, saveId?: string): TableKey => ({
    pk: publishedPartition(waveId),
    sk: `${savePrefix(saveId)}EVAL#${String(index).padStart(3, '0')}`,
  }),
  /**
   * A closed wave's counts per recording unit, frozen when it closed, in compressed chunks:
   * the aggregates' own figures, read in one request instead of a query per department.
   */
  frozenChunk: (waveId: string, index: number): TableKey => ({ pk: `FROZEN#${waveId}`, sk: `CHUNK#${String(index).padStart(3, '0')}` }),
  publishedPartition: (waveId: string) => publishedPartition(waveId),
  /**
   * A leader's committed action, filed under its department so a manager's dashboard reads
   * only theirs. One partition: actions are written by hand, a few a week.
   */
  action: (department: string, actionId: string): TableKey => ({ pk: 'ACTION', sk: `ACTION#${department}#${actionId}` }),
  actionsPartition: () => 'ACTION',
  actionDepartmentPrefix: (department: string) => `ACTION#${department}#`,
  /** The key leaders' dashboard links are signed with (see shared/domain/dashboard-link.ts). */
  dashboardKey: (): TableKey => ({ pk: 'DASHBOARDKEY', sk: 'KEY' }),
  /** A staff member on the roster. */
  staff: (staffId: string): TableKey => ({ pk: `STAFF#${staffId}`, sk: 'STAFF' }),
  staffByDepartment: (department: string) => ({ gsi1pk: `ROSTER#${department}` }),
};

/**
 * The partition keys of each item kind as IAM matches them (`dynamodb:LeadingKeys` with
 * StringLike): what a function's role may touch is named by kind, and a test holds each
 * pattern to the key builder above it.
 */
export const PARTITION_PATTERNS = {
  token: 'TOKEN#*',
  waves: 'WAVE',
  waveSecret: 'WAVESECRET#*',
  aggregate: 'AGG#*',
  comments: 'COMMENT#*',
  delivery: 'SENT#*',
  reach: 'REACH#*',
  alert: 'ALERT#*',
  published: 'PUBLISHED#*',
  frozen: 'FROZEN#*',
  actions: 'ACTION',
  dashboardKey: 'DASHBOARDKEY',
  staff: 'STAFF#*',
} as const;

export type ItemKind = keyof typeof PARTITION_PATTERNS;

function publishedDepartmentPrefix(department: string | undefined, saveId: string | undefined): string {
  // Organization-wide groups have no department; '~' sorts after every department id.
  return `${savePrefix(saveId)}GROUP#${department ?? '~'}#`;
}

function savePrefix(saveId: string | undefined): string {
  return saveId === undefined ? '' : `SAVE#${saveId}#`;
}

function publishedPartition(waveId: string): string {
  return `PUBLISHED#${waveId}`;
}

function commentPartition(waveId: string, department: string): string {
  return `COMMENT#${waveId}#${department}`;
}

/** Reads the role group back from a comment bucket's sort key. */
export function parseCommentSortKey(sk: string): string | undefined {
  return /^COMMENTS#(.+)#\d{2}$/.exec(sk)?.[1];
}

function aggregatePartition(waveId: string, department: string): string {
  return `AGG#${waveId}#${department}`;
}

/** Reads the role group and shard back from an aggregate sort key. */
export function parseAggregateSortKey(sk: string): { roleGroup: string; shard: number } | undefined {
  const match = /^AGG#(.+)#(\d{2})$/.exec(sk);
  return match?.[1] !== undefined && match[2] !== undefined ? { roleGroup: match[1], shard: Number(match[2]) } : undefined;
}
