#!/usr/bin/env python3
"""Load: many people practising at once against a running Rehearse server.

Each simulated person signs up, makes a question set from a role, then for
the set time reads the share, practice, role and dashboard pages, submits
answers and reads attempts back, thinking 50-300 ms between requests. At
the end every acknowledged answer is read back and compared with what was
sent. Prints p50 and p99 per route, throughput, errors, lost answers and
which engine assessed the answers (the full read or the quick read);
exits 1 if any request failed with a server error or any answer was lost.

    scripts/load.py [--base URL] [--users 200] [--seconds 60] [--ramp 10]

Every person comes from one machine here, so the per-address limits
(signups, anonymous generation) would refuse most of them: start the
server with REHEARSE_TRUST_PROXY=true and each person sends its own
X-Forwarded-For address. The per-account answer limit is 120 an hour;
raise it (REHEARSE_ANSWER_LIMIT=0) for runs longer than a few minutes.

Needs aiohttp from PyPI; when it is missing, the script installs it into
target/load-venv and runs itself from there.
"""

import argparse
import asyncio
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent


def ensure_aiohttp():
    try:
        import aiohttp  # noqa: F401
        return
    except ImportError:
        pass
    venv = ROOT / "target" / "load-venv"
    python = venv / "bin" / "python3"
    if not python.exists():
        print("load: installing aiohttp into target/load-venv", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "aiohttp>=3.9,<4"],
            check=True,
        )
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


ensure_aiohttp()
import aiohttp  # noqa: E402

PASSWORD = "violet tugboat lantern harbour"

# Original practice answers, of the lengths people type.
ANSWERS = [
    "In my last role our checkout service timed out for about one request in fifty "
    "during evening peaks. I owned the fix. I traced the slow calls to a lock held "
    "while we wrote audit rows, moved the audit write onto a queue, and added a "
    "dashboard for lock waits. Timeouts fell to one in five thousand within a week, "
    "and the on-call pages for checkout stopped.",
    "When two teams disagreed about who should own the shared login page, I set up "
    "a short meeting with both leads and wrote down what each team needed from it. "
    "We agreed that my team would own the page and the other team would own the "
    "password reset emails. I wrote the agreement into our service catalogue so "
    "new people could find it, and the handoffs stopped slipping.",
    "I would start by asking what the numbers are for: a weekly review needs a "
    "stable definition more than a fresh one. Then I would compare the two "
    "dashboards' queries line by line, find where the filters or time zones "
    "differ, and agree one definition with the metric's owner. I would publish it "
    "next to the chart and retire the other version.",
]


class Stats:
    def __init__(self):
        self.latencies = {}
        self.errors = {}
        self.refused = {}
        # Which engine assessed each acknowledged answer: the full read, or
        # the quick read given while every core was busy.
        self.engines = {}
        self.started = time.monotonic()

    def record(self, route, millis, status):
        self.latencies.setdefault(route, []).append(millis)
        if status is None or status >= 500:
            self.errors[route] = self.errors.get(route, 0) + 1
        elif status >= 400:
            self.refused[route] = self.refused.get(route, 0) + 1


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Person:
    def __init__(self, base, index, run, stats, forwarded):
        self.base = base
        self.stats = stats
        self.email = f"load-{run}-{index}@example.org"
        headers = {"origin": base}
        if forwarded:
            # 10.x.y.z, one address per person.
            headers["x-forwarded-for"] = f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
        self.session = aiohttp.ClientSession(
            base_url=base,
            headers=headers,
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=30),
        )
        self.slug = None
        self.role = None
        self.acknowledged = []  # (attempt id, answer sent)

    async def call(self, route, method, path, **kwargs):
        started = time.monotonic()
        try:
            async with self.session.request(method, path, allow_redirects=False, **kwargs) as r:
                body = await r.read()
                status = r.status
        except (aiohttp.ClientError, asyncio.TimeoutError):
            body, status = b"", None
        self.stats.record(route, (time.monotonic() - started) * 1000, status)
        return status, body

    async def start(self, roles):
        self.role = random.choice(roles)
        status, _ = await self.call(
            "signup", "POST", "/api/v1/auth/signup",
            json={"email": self.email, "password": PASSWORD},
        )
        if status != 201:
            return False
        status, body = await self.call(
            "generate", "POST", "/api/v1/question-sets",
            json={"role": self.role, "count": 5},
        )
        if status != 201:
            return False
        self.slug = json.loads(body)["slug"]
        return True

    async def act(self):
        choice = random.random()
        if choice < 0.2:
            await self.call("share page", "GET", f"/s/{self.slug}")
        elif choice < 0.4:
            await self.call("practice page", "GET", f"/practice/{self.slug}")
        elif choice < 0.55:
            await self.call("role page", "GET", f"/roles/{self.role}")
        elif choice < 0.65:
            await self.call("dashboard", "GET", "/me")
        elif choice < 0.85 or not self.acknowledged:
            answer = random.choice(ANSWERS)
            status, body = await self.call(
                "submit answer", "POST", "/api/v1/assessments",
                json={
                    "question_set": self.slug,
                    "question_index": random.randint(1, 5),
                    "answer": answer,
                    "idempotency_key": uuid.uuid4().hex,
                },
            )
            if status in (201, 202):
                attempt = json.loads(body)
                self.acknowledged.append((attempt["id"], answer))
                engine = (attempt.get("feedback") or {}).get("engine", "none (202)")
                self.stats.engines[engine] = self.stats.engines.get(engine, 0) + 1
        else:
            attempt, _ = random.choice(self.acknowledged)
            await self.call("read attempt", "GET", f"/api/v1/assessments/{attempt}")

    async def lost_answers(self):
        lost = 0
        for attempt, sent in self.acknowledged:
            async with self.session.get(f"/api/v1/assessments/{attempt}") as r:
                if r.status != 200 or (await r.json())["answer"] != sent:
                    lost += 1
        return lost


async def run(args):
    stats = Stats()
    run_id = uuid.uuid4().hex[:8]
    async with aiohttp.ClientSession(base_url=args.base) as probe:
        async with probe.get("/api/v1/roles") as r:
            roles = [role["slug"] for role in await r.json()]
    people = [Person(args.base, i, run_id, stats, args.forwarded) for i in range(args.users)]
    low, high = args.think
    deadline = time.monotonic() + args.seconds

    async def live(person):
        # People arrive spread over the ramp, as visitors do, rather than
        # all signing up in the same instant.
        await asyncio.sleep(random.uniform(0, args.ramp))
        if not await person.start(roles):
            return
        while time.monotonic() < deadline:
            await person.act()
            await asyncio.sleep(random.uniform(low, high) / 1000)

    started = time.monotonic()
    await asyncio.gather(*(live(p) for p in people))
    elapsed = time.monotonic() - started
    lost = sum(await asyncio.gather(*(p.lost_answers() for p in people if p.slug)))
    acknowledged = sum(len(p.acknowledged) for p in people)
    for p in people:
        await p.session.close()

    total = sum(len(v) for v in stats.latencies.values())
    print(f"{args.users} people for {elapsed:.0f} s against {args.base}")
    print(f"{'route':<15} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'4xx':>6} {'errors':>6}")
    for route in sorted(stats.latencies):
        values = stats.latencies[route]
        print(
            f"{route:<15} {len(values):>8} {statistics.median(values):>8.1f} "
            f"{percentile(values, 99):>8.1f} {stats.refused.get(route, 0):>6} "
            f"{stats.errors.get(route, 0):>6}"
        )
    errors = sum(stats.errors.values())
    print(f"throughput: {total / elapsed:.0f} requests/s; server errors: {errors}")
    print(f"answers acknowledged: {acknowledged}; lost: {lost}")
    engines = ", ".join(f"{name} {n}" for name, n in sorted(stats.engines.items()))
    print(f"feedback by engine: {engines}")
    return 0 if errors == 0 and lost == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:3000")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--ramp", type=float, default=10,
        help="seconds over which people arrive (0 for everyone at once)",
    )
    parser.add_argument(
        "--think", type=lambda s: tuple(int(x) for x in s.split("-")), default=(50, 300),
        help="thinking time between requests in ms, as LOW-HIGH",
    )
    parser.add_argument(
        "--no-forwarded", dest="forwarded", action="store_false",
        help="do not send a per-person X-Forwarded-For",
    )
    sys.exit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
