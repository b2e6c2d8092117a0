// Reading a sandbox CLI's output as the CLI tests drive it.

/** The next line on `stream` matching `pattern`, from output that arrives after the call. */
export function nextLine(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in: ${buffer}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(line);
      }
    };
    stream.on('data', onData);
  });
}
