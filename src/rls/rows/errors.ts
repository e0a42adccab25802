// The one failure the row generator reports: a row it could not make, with a one-line reason naming the table
// (and column or constraint). The RLS matrix reports such a table as "not proven" rather than failing the run.
export class RowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowError';
  }
}
