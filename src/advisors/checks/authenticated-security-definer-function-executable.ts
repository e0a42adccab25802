// authenticated-security-definer-function-executable (splinter 0029): authenticated may call a SECURITY DEFINER
// function.
import { definerExecutable } from './security-definer-executable.js';

export const authenticatedSecurityDefinerFunctionExecutable = definerExecutable(
  'authenticated',
  '0029_authenticated_security_definer_function_executable',
);
