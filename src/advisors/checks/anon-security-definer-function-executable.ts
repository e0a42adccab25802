// anon-security-definer-function-executable (splinter 0028): anon may call a SECURITY DEFINER function.
import { definerExecutable } from './security-definer-executable.js';

export const anonSecurityDefinerFunctionExecutable = definerExecutable(
  'anon',
  '0028_anon_security_definer_function_executable',
);
