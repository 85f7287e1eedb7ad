#!/usr/bin/env python3
"""A local SMTP sink (PyPI aiosmtpd) for tandem's mail tests, its delay benchmark and the demo.

    sink.py --port 2525 --dir ./mail [--host 127.0.0.1] [--rcpt-delay SECONDS]

Every message accepted is written to DIR as `<arrival ns>-<n>.eml` (written under a temporary
name first, so a reader never sees half a message); nothing is relayed anywhere. With
`--rcpt-delay` each RCPT TO waits that long before its answer, to keep a sender busy in
the middle of a batch (the fault tests kill it there). Prints "listening on HOST:PORT" once
it accepts connections and runs until it is killed.
"""

import argparse
import asyncio
import pathlib
import time

from aiosmtpd.controller import Controller


class Save:
    def __init__(self, directory, rcpt_delay):
        self.directory = directory
        self.rcpt_delay = rcpt_delay
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{time.time_ns()}-{self.count:06d}"
        tmp = self.directory / f"{name}.tmp"
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(self.directory / f"{name}.eml")
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--dir", default="mail")
    parser.add_argument("--rcpt-delay", type=float, default=0.0)
    args = parser.parse_args()
    directory = pathlib.Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    controller = Controller(Save(directory, args.rcpt_delay), hostname=args.host, port=args.port)
    controller.start()
    print(f"listening on {args.host}:{args.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
