/** A request the service would refuse with 400 (so a handler would never see it). */
export class InvalidTestRequestError extends Error {
  override readonly name = 'InvalidTestRequestError';

  constructor(readonly fields: Record<string, string[]>) {
    super(
      `The service would answer this request 400 (it breaks the request contract), so no handler would see it:\n${Object.entries(
        fields,
      )
        .map(([path, problems]) => `  ${path}: ${problems.join('; ')}`)
        .join('\n')}`,
    );
  }
}
