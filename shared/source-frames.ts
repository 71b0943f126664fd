import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

// A frame in a file of ours or a dependency (`at f (file:///x.mjs:1:2)` or `at /x.js:1:2`); not Node's own (`node:internal/...`).
const FRAME = /(?:\(|^at )((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/;
const PROJECT_PATH = /(?:^|\/)((?:shared|functions|web|infra|scripts|test)\/[^/].*)$/;

let bundleMap: { file: string; map: SourceMap | undefined } | undefined;

/**
 * Where an error was thrown, as `path:line:column` frames of the project's sources, for a log
 * line. Bundles start without source maps (Node's --enable-source-maps parses the whole map
 * on every cold start), so the map beside the bundle is read here, once, when the first error
 * is logged. Frames name code only: no message, so nothing a driver quoted (a key, a token).
 */
export function sourceFrames(error: unknown, limit = 4): string {
  if (!(error instanceof Error) || !error.stack) return '';
  const frames: string[] = [];
  // Only the frame lines: a message of several lines must never be read as frames.
  for (const line of error.stack.split('\n').filter((text) => /^\s+at /.test(text))) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const [, location = '', lineText = '0', columnText = '0'] = match;
    const frame = original(location.startsWith('file://') ? fileURLToPath(location) : location, Number(lineText), Number(columnText));
    // Where it was thrown, then our own callers: a dependency's inner frames say little.
    if (frames.length > 0 && frame.startsWith('node_modules/')) continue;
    frames.push(frame);
    if (frames.length === limit) break;
  }
  return frames.join(' < ');
}

function original(file: string, line: number, column: number): string {
  const map = mapFor(file);
  const entry = map?.findEntry(line - 1, column - 1);
  if (entry && 'originalSource' in entry) return `${shortPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${shortPath(file)}:${line}:${column}`;
}

function mapFor(file: string): SourceMap | undefined {
  if (bundleMap?.file === file) return bundleMap.map;
  let map: SourceMap | undefined;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    map = undefined;
  }
  // Only the bundle's own map is worth keeping: a process runs one bundle.
  bundleMap = { file, map };
  return map;
}

function shortPath(path: string): string {
  const dependency = path.lastIndexOf('node_modules/');
  if (dependency >= 0) return path.slice(dependency);
  return PROJECT_PATH.exec(path)?.[1] ?? path.split('/').slice(-2).join('/');
}
