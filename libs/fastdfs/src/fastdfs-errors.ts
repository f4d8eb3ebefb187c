/** A server could not be reached or stopped answering: another tracker or storage may do. */
export class FastdfsUnavailableError extends Error {
  override readonly name = 'FastdfsUnavailableError';
}

/** The server answered with a non-zero status (an errno). ENOENT (2) means the file does not exist. */
export class FastdfsStatusError extends Error {
  override readonly name = 'FastdfsStatusError';
  constructor(
    readonly command: number,
    readonly status: number,
  ) {
    super(
      `FastDFS command ${command} failed with status ${status}${status === 2 ? ' (ENOENT: no such file)' : ''}`,
    );
  }

  get notFound(): boolean {
    return this.status === 2;
  }
}

/** The server broke the protocol (wrong response command, impossible length): the connection is not reused. */
export class FastdfsProtocolError extends Error {
  override readonly name = 'FastdfsProtocolError';
}
