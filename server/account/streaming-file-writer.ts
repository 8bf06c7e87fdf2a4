import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * Appends text to a file through a write stream and waits for 'drain' whenever the stream's buffer
 * is full: however fast the database produces rows, memory holds at most one buffer of them.
 */
export class StreamingFileWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  private constructor(path: string) {
    // 0600: the file holds a whole organization's data; only the service user reads it.
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600, encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  static async create(path: string): Promise<StreamingFileWriter> {
    const writer = new StreamingFileWriter(path);
    await once(writer.stream, 'open'); // rejects with the stream's error (exists, no permission)
    return writer;
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Flushes and closes; resolves with the file's size. */
  async close(): Promise<number> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await finished(this.stream);
    return this.stream.bytesWritten;
  }

  /** Closes without caring about the content (the caller deletes the file). */
  async abandon(): Promise<void> {
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
  }
}
