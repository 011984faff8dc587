#!/usr/bin/env python3
# bench.py — `make bench`: the benchmark suite of the "Performance" issue.
#
#   bench.py --build BUILD --out DIR [--budget SECONDS] [--quick] [GROUP …]
#
# Runs the real application and sandbox from BUILD (a release build), measures each metric,
# prints a table (metric, value, target, met / not met) and writes DIR/results.json
# ({"metric": value}, null where a metric could not be measured) and DIR/details.json (the
# samples, the reasons, the machine). A metric whose piece is missing is "n/a (reason)", never
# a number. build-aux/run-bench runs it under Xvfb with a private D-Bus session and keyring.
#
# Groups, in the order they run: longpoll, startup, session (idle memory and CPU, pop-up
# latency with long polling, memory growth over 2,000 calls), poll (pop-up latency with 1 s
# polling), pages (customer search, call history).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import datetime
import json
import os
import platform
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import (App, BareWindow, BenchError, Sandbox, cpu_seconds, median,  # noqa: E402
                      now_ms, percentile, rss_mb, DEMO_EXTENSION)

GROUPS = ['longpoll', 'startup', 'session', 'poll', 'pages']

# GTK's renderer for the application and the bare window alike. This machine has no GPU: GTK's
# own choice, GL, runs on llvmpipe, and then Mesa's rasterizer takes most of the CPU (70 % of
# the application's during the 2,000 calls) and the figures measure Mesa more than the
# application. Cairo is GTK's software renderer. BENCH_GSK_RENDERER=gl measures the other way.
RENDERER = os.environ.get('BENCH_GSK_RENDERER', 'cairo')

SEARCH_QUERIES = ['王', '138', '李', '0236', '张伟', '139', '刘', '重庆', '陈', '1580', '杨',
                  '黄', '186', '赵', '吴', '0238', '周', '科技', '徐', '177']


SEARCH_TIMEOUT_MS = 10000.0
SCROLL_ROW = 10000
SCROLL_MS = 5000


def memo_keys(i):
    """The keysyms that type "bench memo N"."""
    return list('bench') + ['space'] + list('memo') + ['space'] + list(str(i))

# metric → (target text, test on the results, or None when the metric has no target of its own)
TARGETS = {
    'pop_longpoll_p50_ms': ('≤ 25', lambda r: r['pop_longpoll_p50_ms'] <= 25),
    'pop_longpoll_p95_ms': ('≤ 50', lambda r: r['pop_longpoll_p95_ms'] <= 50),
    'pop_longpoll_p99_ms': ('—', None),
    'pop_poll_p95_ms': ('≤ 1050', lambda r: r['pop_poll_p95_ms'] <= 1050),
    'startup_ms': ('—', None),
    'startup_bare_ms': ('—', None),
    'startup_ratio': ('≤ 1.5', lambda r: r['startup_ratio'] <= 1.5),
    'rss_idle_mb': ('≤ bare + 40', lambda r: r['rss_idle_mb'] <= r['rss_bare_mb'] + 40),
    'rss_bare_mb': ('—', None),
    'rss_growth_2000_calls_mb': ('≤ 5', lambda r: r['rss_growth_2000_calls_mb'] <= 5),
    'idle_cpu_pct': ('≤ 0.2', lambda r: r['idle_cpu_pct'] <= 0.2),
    'search_p95_ms': ('≤ 100', lambda r: r['search_p95_ms'] <= 100),
    'history_page_ms': ('≤ 150', lambda r: r['history_page_ms'] <= 150),
    'history_scroll_max_frame_ms': ('≤ 32', lambda r: r['history_scroll_max_frame_ms'] <= 32),
    'sandbox_longpoll_p99_ms': ('≤ 20', lambda r: r['sandbox_longpoll_p99_ms'] <= 20),
    'sandbox_longpoll_release_p99_ms': ('—', None),
}

GROUP_METRICS = {
    'longpoll': ['sandbox_longpoll_p99_ms', 'sandbox_longpoll_release_p99_ms'],
    'startup': ['startup_ms', 'startup_bare_ms', 'startup_ratio'],
    'session': ['rss_idle_mb', 'rss_bare_mb', 'idle_cpu_pct', 'pop_longpoll_p50_ms',
                'pop_longpoll_p95_ms', 'pop_longpoll_p99_ms', 'rss_growth_2000_calls_mb'],
    'poll': ['pop_poll_p95_ms'],
    'pages': ['search_p95_ms', 'history_page_ms', 'history_scroll_max_frame_ms'],
}

# Rough durations, to skip a group rather than overrun the budget.
GROUP_ESTIMATE_S = {'longpoll': 90, 'startup': 60, 'session': 400, 'poll': 130, 'pages': 90}


class Bench:
    def __init__(self, args):
        self.build = os.path.abspath(args.build)
        self.out = os.path.abspath(args.out)
        self.scratch = os.path.abspath(args.scratch)
        self.quick = args.quick
        self.started = time.monotonic()
        self.deadline = self.started + args.budget
        self.results = {}
        self.notes = {}
        self.details = {}
        os.makedirs(self.out, exist_ok=True)
        os.makedirs(os.path.join(self.scratch, 'runs'), exist_ok=True)
        os.makedirs(os.path.join(self.scratch, 'cache'), exist_ok=True)
        self.rand = random.Random(0x800)
        self.load_at_start = os.getloadavg()

    # -- helpers --

    def app_env(self, run_dir):
        env = dict(os.environ)
        env.update({
            'XDG_CONFIG_HOME': os.path.join(run_dir, 'config'),
            'XDG_STATE_HOME': os.path.join(run_dir, 'state'),
            'XDG_DATA_HOME': os.path.join(run_dir, 'data'),
            # Shared: a person's second start finds its caches (fonts, shaders) warm.
            'XDG_CACHE_HOME': os.path.join(self.scratch, 'cache'),
            'GSETTINGS_SCHEMA_DIR': os.path.join(self.build, 'data'),
            'GSETTINGS_BACKEND': 'keyfile',
            'NO_AT_BRIDGE': '1',
            'GTK_A11Y': 'none',
            'LC_ALL': 'C.UTF-8',
            'BABAIHU_AUDIOSINK': 'fakesink',
            'BABAIHU_SANDBOX': os.path.join(self.build, 'src', 'sandbox', 'babaihu-sandbox'),
            'GSK_RENDERER': RENDERER,
        })
        env.pop('BABAIHU_TRACE', None)
        env.pop('LD_PRELOAD', None)
        return env

    def log(self, text):
        elapsed = time.monotonic() - self.started
        print(f'[{elapsed:6.1f} s] {text}', file=sys.stderr, flush=True)

    def set(self, metric, value, digits=1):
        self.results[metric] = round(value, digits) if value is not None else None

    def na(self, metric, reason):
        if self.results.get(metric) is None:
            self.results[metric] = None
            self.notes[metric] = reason

    def left_s(self):
        return self.deadline - time.monotonic()

    def sandbox(self, name, args, start_timeout=120.0):
        box = Sandbox(self.build, self.scratch, name, args, start_timeout)
        box.start()
        self.log(f'sandbox {name} ({" ".join(args)}) ready in {box.start_s:.1f} s at {box.api}')
        return box

    # -- sandbox under load ------------------------------------------------------------------

    def group_longpoll(self):
        duration = 15 if self.quick else 60
        box = self.sandbox('longpoll', ['--demo'])
        try:
            exe = os.path.join(self.build, 'tests', 'bench', 'bench-longpoll')
            self.log(f'bench-longpoll: 500 long polls + 50 requests/s for {duration} s')
            try:
                done = subprocess.run([exe, '--server', box.api, '--control', box.control,
                                       '--agents', '500', '--rate', '50', '--events', '4',
                                       '--duration', str(duration)],
                                      capture_output=True, text=True, timeout=duration + 180)
            except subprocess.TimeoutExpired:
                raise BenchError('bench-longpoll did not finish in time')
            if not done.stdout.strip():
                raise BenchError(f'bench-longpoll printed nothing: {done.stderr.strip()[-300:]}')
            report = json.loads(done.stdout)
            self.details['longpoll'] = report
            if report.get('error'):
                raise BenchError(f'bench-longpoll: {report["error"]}')
            if not report.get('mixed_answered'):
                raise BenchError('no mixed request was answered')
            self.set('sandbox_longpoll_p99_ms', report['mixed_p99_ms'], 2)
            if report.get('release_n'):
                self.set('sandbox_longpoll_release_p99_ms', report['release_p99_ms'], 2)
            else:
                self.na('sandbox_longpoll_release_p99_ms', 'no long poll was released by an event')
            held = report.get('long_polls_held_min', -1)
            self.notes['sandbox_longpoll_p99_ms'] = (
                f'{report["agents"]} long polls by {report["agents_distinct"]} distinct agents'
                f' ({report["agents_opened"]} opened by the administrator with addExtension);'
                f' the server held at least {held} at every sample;'
                f' {report["mixed_answered"]} requests, {report["mixed_errors"]} errors,'
                f' p50 {report["mixed_p50_ms"]} ms, max {report["mixed_max_ms"]} ms;'
                f' --demo data (5,000 customers, 20,000 call records)')
            self.notes['sandbox_longpoll_release_p99_ms'] = (
                f'event time → long poll answered, {report["release_n"]} events from'
                f' {report["events_placed"]} scripted calls; p50 {report["release_p50_ms"]} ms')
        finally:
            box.stop()

    # -- start-up ----------------------------------------------------------------------------

    def group_startup(self):
        runs = 3 if self.quick else 10
        box = self.sandbox('startup', ['--demo-size=2000'])
        app_ms, bare_ms, to_login, to_request = [], [], [], []
        try:
            # One pair first, not counted: it warms the disk cache for both alike.
            for i in range(runs + 1):
                bare = BareWindow(self, f'startup-bare-{i}').start()
                try:
                    painted = bare.wait_painted()
                finally:
                    bare.finish()
                app = App(self, f'startup-app-{i}', box).start()
                try:
                    shown = app.wait_logged_in()
                finally:
                    app.quit()
                if i > 0:
                    bare_ms.append(painted - bare.exec_ms)
                    app_ms.append(shown['ts_ms'] - app.exec_ms)
                    first = {}
                    for e in app.trace.events:
                        first.setdefault(e.get('event'), e['ts_ms'])
                    if 'login-ok' in first:
                        to_login.append(first['login-ok'] - app.exec_ms)
                    if 'request' in first:
                        to_request.append(first['request'] - app.exec_ms)
                self.log(f'startup run {i}: app {shown["ts_ms"] - app.exec_ms:.0f} ms,'
                         f' bare {painted - bare.exec_ms:.0f} ms' + (' (warm-up)' if i == 0 else ''))
        finally:
            box.stop()
        self.details['startup'] = {'app_ms': app_ms, 'bare_ms': bare_ms,
                                   'exec_to_first_request_done_ms': to_request,
                                   'exec_to_login_ok_ms': to_login}
        self.set('startup_ms', median(app_ms), 0)
        self.set('startup_bare_ms', median(bare_ms), 0)
        self.set('startup_ratio', median(app_ms) / median(bare_ms), 2)
        self.notes['startup_ms'] = (f'median of {runs}, exec → window-shown (logged in to a local'
                                    f' sandbox with --password-file); min {min(app_ms):.0f},'
                                    f' max {max(app_ms):.0f}' +
                                    (f'; exec → getExtension answered {median(to_request):.0f} ms,'
                                     f' → login-ok {median(to_login):.0f} ms'
                                     if to_login and to_request else ''))
        self.notes['startup_bare_ms'] = (f'median of {runs}, exec → first frame of'
                                         f' tests/bench/bench-bare-window; min {min(bare_ms):.0f},'
                                         f' max {max(bare_ms):.0f}')

    # -- one logged-in session: idle, pop-ups, 2,000 calls ------------------------------------

    def close_popup(self, app):
        app.keys('key', 'Escape')

    def pop_calls(self, app, box, phones, n, jitter_s, label, timeout_s=5.0):
        """n incoming calls; each pops, is hung up and closed. Returns the latencies (ms)."""
        latencies, missing = [], 0
        for i in range(n):
            time.sleep(self.rand.uniform(0, jitter_s))
            phone = phones[i % len(phones)]
            since = len(app.trace.events)
            placed = now_ms()
            box.call(phone, ring_ms=30000, talk_ms=0)
            shown = app.trace.wait(lambda e: e.get('event') == 'popup-shown' and
                                   e.get('phone') == phone and
                                   e.get('msg_time', 0) >= placed - 5,
                                   timeout_s, since=since, alive=app.alive)
            box.hangup()
            if shown is None:
                if not app.alive():
                    raise BenchError(f'the application exited during the {label} calls')
                missing += 1
                latencies.append(timeout_s * 1000.0)
            else:
                latencies.append(shown['ts_ms'] - shown['msg_time'])
            self.close_popup(app)
        return latencies, missing

    def group_session(self):
        calls = 40 if self.quick else 200
        growth_calls = max(200, int(os.environ.get('BENCH_GROWTH_CALLS', 200 if self.quick else 2000)))
        idle_s = 10 if self.quick else 30
        cpu_s = 15 if self.quick else 60
        box = self.sandbox('session', ['--demo'])
        app = None
        bare = None
        try:
            phones = box.customer_phones()
            app = App(self, 'session', box).start()
            shown = app.wait_logged_in()
            self.log('session: logged in; idle for the memory reading')
            bare = BareWindow(self, 'session-bare', hold_s=idle_s + 15).start()
            bare_painted = bare.wait_painted()

            # -- memory and CPU when idle --
            time.sleep(max(0.0, shown['ts_ms'] / 1000.0 + idle_s - time.time()))
            self.set('rss_idle_mb', rss_mb(app.pid))
            time.sleep(max(0.0, bare_painted / 1000.0 + idle_s - time.time()))
            self.set('rss_bare_mb', rss_mb(bare.proc.pid))
            bare.finish(timeout=0)
            bare = None
            self.notes['rss_idle_mb'] = f'VmRSS {idle_s} s after window-shown, no call'
            self.notes['rss_bare_mb'] = f'VmRSS of bench-bare-window {idle_s} s after its first frame'

            self.log(f'session: idle CPU over {cpu_s} s')
            app.trace.read()
            since = len(app.trace.events)
            cpu0, t0 = cpu_seconds(app.pid), time.monotonic()
            time.sleep(cpu_s)
            cpu1, t1 = cpu_seconds(app.pid), time.monotonic()
            app.trace.read()
            window = app.trace.events[since:]
            requests = {}
            for e in window:
                if e.get('event') == 'request':
                    requests[e.get('method')] = requests.get(e.get('method'), 0) + 1
            self.set('idle_cpu_pct', 100.0 * (cpu1 - cpu0) / (t1 - t0), 3)
            self.details['idle'] = {'cpu_s': cpu1 - cpu0, 'wall_s': t1 - t0,
                                    'requests': requests}
            self.notes['idle_cpu_pct'] = (f'{cpu1 - cpu0:.2f} s of CPU in {t1 - t0:.0f} s;'
                                          f' requests meanwhile: {requests or "none"}')
            if 'getLongWaterLine' not in requests and 'recvMsg' in requests:
                self.notes['idle_cpu_pct'] += ' (polling, not long-polling)'

            # -- pop-up latency, long polling --
            self.log(f'session: {calls} calls for the pop-up latency')
            latencies, missing = self.pop_calls(app, box, phones, calls, 0.05, 'long-poll')
            self.details['pop_longpoll_ms'] = latencies
            self.set('pop_longpoll_p50_ms', percentile(latencies, 50))
            self.set('pop_longpoll_p95_ms', percentile(latencies, 95))
            self.set('pop_longpoll_p99_ms', percentile(latencies, 99))
            self.notes['pop_longpoll_p95_ms'] = (
                f'{calls} calls, popup-shown.ts_ms − msg_time; min {min(latencies):.1f},'
                f' max {max(latencies):.1f} ms' +
                (f'; {missing} never popped (counted as 5000 ms)' if missing else ''))

            # -- memory over 2,000 calls --
            self.log(f'session: {growth_calls} accelerated calls (pop, lookups, memo, close)')
            self.growth_calls(app, box, phones, growth_calls)
        finally:
            if bare is not None:
                bare.finish(timeout=1)
            if app is not None:
                app.quit()
            box.stop()

    def growth_calls(self, app, box, phones, n):
        readings = {}
        missing = 0
        t0 = time.monotonic()
        for i in range(n):
            phone = phones[i % len(phones)]
            since = len(app.trace.events)
            placed = now_ms()
            box.call(phone, ring_ms=20, talk_ms=60)
            shown = app.trace.wait(lambda e: e.get('event') == 'popup-shown' and
                                   e.get('phone') == phone and
                                   e.get('msg_time', 0) >= placed - 5,
                                   5.0, since=since, alive=app.alive)
            if shown is None:
                if not app.alive():
                    raise BenchError(f'the application exited after {i} of {n} calls')
                missing += 1
                continue
            # One xdotool for the memo and Ctrl+Enter: a process costs 20–40 ms here.
            app.keys('key', '--delay', '1', *memo_keys(i), 'ctrl+Return')
            queued = app.trace.wait(lambda e: e.get('event') == 'memo-queued' and
                                    e.get('phone') == phone, 5.0, since=since, alive=app.alive)
            ended = app.trace.wait(lambda e: e.get('event') == 'event-received' and
                                   e.get('phone') == phone and e.get('status') in (2, 3) and
                                   e.get('msg_time', 0) >= placed - 5,
                                   5.0, since=since, alive=app.alive)
            if queued is None or ended is None:
                missing += 1
            self.close_popup(app)
            if i + 1 in (100, n):
                time.sleep(2.0)   # the same settling before both readings
                readings[i + 1] = rss_mb(app.pid)
                self.log(f'session: RSS after {i + 1} calls: {readings[i + 1]:.1f} MB')
        elapsed = time.monotonic() - t0
        self.details['growth'] = {'rss_mb': readings, 'calls': n, 'incomplete': missing,
                                  'seconds': elapsed}
        if missing > n // 20:
            raise BenchError(f'{missing} of {n} calls did not pop, queue their memo or end')
        self.set('rss_growth_2000_calls_mb', readings[n] - readings[100], 1)
        self.notes['rss_growth_2000_calls_mb'] = (
            f'VmRSS after call {n} ({readings[n]:.1f} MB) − after call 100'
            f' ({readings[100]:.1f} MB); each call: ring 20 ms, talk 60 ms, pop-up, its lookups,'
            f' a memo typed and saved with Ctrl+Enter, Escape; {elapsed:.0f} s'
            + (f'; {missing} incomplete' if missing else ''))

    # -- pop-up latency with 1 s polling ------------------------------------------------------

    def group_poll(self):
        calls = 20 if self.quick else 100
        box = self.sandbox('poll', ['--demo'])
        app = None
        try:
            phones = box.customer_phones()
            app = App(self, 'poll', box, settings={'event-transport': "'polling'",
                                                   'poll-interval-ms': 'uint32 1000'}).start()
            app.wait_logged_in()
            self.log(f'poll: {calls} calls with recvMsg polling every 1 s')
            # Random waits spread the calls over the polling cycle.
            latencies, missing = self.pop_calls(app, box, phones, calls, 1.0, 'polling')
            methods = {e.get('method') for e in app.trace.events if e.get('event') == 'request'}
        finally:
            if app is not None:
                app.quit()
            box.stop()
        if 'getLongWaterLine' in methods:
            raise BenchError('the application long-polled although event-transport is "polling"')
        self.details['pop_poll_ms'] = latencies
        self.set('pop_poll_p95_ms', percentile(latencies, 95))
        self.notes['pop_poll_p95_ms'] = (
            f'{calls} calls at random points of the polling cycle (event-transport "polling",'
            f' poll-interval-ms 1000); p50 {percentile(latencies, 50):.0f},'
            f' max {max(latencies):.0f} ms' +
            (f'; {missing} never popped (counted as 5000 ms)' if missing else ''))

    # -- customer search and call history on big data -------------------------------------------

    def group_pages(self):
        size = 10000 if self.quick else 125000
        box = self.sandbox('pages', [f'--demo-size={size}'], start_timeout=240)
        try:
            # One application for each page, so that neither waits on the other's requests.
            for name, run in (('search', lambda app: self.search(app, size)),
                              ('history', lambda app: self.history(app, size * 4))):
                metrics = (['search_p95_ms'] if name == 'search' else
                           ['history_page_ms', 'history_scroll_max_frame_ms'])
                app = App(self, f'pages-{name}', box)
                if name == 'history':
                    app.env['BABAIHU_BENCH_SCROLL'] = f'AgentHistoryPage:{SCROLL_ROW}:{SCROLL_MS}'
                try:
                    app.probe_frames()
                    app.start()
                    app.wait_logged_in()
                    run(app)
                except BenchError as e:
                    for metric in metrics:
                        self.na(metric, str(e))
                finally:
                    app.quit()
        finally:
            box.stop()

    def show_page(self, app, page, timeout=20.0):
        app.trace.read()
        since = len(app.trace.events)
        sent = app.action('show-page', f"'{page}'")
        shown = app.trace.wait(lambda e: e.get('event') in ('page-shown', 'page-denied') and
                               e.get('page') == page, timeout, since=since, alive=app.alive)
        if shown is None:
            raise BenchError(f'show-page \'{page}\' gave no page-shown within {timeout:.0f} s'
                             f' (the {page} page is not in the application yet)')
        if shown['event'] == 'page-denied':
            raise BenchError(f'the {page} page was denied to the demo agent')
        return sent, shown

    def history(self, app, records):
        sent, shown = self.show_page(app, 'history')
        if not shown.get('rows'):
            raise BenchError('show-page \'history\' painted a page of 0 rows: the call history'
                             ' page is not in the application yet')
        self.set('history_page_ms', shown['ts_ms'] - sent)
        self.notes['history_page_ms'] = (f'show-page \'history\' sent → page-shown'
                                         f' ({shown["rows"]} rows), {records:,} call records')
        self.scroll_history(app)

    def scroll_history(self, app):
        """The frame probe drags the list to row 10,000; the longest frame meanwhile."""
        if app.frames_path is None:
            raise BenchError('the frame probe is not loaded')
        app.wait_quiet('findDialrecord', 0.5, 5.0)
        os.kill(app.pid, signal.SIGUSR1)
        start = app.wait_probe_line(('scroll-start', 'scroll-error'), 5.0)
        if start is None or start[0] == 'scroll-error':
            raise BenchError('the frame probe could not scroll the history: ' +
                             (' '.join(start[1:]) if start else 'no answer'))
        done = app.wait_probe_line(('scroll-done',), SCROLL_MS / 1000 + 15)
        if done is None:
            raise BenchError('the scroll did not finish')
        begin_ms, end_ms = float(start[1]), float(done[1])
        windows, frames = app.read_frames()
        clocks = {c for c, kind in windows.items() if kind == 'AgentWindow'}
        during = [(b, e) for c, b, e, painted in frames
                  if c in clocks and begin_ms <= b <= end_ms + 250]
        if len(during) < 2:
            raise BenchError('no frames were drawn while scrolling')
        longest = max(e - b for b, e in during)
        gaps = [during[i + 1][1] - during[i][1] for i in range(len(during) - 1)]
        app.trace.read()
        requests = sum(1 for e in app.trace.events
                       if e.get('event') == 'request' and e.get('method') == 'findDialrecord'
                       and begin_ms <= e['ts_ms'] <= end_ms + 250)
        self.details['history_scroll'] = {'frames': len(during), 'longest_frame_ms': longest,
                                          'longest_gap_ms': max(gaps), 'rows': int(start[2]),
                                          'row_height_px': float(start[3]),
                                          'frame_ms': [round(e - b, 2) for b, e in during]}
        self.set('history_scroll_max_frame_ms', longest)
        over = sum(1 for b, e in during if e - b > 32)
        self.notes['history_scroll_max_frame_ms'] = (
            f'the list dragged from the top to row {SCROLL_ROW:,} in {SCROLL_MS / 1000:.0f} s'
            f' (the frame probe moves the scroll bar one step per frame): {len(during)} frames,'
            f' {over} over 32 ms, the longest {longest:.0f} ms (first frame phase → after-paint);'
            f' longest gap between frames {max(gaps):.0f} ms; findDialrecord answered'
            f' meanwhile: {requests}')

    def search(self, app, customers):
        """Ctrl+F on the customers page, then queries typed: last key → the rows painted."""
        queries = SEARCH_QUERIES[:6] if self.quick else SEARCH_QUERIES
        if app.frames_path is None:
            raise BenchError('the frame probe is not loaded: rows on screen cannot be timed')
        app.map_keysyms(''.join(queries))
        self.show_page(app, 'customers')
        pressed = now_ms()
        app.keys('key', 'ctrl+f')
        # The focus moves when GTK has handled the key: the field is drawn focused.
        app.wait_frame('AgentWindow', pressed, timeout=2.0)
        latencies, after_request, query_ms = [], [], []
        timeouts = mistyped = 0
        for query in queries:
            # The list settles first, so that each query is timed alone.
            app.wait_quiet('getCustomersPage', 0.4, 3.0)
            # A character the keymap lacks is typed by remapping a key for a moment; now and
            # then GTK reads the key after the mapping is back. The probe tells which keysyms
            # arrived: type the query again when they are not the query's.
            want = [ord(c) if ord(c) < 0x100 else 0x1000000 + ord(c) for c in query]
            for attempt in range(3):
                app.keys('key', 'ctrl+a')
                before = now_ms()
                app.keys('type', '--delay', '30', query)
                keys = app.wait_keys(before, len(query))
                if keys is not None and [k[1] for k in keys] == want:
                    break
                mistyped += 1
                app.wait_quiet('getCustomersPage', 0.4, 3.0)
            else:
                raise BenchError(f'the keys of {query!r} did not reach the application intact')
            typed = keys[-1][0]
            app.trace.read()
            request = app.trace.wait(lambda e: e.get('event') == 'request' and
                                     e.get('method') == 'getCustomersPage' and
                                     e['ts_ms'] - e.get('ms', 0) >= typed - 1,
                                     SEARCH_TIMEOUT_MS / 1000, alive=app.alive)
            if request is None:
                if not app.alive():
                    raise BenchError('the application exited during the search')
                # Measured, not missing: the rows did not come within 10 s.
                timeouts += 1
                latencies.append(SEARCH_TIMEOUT_MS)
                if timeouts >= 3:
                    break
                continue
            if not request.get('ok'):
                raise BenchError(f'getCustomersPage failed for the query {query!r}')
            frame = app.wait_frame('AgentWindow', request['ts_ms'])
            if frame is None:
                raise BenchError('no frame was painted after the search results arrived')
            latencies.append(frame[1] - typed)
            after_request.append(frame[1] - request['ts_ms'])
            query_ms.append(request['ms'])
        self.details['search'] = {'queries': queries, 'ms': latencies, 'timeouts': timeouts,
                                  'typed_again': mistyped,
                                  'answer_to_frame_ms': after_request, 'request_ms': query_ms}
        self.set('search_p95_ms', percentile(latencies, 95))
        if not after_request:
            self.notes['search_p95_ms'] = (
                f'no query\'s rows came within {SEARCH_TIMEOUT_MS / 1000:.0f} s'
                f' ({timeouts} tried, {customers:,} customers): counted as'
                f' {SEARCH_TIMEOUT_MS:.0f} ms')
            return
        waiting = [t - a - q for t, a, q in zip(latencies, after_request, query_ms)]
        self.notes['search_p95_ms'] = (
            f'{len(queries)} queries typed after Ctrl+F (names, number prefixes, places) into'
            f' {customers:,} customers: the last key press as the application received it →'
            f' the first frame painted after the query\'s getCustomersPage answered.'
            f' p50 {percentile(latencies, 50):.0f} ms = {percentile(waiting, 50):.0f} ms before'
            f' the request left (the search field\'s search-delay) + {percentile(query_ms, 50):.0f}'
            f' ms request + {percentile(after_request, 50):.0f} ms from the answer to the painted'
            f' frame (p95 {percentile(after_request, 95):.0f} ms)' +
            (f'; {timeouts} queries got no rows within {SEARCH_TIMEOUT_MS / 1000:.0f} s'
             f' (counted as {SEARCH_TIMEOUT_MS:.0f} ms{", the rest skipped" if timeouts >= 3 else ""})'
             if timeouts else ''))

    # -- report --------------------------------------------------------------------------------

    def run(self, groups):
        for group in GROUPS:
            if group not in groups:
                continue
            if self.left_s() < GROUP_ESTIMATE_S[group] * (0.3 if self.quick else 1.0):
                for metric in GROUP_METRICS[group]:
                    self.na(metric, 'skipped: the 15-minute budget ran out')
                continue
            self.log(f'== {group}')
            try:
                getattr(self, f'group_{group}')()
            except BenchError as e:
                self.log(f'{group}: {e}')
                for metric in GROUP_METRICS[group]:
                    self.na(metric, str(e))
            except Exception as e:   # a bug here must not hide the other groups' figures
                self.log(f'{group}: {type(e).__name__}: {e}')
                for metric in GROUP_METRICS[group]:
                    self.na(metric, f'the benchmark failed: {type(e).__name__}: {e}')
            for metric in GROUP_METRICS[group]:
                if metric not in self.results:
                    self.na(metric, 'not measured')

    def verdict(self, metric):
        target, test = TARGETS[metric]
        if self.results.get(metric) is None or test is None:
            return '—'
        try:
            return 'met' if test(self.results) else 'NOT MET'
        except (TypeError, KeyError):
            return '—'

    def report(self, groups):
        rows = []
        for metric in TARGETS:
            if not any(metric in GROUP_METRICS[g] for g in groups):
                continue
            value = self.results.get(metric)
            shown = f'n/a ({self.notes.get(metric, "not measured")})' if value is None else f'{value:g}'
            rows.append((metric, shown, TARGETS[metric][0], self.verdict(metric)))
        width = max(len(r[0]) for r in rows)
        print()
        print(f'GSK_RENDERER={RENDERER} (BENCHMARKS.md says why); build {self.build}')
        load = max(self.load_at_start[0], os.getloadavg()[0])
        if load > (os.cpu_count() or 1):
            print(f'NOTE: the machine was busy with other work (load average up to {load:.1f} on'
                  f' {os.cpu_count()} cores): the timings are pessimistic')
        print(f'{"metric":<{width}}  {"value":<12}  {"target":<12}  result')
        print(f'{"-" * width}  {"-" * 12}  {"-" * 12}  -------')
        for metric, shown, target, verdict in rows:
            if len(shown) > 12:
                print(f'{metric:<{width}}  {"":<12}  {target:<12}  {verdict}')
                print(f'{"":<{width}}    {shown}')
            else:
                print(f'{metric:<{width}}  {shown:<12}  {target:<12}  {verdict}')
        print()
        for metric, _, _, _ in rows:
            if self.results.get(metric) is not None and metric in self.notes:
                print(f'  {metric}: {self.notes[metric]}')
        met = sum(1 for r in rows if r[3] == 'met')
        missed = sum(1 for r in rows if r[3] == 'NOT MET')
        na = sum(1 for r in rows if self.results.get(r[0]) is None)
        print(f'\n{met} met, {missed} not met, {na} n/a'
              f' ({time.monotonic() - self.started:.0f} s{", --quick" if self.quick else ""})')

        # A run of some groups keeps the other groups' figures from the last run.
        merged = {}
        results_path = os.path.join(self.out, 'results.json')
        if set(groups) != set(GROUPS) and os.path.exists(results_path):
            try:
                with open(results_path) as f:
                    merged = json.load(f)
            except (OSError, json.JSONDecodeError):
                merged = {}
        merged.update(self.results)
        with open(results_path, 'w') as f:
            json.dump(merged, f, indent=2)
            f.write('\n')
        commit = subprocess.run(['git', '-C', os.path.dirname(os.path.abspath(__file__)),
                                 'rev-parse', '--short', 'HEAD'],
                                capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(['git', '-C', os.path.dirname(os.path.abspath(__file__)),
                                'status', '--porcelain', '--untracked-files=no'],
                               capture_output=True, text=True).stdout.strip() != ''
        with open('/proc/cpuinfo') as f:
            cpu = next((line.split(':', 1)[1].strip() for line in f
                        if line.startswith('model name')), platform.processor())
        details = {
            'date': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
            'commit': commit + ('+changes' if dirty else ''),
            'machine': {'cpu': cpu, 'cores': os.cpu_count(), 'kernel': platform.release(),
                        'memory_gb': round(os.sysconf('SC_PAGE_SIZE') *
                                           os.sysconf('SC_PHYS_PAGES') / 2**30, 1)},
            'quick': self.quick,
            'groups': groups,
            'renderer': RENDERER,
            # Other work on the machine shows here (the figures are noisier when it is high).
            'load_average_at_start': self.load_at_start,
            'load_average_at_end': os.getloadavg(),
            'results': self.results,
            'targets': {m: TARGETS[m][0] for m in self.results},
            'verdicts': {m: self.verdict(m) for m in self.results},
            'notes': self.notes,
            'samples': self.details,
        }
        details_name = 'details.json' if set(groups) == set(GROUPS) else f'details-{"-".join(groups)}.json'
        with open(os.path.join(self.out, details_name), 'w') as f:
            json.dump(details, f, indent=2, ensure_ascii=False)
            f.write('\n')
        print(f'results: {results_path} ({details_name} beside it)')


def main():
    parser = argparse.ArgumentParser(description='The Babaihu Agent benchmark suite')
    parser.add_argument('--build', required=True, help='a release build directory')
    parser.add_argument('--out', required=True, help='where results.json goes')
    parser.add_argument('--scratch', required=True, help='a private scratch directory')
    parser.add_argument('--budget', type=float, default=870, help='seconds for the whole suite')
    parser.add_argument('--quick', action='store_true', help='fewer runs and calls, to try it out')
    parser.add_argument('groups', nargs='*', help=f'groups to run (default all): {", ".join(GROUPS)}')
    args = parser.parse_args()
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f'unknown group {", ".join(unknown)}; the groups are {", ".join(GROUPS)}')
    groups = args.groups or GROUPS
    bench = Bench(args)
    bench.run(groups)
    bench.report(groups)
    return 0


if __name__ == '__main__':
    sys.exit(main())
