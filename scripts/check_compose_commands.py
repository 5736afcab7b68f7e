#!/usr/bin/env python3
"""Check that every weikao service in docker-compose.yml starts a command the binary accepts.

    check_compose_commands.py <compose-config.json> <weikao-binary> [--dockerfile Dockerfile]

<compose-config.json> is the output of `docker-compose config --format json` (variables already interpolated);
scripts/check-compose.sh produces it. For each service that runs the weikao image (build target `runtime`, or an
image named `weikao`), this runs, in an empty environment and an empty working directory,

    env -i PATH=$PATH <image ENV from the Dockerfile's runtime stage> <service environment> \
        <weikao-binary> --check-config <service command, or the image CMD `serve`>

`--check-config` parses the command line and the WEIKAO_* environment and exits without doing anything:
0 = accepted, 2 = unknown subcommand or flag, 3 = unknown or invalid WEIKAO_* variable.
Prints one line per service and a final `N passed, M failed`; exits 1 if anything failed or nothing was checked.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_COMMAND = ["serve"]  # Dockerfile: ENTRYPOINT ["weikao"], CMD ["serve"]
EXIT_MEANING = {2: "unknown subcommand or flag", 3: "unknown or invalid WEIKAO_* variable"}


def is_weikao_service(svc: dict) -> bool:
    build = svc.get("build") or {}
    if build and build.get("target", "runtime") == "runtime":
        return True
    image = svc.get("image") or ""
    repo = image.rsplit("@", 1)[0]  # drop a digest
    if ":" in repo.rsplit("/", 1)[-1]:  # drop a tag (not a registry port)
        repo = repo.rsplit(":", 1)[0]
    return repo.rsplit("/", 1)[-1] == "weikao"


def image_env(dockerfile: Path, stage: str = "runtime") -> dict[str, str]:
    """ENV KEY=VALUE pairs of one Dockerfile stage (the container starts with them; compose's environment wins)."""
    env: dict[str, str] = {}
    if not dockerfile.is_file():
        return env
    text = dockerfile.read_text(encoding="utf-8").replace("\\\n", " ")  # join continuation lines
    current = None
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if not words or words[0].startswith("#"):
            continue
        if words[0].upper() == "FROM":
            parts = line.split()
            current = parts[-1] if len(parts) >= 4 and parts[-2].upper() == "AS" else None
        elif words[0].upper() == "ENV" and current == stage and len(words) == 2:
            for pair in shlex.split(words[1]):
                if "=" in pair:
                    key, value = pair.split("=", 1)
                    env[key] = value
    return env


def check_service(name: str, svc: dict, binary: str, base_env: dict[str, str], workdir: str) -> bool:
    command = svc.get("command") or DEFAULT_COMMAND
    shown = " ".join(command)
    entrypoint = svc.get("entrypoint")
    if entrypoint and list(entrypoint) != ["weikao"]:
        print(f"compose: service {name} FAILED: entrypoint {entrypoint!r} replaces the image's ['weikao']; cannot check")
        return False

    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.update(base_env)
    for key, value in (svc.get("environment") or {}).items():
        if value is not None:  # `KEY` without a value passes the host's value through: not set here
            # `config` prints a literal `$` escaped as `$$` (so its output can be loaded again): undo that.
            env[key] = str(value).replace("$$", "$")

    try:
        proc = subprocess.run([binary, "--check-config", *command], env=env, cwd=workdir,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"compose: service {name} command '{shown}' FAILED: could not run {binary}: {exc}")
        return False

    if proc.returncode == 0:
        print(f"compose: service {name} command '{shown}' accepted")
        return True
    meaning = EXIT_MEANING.get(proc.returncode, "unexpected exit code")
    print(f"compose: service {name} command '{shown}' REJECTED (exit {proc.returncode}: {meaning})")
    for stream in (proc.stdout, proc.stderr):
        for line in stream.strip().splitlines()[-20:]:
            print(f"    {line}")
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("config_json", type=Path, help="output of `docker-compose config --format json`")
    ap.add_argument("binary", help="the weikao binary to check against")
    ap.add_argument("--dockerfile", type=Path, default=Path(__file__).resolve().parent.parent / "Dockerfile",
                    help="Dockerfile whose runtime-stage ENV the containers start with")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"compose: {args.binary} is not an executable file")
        print("0 passed, 1 failed")
        return 1

    services = json.loads(args.config_json.read_text(encoding="utf-8")).get("services", {})
    base_env = image_env(args.dockerfile)
    if base_env:
        print(f"compose: image environment from {args.dockerfile.name}: {', '.join(sorted(base_env))}")

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="weikao-check-config-") as workdir:
        for name in sorted(services):
            if not is_weikao_service(services[name]):
                continue
            if check_service(name, services[name], binary, base_env, workdir):
                passed += 1
            else:
                failed += 1

    if passed + failed == 0:
        print("compose: no service runs the weikao image (build target 'runtime' or image 'weikao')")
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
