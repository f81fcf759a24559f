"""HTTP clients of bench/cluster that must keep time on a busy machine: one python process each
instead of a curl, grep and sleep per request, whose start-up alone takes seconds when the two
cores are shared by three JVMs and three wrk.

  sample BASE KEY OUT              one POST /classify every 200 ms until SIGTERM; per line:
                                   send epoch ms, receive epoch ms, HTTP status, modelVersion
  send KEY DIR N SECONDS OUT BASE...
                                   the flagged comments DIR/1.json .. DIR/N.json, round-robin over
                                   the BASEs, spread evenly over SECONDS; per line: sequence number,
                                   instance (1-based), send ms, receive ms, HTTP status,
                                   externalId, decision, queue id, modelVersion
Standard library only."""
import http.client
import json
import signal
import sys
import time
import urllib.parse

SAMPLE_BODY = json.dumps({"content": "Thanks for the detailed walkthrough, the second example finally made it clear to me."})


def now_ms():
    return int(time.time() * 1000)


class Client:
    """One keep-alive connection to BASE, opened again after any failure."""

    def __init__(self, base, key):
        u = urllib.parse.urlparse(base)
        self.host, self.port, self.key = u.hostname, u.port, key
        self.conn = None

    def classify(self, body, timeout):
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            self.conn.request("POST", "/classify", body=body.encode("utf-8"),
                              headers={"Content-Type": "application/json", "X-Api-Key": self.key})
            r = self.conn.getresponse()
            data = r.read()
            try:
                return r.status, json.loads(data)
            except ValueError:
                return r.status, {}
        except (OSError, http.client.HTTPException):
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, {}


def sample(base, key, out):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    client = Client(base, key)
    with open(out, "w", encoding="utf-8", buffering=1) as f:
        while not stop:
            sent = now_ms()
            status, answer = client.classify(SAMPLE_BODY, 10)
            f.write(f"{sent} {now_ms()} {status:03d} {answer.get('modelVersion', '')}\n")
            time.sleep(0.2)


def send(key, directory, n, seconds, out, bases):
    clients = [Client(b, key) for b in bases]
    gap = seconds / n if n else 0
    start = time.monotonic()
    with open(out, "w", encoding="utf-8", buffering=1) as f:
        for i in range(1, n + 1):
            wait = start + (i - 1) * gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            body = open(f"{directory}/{i}.json", encoding="utf-8").read()
            instance = (i - 1) % len(clients)
            sent = now_ms()
            status, answer = clients[instance].classify(body, 30)
            f.write(f"{i} {instance + 1} {sent} {now_ms()} {status:03d} {json.loads(body)['externalId']} "
                    f"{answer.get('decision', '-')} {answer.get('id', '-')} {answer.get('modelVersion', '-')}\n")


def main():
    cmd = sys.argv[1]
    if cmd == "sample":
        sample(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "send":
        send(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6], sys.argv[7:])
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
