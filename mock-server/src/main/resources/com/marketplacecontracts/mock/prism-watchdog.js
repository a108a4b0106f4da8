// Runs Prism as a child and ties it to the JVM that started this script: when the JVM goes away by any path
// (normal exit, SIGTERM, crash, kill -9) its end of our stdin closes, or its pid disappears, and Prism's whole
// process group is stopped. Arguments: the JVM's pid, the Prism executable, Prism's arguments.
'use strict';
const { spawn } = require('child_process');
const [parentPid, prism, ...args] = process.argv.slice(1);

const child = spawn(prism, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
let stopping = false;

function signalGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (e) {
    // already gone
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  setTimeout(() => {
    signalGroup('SIGKILL');
    process.exit(0);
  }, 2000).unref();
}

function parentAlive() {
  try {
    process.kill(Number(parentPid), 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

child.on('error', (e) => {
  console.error('could not start ' + prism + ': ' + e.message);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code === null ? 1 : code));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);
setInterval(() => {
  if (!parentAlive()) stop();
}, 500);
