// The --db option shared by every command that opens a database.
import { Option } from 'commander';

export function dbOption(
  description = 'database: embedded (default), memory, local, a postgres:// URL or a libpq key=value string',
): Option {
  return new Option('--db <target>', description);
}
