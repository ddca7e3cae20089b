// The environment a worker starts with: nothing inherited from the user's shell (no API keys leak
// into untrusted code), a stated time zone and locale, a fixed hash seed, one BLAS/OpenMP/numexpr
// thread, a headless plot backend.
const PASS_THROUGH = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

export interface StatedEnvironment {
  tz: string;
  locale: string;
  /** glibc's LOCPATH: where a locale not installed system-wide was compiled. */
  localeDir?: string;
}

export function workerEnvironment(host: NodeJS.ProcessEnv, stated: StatedEnvironment = { tz: 'UTC', locale: 'C.UTF-8' }): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: stated.locale,
    LC_ALL: stated.locale,
    LANGUAGE: stated.locale,
    TZ: stated.tz,
    HOME: '/tmp',
    PYTHONHASHSEED: '0',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
    OPENBLAS_NUM_THREADS: '1',
    OMP_NUM_THREADS: '1',
    MKL_NUM_THREADS: '1',
    NUMEXPR_NUM_THREADS: '1',
    MPLBACKEND: 'Agg',
  };
  if (stated.localeDir) env.LOCPATH = stated.localeDir;
  // Older OpenBLAS builds compute wrong results on some processors without these.
  for (const k of PASS_THROUGH) if (host[k]) env[k] = host[k] as string;
  return env;
}
