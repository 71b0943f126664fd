/**
 * A one-line progress bar on stderr for long imports. Silent when stderr is not a
 * terminal (CI, pipes), so logs stay clean.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!stream.isTTY || total === 0) return;
      const percent = Math.floor((100 * done) / total);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((width * done) / total);
      stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`);
      if (done >= total) stream.write('\n');
    },
  };
}
