// kodo's version, shown by the CLI and announced by the MCP server.
export const VERSION = '0.1.0';
