"""Latency of the web app's scenario and press routes under concurrent clients.

The script starts ``realpolitik serve`` (uvicorn) on a copy of the bundled model, waits until it answers, then
runs ``--clients`` asynchronous httpx clients at once, each sending its share of requests back to back:

* ``POST /api/simulate``: the model's scenarios and a few hand-set controls, in an order that differs per client;
* ``POST /api/press``: a press up or down on one of a few concepts, 2,000 draws (what the page asks for).

It reports p50, p95, p99 and the worst latency of each route and the errors. Run from the repository root::

    python benchmarks/web.py                                  # this tree
    python benchmarks/web.py --before /tmp/old/src            # and an older tree's sources, one after the other

Every server starts fresh, so the first requests of a run pay for whatever the app computes once per model
version; the figures are over all requests, the first ones included.
"""

from __future__ import annotations

import argparse
import asyncio
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


async def _client(url: str, route: str, bodies: list[dict], latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
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


def load_test(url: str, route: str, clients: int, per_client: int) -> dict[str, object]:
    scenarios = [s["id"] for s in httpx.get(url + "/api/scenarios", timeout=60).json()["scenarios"]]
    latencies: list[float] = []
    errors: list[str] = []

    async def everyone() -> None:
        await asyncio.gather(*(_client(url, route, _bodies(route, scenarios, k, per_client), latencies, errors)
                               for k in range(clients)))

    start = time.perf_counter()
    asyncio.run(everyone())
    wall = time.perf_counter() - start
    return {"route": route, "requests": len(latencies), "errors": len(errors), "first_errors": errors[:3],
            "p50": statistics.median(latencies), "p95": _quantile(latencies, 0.95),
            "p99": _quantile(latencies, 0.99), "max": max(latencies), "wall": wall,
            "throughput": len(latencies) / wall}


def run_tree(src: Path, clients: int, simulate: int, press: int) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="realpolitik-web-bench-") as folder:
        server = Server(src, Path(folder))
        try:
            server.wait()
            rows = [load_test(server.url, "/api/simulate", clients, simulate),
                    load_test(server.url, "/api/press", clients, press)]
        finally:
            server.stop()
    return rows


def markdown(results: dict[str, list[dict[str, object]]], clients: int) -> str:
    lines = [f"{clients} concurrent clients against one `realpolitik serve` (uvicorn), started fresh for each tree.",
             "", "| tree | route | requests | errors | p50 | p95 | p99 | max | requests/s |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for tree, rows in results.items():
        for row in rows:
            lines.append(f"| {tree} | `POST {row['route']}` | {row['requests']} | {row['errors']} | "
                         f"{row['p50'] * 1e3:.0f} ms | {row['p95'] * 1e3:.0f} ms | {row['p99'] * 1e3:.0f} ms | "
                         f"{row['max'] * 1e3:.0f} ms | {row['throughput']:.1f} |")
    if "before" in results:
        for now, before in zip(results["now"], results["before"], strict=True):
            lines.append(f"\n`POST {now['route']}`: p99 {before['p99'] / now['p99']:.0f}× lower, "
                         f"p50 {before['p50'] / now['p50']:.0f}× lower than before.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree's src folder, measured after this one")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--simulate", type=int, default=10, help="simulate requests per client")
    parser.add_argument("--press", type=int, default=5, help="press requests per client")
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args(argv)
    results = {"now": run_tree(ROOT / "src", args.clients, args.simulate, args.press)}
    if args.before is not None:
        results["before"] = run_tree(args.before.resolve(), args.clients, args.simulate, args.press)
    text = markdown(results, args.clients)
    print(text)
    out = {"clients": args.clients, "load": os.getloadavg(), "results": results, "markdown": text}
    if args.json is not None:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
