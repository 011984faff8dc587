# benchlib.py — what the benchmark driver (bench.py) drives: the sandbox, the application,
# its trace, the bare window, keystrokes, and /proc.
#
# Everything here is bounded in time: every wait takes a timeout, every process is ended by
# its own pid when the driver is done with it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import select
import shutil
import signal
import statistics
import subprocess
import time
import urllib.error
import urllib.request

APP_ID = 'org.babaihu.Agent'
DEMO_ACCOUNT = '100008800'
DEMO_PASSWORD = '02367073578'
DEMO_EXTENSION = '800'
CLK_TCK = os.sysconf('SC_CLK_TCK')


class BenchError(Exception):
    """A step could not be done; the metric it was for is reported n/a with this reason."""


def now_ms():
    return time.time() * 1000.0


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def median(values):
    return statistics.median(values)


# ---- /proc --------------------------------------------------------------------------------

def rss_mb(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    raise BenchError(f'no VmRSS for pid {pid}')


def cpu_seconds(pid):
    """User + system CPU time of the process, in seconds."""
    with open(f'/proc/{pid}/stat') as f:
        stat = f.read()
    fields = stat[stat.rindex(')') + 2:].split()
    # fields[0] is field 3 (state): utime is field 14, stime field 15
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def end_process(proc, grace=5.0):
    """Ends one process we started: SIGTERM, then SIGKILL after `grace` seconds."""
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


# ---- HTTP (loopback only) ------------------------------------------------------------------

def http_json(url, body=None, timeout=10.0):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method='GET' if body is None else 'POST',
                                     headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return json.loads(answer.read().decode())
    except urllib.error.HTTPError as e:
        raise BenchError(f'{url}: HTTP {e.code}: {e.read()[:200]!r}')
    except (urllib.error.URLError, OSError) as e:
        raise BenchError(f'{url}: {e}')


# ---- the sandbox --------------------------------------------------------------------------

class Sandbox:
    """babaihu-sandbox on a free loopback port, with its own database file."""

    def __init__(self, build, scratch, name, args, start_timeout=120.0, env=None):
        self.exe = os.path.join(build, 'src', 'sandbox', 'babaihu-sandbox')
        self.db = os.path.join(scratch, f'{name}.db')
        self.log = os.path.join(scratch, f'{name}.log')
        self.args = list(args)
        self.start_timeout = start_timeout
        self.env = env
        self.proc = None
        self.api = None
        self.control = None
        self.start_s = None

    def start(self, tries=2):
        last = None
        for _ in range(tries):
            try:
                return self._start_once()
            except BenchError as e:
                last = e
                self.stop()
        raise last

    def _start_once(self):
        if os.path.exists(self.db):
            os.unlink(self.db)
        t0 = time.monotonic()
        log = open(self.log, 'ab')
        self.proc = subprocess.Popen([self.exe, '--db', self.db] + self.args,
                                     stdout=subprocess.PIPE, stderr=log, env=self.env)
        log.close()
        lines = []
        buffer = b''
        deadline = t0 + self.start_timeout
        while len(lines) < 2:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError(f'the sandbox did not start within {self.start_timeout:.0f} s')
            ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    raise BenchError(f'the sandbox exited with {self.proc.wait()} while starting'
                                     f' (see {self.log})')
                buffer += chunk
                *done, buffer = buffer.split(b'\n')
                lines += [line.decode() for line in done]
            elif self.proc.poll() is not None:
                raise BenchError(f'the sandbox exited with {self.proc.returncode} while starting'
                                 f' (see {self.log})')
        if not lines[0].startswith('listening on ') or not lines[1].startswith('control on '):
            raise BenchError(f'unexpected sandbox output: {lines[:2]}')
        self.api = lines[0].split()[-1]
        self.control = lines[1].split()[-1]
        self.start_s = time.monotonic() - t0
        # Nobody reads its stdout any more; keep the pipe from filling up.
        self.proc.stdout.close()
        return self

    def call(self, phone, extension=DEMO_EXTENSION, ring_ms=3000, talk_ms=10000, record=False,
             direction='in'):
        answer = http_json(self.control + '/sandbox/call',
                           {'extension': extension, 'phone': phone, 'direction': direction,
                            'ring_ms': ring_ms, 'talk_ms': talk_ms, 'record': record})
        if 'cdrId' not in answer:
            raise BenchError(f'/sandbox/call: {answer}')
        return answer['cdrId']

    def hangup(self, extension=DEMO_EXTENSION):
        return http_json(self.control + '/sandbox/hangup', {'extension': extension})

    def status(self):
        return http_json(self.control + '/sandbox/status')

    def customer_phones(self, limit=400):
        """Numbers of real customers, so that the pop-up's lookups find someone."""
        import hashlib
        md5 = hashlib.md5(DEMO_PASSWORD.encode()).hexdigest().upper()
        url = (f'{self.api}/voip/api/jsondata.html?sa_user={DEMO_ACCOUNT}&sa_password={md5}'
               f'&method=getCustomersPage&limit={limit}')
        answer = http_json(url)
        phones = [row.get('cpPhone') for row in answer.get('rows_customerphone') or []]
        phones = [p for p in phones if p]
        if not phones:
            raise BenchError('the sandbox has no customer numbers')
        return phones

    def stop(self):
        end_process(self.proc)
        self.proc = None


# ---- the trace ----------------------------------------------------------------------------

class Trace:
    """The application's BABAIHU_TRACE file, read as it grows."""

    def __init__(self, path):
        self.path = path
        self.events = []
        self._file = None
        self._partial = ''

    def read(self):
        if self._file is None:
            if not os.path.exists(self.path):
                return []
            self._file = open(self.path, encoding='utf-8')
        chunk = self._file.read()
        if not chunk:
            return []
        text = self._partial + chunk
        *lines, self._partial = text.split('\n')
        new = []
        for line in lines:
            if line.strip():
                try:
                    new.append(json.loads(line))
                except json.JSONDecodeError:
                    pass
        self.events += new
        return new

    def wait(self, predicate, timeout, since=0, poll=0.003, alive=None):
        """The first event from index `since` on that satisfies `predicate`, or None."""
        deadline = time.monotonic() + timeout
        index = since
        while True:
            self.read()
            while index < len(self.events):
                event = self.events[index]
                index += 1
                if predicate(event):
                    return event
            if time.monotonic() >= deadline:
                return None
            if alive is not None and not alive():
                self.read()
                if index >= len(self.events):
                    return None
                continue
            time.sleep(poll)

    def wait_event(self, name, timeout, since=0, **fields):
        return self.wait(lambda e: e.get('event') == name and
                         all(e.get(k) == v for k, v in fields.items()), timeout, since)

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None


# ---- the application ----------------------------------------------------------------------

class App:
    """One run of the real babaihu-agent, logged in to a sandbox with --password-file."""

    def __init__(self, bench, name, sandbox, settings=None, extra_env=None):
        self.bench = bench
        self.name = name
        self.sandbox = sandbox
        self.dir = os.path.join(bench.scratch, 'runs', name)
        shutil.rmtree(self.dir, ignore_errors=True)
        for sub in ('config/glib-2.0/settings', 'state', 'cache', 'data'):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        self.trace_path = os.path.join(self.dir, 'trace.jsonl')
        self.log_path = os.path.join(self.dir, 'app.log')
        self.trace = Trace(self.trace_path)
        self.proc = None
        self.exec_ms = None
        self.frames_path = None
        # GSettings: the keyfile backend, so that a run can start with its settings in place.
        lines = ['[org/babaihu/Agent]']
        for key, value in (settings or {}).items():
            lines.append(f'{key}={value}')
        with open(os.path.join(self.dir, 'config/glib-2.0/settings/keyfile'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
        self.env = bench.app_env(self.dir)
        self.env['BABAIHU_TRACE'] = self.trace_path
        if extra_env:
            self.env.update(extra_env)

    def read_frames(self, keys=None):
        """The frame probe's lines so far: ({clock: window type}, [(clock, begin, end, painted)]);
        key presses (unix ms) are appended to `keys` when it is given."""
        windows, frames = {}, []
        if self.frames_path is None or not os.path.exists(self.frames_path):
            return windows, frames
        with open(self.frames_path) as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 5 and fields[0] == 'frame':
                    frames.append((fields[1], float(fields[2]), float(fields[3]), fields[4] == '1'))
                elif len(fields) >= 3 and fields[0] == 'window':
                    windows[fields[1]] = fields[2]
                elif len(fields) >= 3 and fields[0] == 'key' and keys is not None:
                    keys.append((float(fields[1]), int(fields[2])))
        return windows, frames

    def wait_probe_line(self, kinds, timeout):
        """The first probe line whose first word is one of `kinds`, split, or None."""
        deadline = time.monotonic() + timeout
        while True:
            if self.frames_path is not None and os.path.exists(self.frames_path):
                with open(self.frames_path) as f:
                    for line in f:
                        fields = line.split()
                        if fields and fields[0] in kinds:
                            return fields
            if time.monotonic() >= deadline or not self.alive():
                return None
            time.sleep(0.02)

    def wait_keys(self, after_ms, count, timeout=5.0):
        """The first `count` key presses (unix ms, keyval) the application received after
        `after_ms`, or None."""
        deadline = time.monotonic() + timeout
        while True:
            keys = []
            self.read_frames(keys)
            later = sorted(k for k in keys if k[0] >= after_ms)
            if len(later) >= count:
                return later[:count]
            if time.monotonic() >= deadline or not self.alive():
                return None
            time.sleep(0.005)

    def wait_quiet(self, method, quiet_s, timeout):
        """Waits until no `method` request has finished for `quiet_s` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.trace.read()
            last = max((e['ts_ms'] for e in self.trace.events
                        if e.get('event') == 'request' and e.get('method') == method), default=0)
            if now_ms() - last >= quiet_s * 1000:
                return True
            time.sleep(0.05)
        return False

    def wait_frame(self, window_type, after_ms, timeout=5.0):
        """The first frame of the window of that type painted after `after_ms`, or None."""
        deadline = time.monotonic() + timeout
        while True:
            windows, frames = self.read_frames()
            clocks = {c for c, kind in windows.items() if kind == window_type}
            for clock, begin, end, painted in frames:
                if clock in clocks and painted and begin >= after_ms:
                    return begin, end
            if time.monotonic() >= deadline or not self.alive():
                return None
            time.sleep(0.005)

    def probe_frames(self):
        probe = os.path.join(self.bench.build, 'tests', 'bench', 'libbench-frame-probe.so')
        if not os.path.exists(probe):
            raise BenchError('the frame probe was not built')
        self.frames_path = os.path.join(self.dir, 'frames.txt')
        self.env['BABAIHU_BENCH_FRAMES'] = self.frames_path
        self.env['LD_PRELOAD'] = probe

    def start(self):
        password = os.path.join(self.dir, 'password')
        with open(password, 'w') as f:
            f.write(DEMO_PASSWORD)
        exe = os.path.join(self.bench.build, 'src', 'app', 'babaihu-agent')
        log = open(self.log_path, 'ab')
        self.exec_ms = now_ms()
        self.proc = subprocess.Popen([exe, '--server', self.sandbox.api, '--account', DEMO_ACCOUNT,
                                      '--password-file', password],
                                     stdout=log, stderr=subprocess.STDOUT, env=self.env,
                                     cwd=self.dir)
        log.close()
        return self

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_logged_in(self, timeout=30.0):
        """The window-shown event (the first painted logged-in window)."""
        shown = self.trace.wait(lambda e: e.get('event') == 'window-shown', timeout,
                                alive=self.alive)
        if shown is None:
            if not self.alive():
                raise BenchError(f'the application exited with {self.proc.returncode}'
                                 f' before its window was shown (see {self.log_path})')
            raise BenchError(f'no window-shown in the trace within {timeout:.0f} s')
        return shown

    def action(self, name, parameter=None, timeout=15.0):
        """Activates an application action over D-Bus; returns when it was sent (unix ms)."""
        exe = os.path.join(self.bench.build, 'tests', 'bench', 'bench-action')
        args = [exe, APP_ID, name] + ([parameter] if parameter is not None else [])
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                  env=self.env)
        except subprocess.TimeoutExpired:
            raise BenchError(f'action {name} was not answered within {timeout:.0f} s')
        if done.returncode != 0:
            raise BenchError(f'action {name}: {done.stderr.strip()}')
        return float(done.stdout.split()[1])

    def keys(self, *args, timeout=15.0):
        """xdotool with these arguments (keystrokes go to the focused window)."""
        if shutil.which('xdotool') is None:
            raise BenchError('xdotool is not installed (build-aux/install-deps)')
        try:
            subprocess.run(['xdotool'] + list(args), check=True, timeout=timeout,
                           capture_output=True, env=self.env)
        except subprocess.TimeoutExpired:
            raise BenchError(f'xdotool {args[0]} did not finish within {timeout:.0f} s')
        except subprocess.CalledProcessError as e:
            raise BenchError(f'xdotool {" ".join(args)}: {e.stderr.decode().strip()}')

    def map_keysyms(self, text):
        """Gives each character of `text` that the keymap lacks a key of its own (xmodmap),
        so that xdotool types it without remapping a key for a moment — which races with the
        application reading the key."""
        if shutil.which('xmodmap') is None:
            return False
        wanted = sorted({c for c in text if ord(c) >= 0x100})
        if not wanted:
            return True
        try:
            table = subprocess.run(['xmodmap', '-pke'], capture_output=True, text=True,
                                   timeout=10, env=self.env).stdout
        except (subprocess.TimeoutExpired, OSError):
            return False
        free = [int(line.split()[1]) for line in table.splitlines()
                if line.startswith('keycode') and line.split('=', 1)[1].strip() == '']
        free = [k for k in free if k >= 9]
        if len(free) < len(wanted):
            return False
        expressions = []
        for keycode, char in zip(free, wanted):
            expressions += ['-e', f'keycode {keycode} = U{ord(char):04X}']
        try:
            subprocess.run(['xmodmap'] + expressions, check=True, capture_output=True,
                           timeout=10, env=self.env)
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError, OSError):
            return False
        return True

    def focused_window_name(self):
        try:
            done = subprocess.run(['xdotool', 'getwindowfocus', 'getwindowname'],
                                  capture_output=True, text=True, timeout=5, env=self.env)
            return done.stdout.strip()
        except (subprocess.TimeoutExpired, OSError):
            return ''

    def quit(self, timeout=8.0):
        """The quit action, then SIGTERM/SIGKILL if the process is still there."""
        if not self.alive():
            return
        try:
            self.action('quit', timeout=5.0)
        except BenchError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            end_process(self.proc)
        self.trace.close()


# ---- the bare window ----------------------------------------------------------------------

class BareWindow:
    """tests/bench/bench-bare-window: exec → first frame, and its memory."""

    def __init__(self, bench, name, hold_s=0):
        self.bench = bench
        self.dir = os.path.join(bench.scratch, 'runs', name)
        shutil.rmtree(self.dir, ignore_errors=True)
        for sub in ('config', 'state', 'cache', 'data'):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        self.env = bench.app_env(self.dir)
        self.hold_s = hold_s
        self.proc = None
        self.exec_ms = None

    def start(self):
        exe = os.path.join(self.bench.build, 'tests', 'bench', 'bench-bare-window')
        if not os.path.exists(exe):
            raise BenchError('bench-bare-window was not built')
        args = [exe] + (['--hold', str(self.hold_s)] if self.hold_s else [])
        self.exec_ms = now_ms()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     env=self.env, cwd=self.dir)
        return self

    def wait_painted(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        buffer = b''
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buffer += chunk
                for line in buffer.decode().splitlines():
                    if line.startswith('painted '):
                        return float(line.split()[1])
        raise BenchError('the bare window did not report its first frame')

    def finish(self, timeout=10.0):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            end_process(self.proc)
        if self.proc.stdout:
            self.proc.stdout.close()
