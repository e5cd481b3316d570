import { Presets, SingleBar } from 'cli-progress';

/**
 * Progress of the seed on a stream (stderr): a bar when it is a terminal, otherwise one plain line per step, so that
 * logs and CI output stay readable.
 */
export const seedProgress = (stream: NodeJS.WriteStream = process.stderr) => {
  let bar: SingleBar | null = null;
  const started = Date.now();
  return {
    update(done: number, total: number, label: string): void {
      if (stream.isTTY) {
        if (!bar) {
          bar = new SingleBar({ format: 'seeding the demo [{bar}] {percentage}% {label}', stream, hideCursor: true }, Presets.shades_classic);
          bar.start(total, 0, { label });
        }
        bar.update(done, { label });
        return;
      }
      stream.write(`seed ${String(done).padStart(3)}/${total} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
    stop(): void {
      bar?.stop();
    },
  };
};
