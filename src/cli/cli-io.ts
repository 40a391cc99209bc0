/** Results go to stdout. */
export const out = (text: string) => void process.stdout.write(`${text}\n`);
/** Progress and failures go to stderr, so stdout stays parseable. */
export const progress = (text: string) => void process.stderr.write(`${text}\n`);

/** Where `runCli` writes its help and usage errors; a test passes its own to read them. */
export interface CliStreams {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processStreams: CliStreams = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
