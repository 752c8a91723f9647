"""Latency of the web app's scenario and press routes under concurrent clients.

The script starts ``realpolitik serve`` (uvicorn) on a copy of the bundled model, waits until it answers, then
runs ``--clients`` asynchronous httpx clients at once, each sending its share of requests back to back:

* ``POST /api/simulate``: the model's scenarios and a few hand-set controls, in an order that differs per client;
* ``POST /api/press``: a press up or down on one of a few concepts, 2,000 draws (what the page asks for).

Every client is made before the clock starts: an ``httpx.AsyncClient`` builds an SSL context (some 20 ms), and
twenty of them built in the event loop that reads the answers held the first answers unread for 0.4 s, which the
first runs of this script counted as the server's latency. With ``--mixed`` a second server is started and both
loads run on it at once (the two routes' clients side by side), as when one user presses while another runs
scenarios. ``--settle S`` reads the scenario list and waits ``S`` seconds on each fresh server, as a user reading the
scenario page does (the app starts its press workers on that read); answers are still computed afresh, since
nothing but the list was asked for.

It reports p50, p95, p99 and the worst latency of each route and the errors. Run from the repository root::

    python benchmarks/web.py                                  # this tree
    python benchmarks/web.py --before /tmp/old/src            # and an older tree's sources, one after the other
    python benchmarks/web.py --mixed                          # and both routes at once, on a fresh server

Every server starts fresh, so the first requests of a run pay for whatever the app computes once per model
version; the figures are over all requests, the first ones included.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "src" / "realpolitik" / "data" / "models" / "russia_afghanistan_2021.yaml"
PRESSED = ("aid_and_assets", "economic_crisis", "governance_vacuum")
CONTROLS = ({"aid_and_assets": 1.0}, {"aid_and_assets": 0.0}, {"economic_crisis": 0.8, "aid_and_assets": 0.2})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


class Server:
    """``realpolitik serve`` of a copy of the bundled model, with ``src`` first on the path."""

    def __init__(self, src: Path, folder: Path) -> None:
        self.port = _free_port()
        model = folder / "model.yaml"
        shutil.copyfile(BUNDLED, model)
        env = {**os.environ, "PYTHONPATH": str(src)}
        self.process = subprocess.Popen([sys.executable, "-m", "realpolitik", "serve", str(model), "--port",
                                         str(self.port)], env=env, cwd=folder, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(self.url + "/api/model", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not answer in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


async def _client(client: httpx.AsyncClient, route: str, bodies: list[dict], latencies: list[float],
                  errors: list[str]) -> None:
    for body in bodies:
        start = time.perf_counter()
        try:
            response = await client.post(route, json=body)
            if response.status_code != 200:
                errors.append(f"{response.status_code}: {response.text[:200]}")
        except httpx.HTTPError as exc:
            errors.append(repr(exc))
        latencies.append(time.perf_counter() - start)


def _bodies(route: str, scenarios: list[str], client: int, count: int) -> list[dict]:
    if route == "/api/simulate":
        pool = [{"scenario": s} for s in scenarios] + [{"clamps": c} for c in CONTROLS]
    else:
        pool = [{"concept": c, "direction": d, "draws": 2000} for c in PRESSED for d in (1, -1)]
    return [pool[(client * 3 + i) % len(pool)] for i in range(count)]


def load_test(url: str, loads: list[tuple[str, int]], clients: int) -> list[dict[str, object]]:
    """``clients`` clients per ``(route, requests per client)`` of ``loads``, all at once; a row per route."""
    # what the scenario page reads first (and what names the scenarios to run)
    scenarios = [s["id"] for s in httpx.get(url + "/api/scenarios", timeout=60).json()["scenarios"]]
    latencies: dict[str, list[float]] = {route: [] for route, _count in loads}
    errors: dict[str, list[str]] = {route: [] for route, _count in loads}
    walls: dict[str, float] = {}

    async def one_route(made: list[httpx.AsyncClient], route: str, count: int, start: float) -> None:
        await asyncio.gather(*(_client(client, route, _bodies(route, scenarios, k, count), latencies[route],
                                       errors[route]) for k, client in enumerate(made)))
        walls[route] = time.perf_counter() - start

    async def everyone() -> None:
        async with contextlib.AsyncExitStack() as stack:
            made = [[await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=300))
                     for _k in range(clients)] for _load in loads]
            start = time.perf_counter()
            await asyncio.gather(*(one_route(group, route, count, start)
                                   for group, (route, count) in zip(made, loads, strict=True)))

    asyncio.run(everyone())
    rows = []
    for route, _count in loads:
        times = latencies[route]
        rows.append({"route": route, "requests": len(times), "errors": len(errors[route]),
                     "first_errors": errors[route][:3], "p50": statistics.median(times),
                     "p95": _quantile(times, 0.95), "p99": _quantile(times, 0.99), "max": max(times),
                     "wall": walls[route], "throughput": len(times) / walls[route]})
    return rows


def _settle(url: str, seconds: float) -> None:
    if seconds > 0:
        httpx.get(url + "/api/scenarios", timeout=60).raise_for_status()
        time.sleep(seconds)


def run_tree(src: Path, clients: int, simulate: int, press: int, mixed: bool = False,
             settle: float = 0.0) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="realpolitik-web-bench-") as folder:
        server = Server(src, Path(folder))
        try:
            server.wait()
            _settle(server.url, settle)
            rows += load_test(server.url, [("/api/simulate", simulate)], clients)
            rows += load_test(server.url, [("/api/press", press)], clients)
        finally:
            server.stop()
    if mixed:
        with tempfile.TemporaryDirectory(prefix="realpolitik-web-bench-") as folder:
            server = Server(src, Path(folder))
            try:
                server.wait()
                _settle(server.url, settle)
                both = load_test(server.url, [("/api/simulate", simulate), ("/api/press", press)], clients)
            finally:
                server.stop()
        rows += [{**row, "mixed": True} for row in both]
    return rows


def markdown(results: dict[str, list[dict[str, object]]], clients: int) -> str:
    lines = [f"{clients} concurrent clients against one `realpolitik serve` (uvicorn), started fresh for each tree.",
             "", "| tree | route | requests | errors | p50 | p95 | p99 | max | requests/s |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for tree, rows in results.items():
        for row in rows:
            route = f"`POST {row['route']}`" + (" (mixed)" if row.get("mixed") else "")
            lines.append(f"| {tree} | {route} | {row['requests']} | {row['errors']} | "
                         f"{row['p50'] * 1e3:.0f} ms | {row['p95'] * 1e3:.0f} ms | {row['p99'] * 1e3:.0f} ms | "
                         f"{row['max'] * 1e3:.0f} ms | {row['throughput']:.1f} |")
    if "before" in results:
        for now, before in zip(results["now"], results["before"], strict=True):
            mixed = " (mixed)" if now.get("mixed") else ""
            lines.append(f"\n`POST {now['route']}`{mixed}: p99 {before['p99'] / now['p99']:.1f}× lower, "
                         f"p50 {before['p50'] / now['p50']:.1f}× lower than before.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree's src folder, measured after this one")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--simulate", type=int, default=10, help="simulate requests per client")
    parser.add_argument("--press", type=int, default=5, help="press requests per client")
    parser.add_argument("--mixed", action="store_true",
                        help="also run both routes' clients at once, on a fresh server")
    parser.add_argument("--settle", type=float, default=0.0,
                        help="seconds to wait after reading the scenario list, before the clients start")
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args(argv)
    results = {"now": run_tree(ROOT / "src", args.clients, args.simulate, args.press, args.mixed, args.settle)}
    if args.before is not None:
        results["before"] = run_tree(args.before.resolve(), args.clients, args.simulate, args.press, args.mixed,
                                     args.settle)
    text = markdown(results, args.clients)
    print(text)
    out = {"clients": args.clients, "settle": args.settle, "mixed": args.mixed, "load": os.getloadavg(),
           "results": results, "markdown": text}
    if args.json is not None:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
