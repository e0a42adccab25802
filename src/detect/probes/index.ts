// Which probe reads which evidence file, by file name.
import { own } from '../../core/own.js';
import { baseOf, type ProbeContext, type ProbeResult, unparsable } from '../signal.js';
import { probeCargoToml, probeDieselToml } from './cargo.js';
import { probeDrizzleConfig } from './drizzle-config.js';
import { probeConfigFile, probeGoMod, probeJvmBuild, probePrismaSchema } from './other-tools.js';
import { probePackageJson } from './package-json.js';
import { probeAlembicIni, probeManagePy, probePyproject, probeRequirements } from './python.js';

type Probe = (rel: string, ctx: ProbeContext) => Promise<ProbeResult>;

const BY_NAME: Record<string, Probe> = {
  'package.json': probePackageJson,
  'alembic.ini': probeAlembicIni,
  'pyproject.toml': probePyproject,
  'manage.py': probeManagePy,
  'Cargo.toml': probeCargoToml,
  'diesel.toml': probeDieselToml,
  'schema.prisma': probePrismaSchema,
  'go.mod': probeGoMod,
  'pom.xml': probeJvmBuild,
  'build.gradle': probeJvmBuild,
  'build.gradle.kts': probeJvmBuild,
};

export function probeFile(rel: string, ctx: ProbeContext): Promise<ProbeResult> {
  const name = baseOf(rel);
  const probe =
    own(BY_NAME, name) ??
    (name.startsWith('drizzle.config.')
      ? probeDrizzleConfig
      : /^requirements.*\.txt$/.test(name)
        ? probeRequirements
        : probeConfigFile);
  // One odd file must not stop detection of the rest: it becomes a warning.
  return probe(rel, ctx).catch((e: unknown) => unparsable(rel, e));
}
