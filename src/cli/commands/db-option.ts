// The --db option shared by every command that opens a database.
import { Option } from 'commander';

export function dbOption(
  description = 'database: embedded (default), memory, local, or a postgres:// URL',
): Option {
  return new Option('--db <target>', description);
}
