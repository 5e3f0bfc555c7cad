/**
 * A dotenv file (`.env`) that cannot be read, or with lines that are not variables: the
 * service must not start on half of what it was meant to be given. Names the file and the
 * lines, never their text (a line may hold a secret).
 */
export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';

  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} cannot be used: ${problems.join('; ')}`);
  }
}
