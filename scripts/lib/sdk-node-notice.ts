/**
 * The AWS SDK prints, once per process and only on a Node older than 22, that its releases
 * from January 2027 on will need Node 22. Lambda runs Node 22, where it prints nothing; local
 * tools run on the Node a fresh machine has (package.json's engines: 20.19 or newer), where
 * the notice is known (docs/operate.md) and would repeat on every command. So it is silenced
 * on an older Node only, and never where the warning could say something new.
 */
const PRINTS_NODE_NOTICE = Number(process.versions.node.split('.')[0]) < 22;

/** The setting that silences the notice in a process on this Node; empty where the SDK prints none. */
export const SDK_NODE_NOTICE_SILENCED: Readonly<Record<string, string>> = PRINTS_NODE_NOTICE
  ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  : {};

/** Silences the notice in this process where the SDK would print it, unless the environment says otherwise. */
export function silenceSdkNodeNotice(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(SDK_NODE_NOTICE_SILENCED)) env[name] ??= value;
}
