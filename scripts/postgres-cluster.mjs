// A throwaway PostgreSQL cluster for the API suite on PostgreSQL (decision 0035): made in a temporary
// folder, listening on 127.0.0.1 only on a free port, trusting local connections, stopped and
// removed afterwards. PostgreSQL refuses to run as root: as root the cluster belongs to the
// `postgres` user that Debian's package creates.
//
//   import { startCluster } from './postgres-cluster.mjs';
//   const cluster = startCluster();   // null when no PostgreSQL is installed
//   ... TEST_DATABASE_URL=cluster.url ...
//   cluster.stop();
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest installed PostgreSQL's programs (Debian keeps them in /usr/lib/postgresql/N/bin). */
export function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? join(found, '..') : null;
}

/** Installs Debian's PostgreSQL when it is missing and this is root on Debian; true when it is there. */
export function ensurePostgres() {
  if (postgresBin()) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  console.log('Installing PostgreSQL for the API suite on PostgreSQL ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { env, stdio: 'ignore' });
  if (install().status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    install();
  }
  return postgresBin() !== null;
}

function freePort() {
  // A synchronous answer from an asynchronous server: ask a child node process.
  const script = `const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

export function startCluster() {
  const bin = postgresBin();
  if (!bin) return null;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'cf-postgres-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o755);
  const as = (program, args) => {
    const command = [join(bin, program), ...args];
    const result = asRoot
      ? spawnSync(
          'su',
          ['postgres', '-s', '/bin/sh', '-c', command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')],
          { encoding: 'utf8' },
        )
      : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = freePort();
  // fsync off: a test cluster need not survive a power cut, and every test makes a database.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  as('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}`,
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
